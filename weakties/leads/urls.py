"""Pages of this area; included into the ``web`` namespace by ``weakties.web.urls``."""

from django.urls import URLPattern, path

from weakties.leads import views

urlpatterns: list[URLPattern] = [
    path("leads/", views.lead_board, name="leads"),
    path("leads/add/", views.lead_add, name="lead_add"),
    path("leads/<int:lead_id>/", views.lead_detail, name="lead"),
    path("leads/<int:lead_id>/move/", views.lead_move, name="lead_move"),
    path("targets/", views.target_list, name="targets"),
    path("organizations/<int:organization_id>/", views.organization_detail, name="organization"),
    path(
        "organizations/<int:organization_id>/target/",
        views.organization_target,
        name="organization_target",
    ),
    path(
        "organizations/<int:organization_id>/membership/",
        views.organization_membership,
        name="organization_membership",
    ),
    path("events/", views.event_list, name="events"),
    path("events/<int:event_id>/", views.event_detail, name="event"),
    path("events/<int:event_id>/met/", views.event_met, name="event_met"),
]
