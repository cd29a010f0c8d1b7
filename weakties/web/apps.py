from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "weakties.web"
    verbose_name = "Web UI"
