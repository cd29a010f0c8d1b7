from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "weakties.network"
    verbose_name = "Network"
    default_auto_field = "django.db.models.BigAutoField"
