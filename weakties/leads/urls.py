"""Pages of this area; included into the ``web`` namespace by ``weakties.web.urls``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
