"""Pages of this area; included into the ``web`` namespace by ``weakties.web.urls``."""

from django.urls import URLPattern, path

from weakties.interop import views

urlpatterns: list[URLPattern] = [
    path("import/", views.import_page, name="import"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/cancel/", views.import_cancel, name="import_cancel"),
    path("export/", views.export_page, name="export"),
    path("export/download/", views.export_download, name="export_download"),
    path("export/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path("export/restore/", views.restore, name="restore"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
