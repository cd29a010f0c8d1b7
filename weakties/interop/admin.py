from django.contrib import admin

from weakties.interop.models import CalendarFeed, FeedEvent, ImportRecord


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    list_display = ["imported_at", "kind", "file_name", "added", "updated", "skipped", "owner"]
    list_filter = ["kind"]
    search_fields = ["file_name", "sha256"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["owner", "created_at"]


@admin.register(FeedEvent)
class FeedEventAdmin(admin.ModelAdmin):
    list_display = ["uid", "sequence", "owner"]
    search_fields = ["uid"]
