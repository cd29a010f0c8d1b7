"""Pages of the daily plan; included into the ``web`` namespace by ``weakties.web.urls``.

The Today page is the home page (``web:home``, through ``web.views.home``)."""

from django.urls import URLPattern, path

from weakties.plan import views

urlpatterns: list[URLPattern] = [
    path("plan/<int:contact_id>/done/", views.reach_out_done, name="reach_out_done"),
    path("plan/<int:contact_id>/skip/", views.reach_out_skip, name="reach_out_skip"),
    path("plan/<int:contact_id>/snooze/", views.reach_out_snooze, name="reach_out_snooze"),
    path("week/", views.week, name="week"),
    path("settings/", views.plan_settings, name="plan_settings"),
    path("settings/template/", views.template_edit, name="template_edit"),
    path("contacts/<int:contact_id>/draft/", views.draft, name="draft"),
    path("contacts/<int:contact_id>/draft/sent/", views.draft_sent, name="draft_sent"),
    path("contacts/<int:contact_id>/exchanges/", views.exchange_add, name="exchange_add"),
]
