from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "weakties.interop"
    verbose_name = "Import and export"
    default_auto_field = "django.db.models.BigAutoField"
