from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "weakties.accounts"
    verbose_name = "Accounts"
