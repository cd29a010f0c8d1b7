from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "weakties.plan"
    verbose_name = "Daily plan"
    default_auto_field = "django.db.models.BigAutoField"
