"""Pages of this area; included into the ``web`` namespace by ``weakties.web.urls``."""

from django.urls import URLPattern, path

from weakties.intros import views

urlpatterns: list[URLPattern] = [
    path("introductions/", views.introductions, name="introductions"),
]
