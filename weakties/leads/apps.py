from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "weakties.leads"
    verbose_name = "Job leads"
    default_auto_field = "django.db.models.BigAutoField"
