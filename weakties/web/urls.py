from django.urls import path

from weakties.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
