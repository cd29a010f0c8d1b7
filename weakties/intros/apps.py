from django.apps import AppConfig


class IntrosConfig(AppConfig):
    name = "weakties.intros"
    verbose_name = "Introductions"
    default_auto_field = "django.db.models.BigAutoField"
