from django.contrib import admin

from weakties.plan.models import Exchange, MessageTemplate, Pause, PlanSettings


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "contact", "direction", "kind", "text", "owner"]
    list_filter = ["direction", "kind"]
    search_fields = ["text", "contact__name"]
    raw_id_fields = ["contact"]


@admin.register(PlanSettings)
class PlanSettingsAdmin(admin.ModelAdmin):
    list_display = ["owner", "daily_count", "dormant_days", "mentor_days", "meet_goal", "talk_goal"]


@admin.register(Pause)
class PauseAdmin(admin.ModelAdmin):
    list_display = ["contact", "kind", "started_on", "until", "owner"]
    list_filter = ["kind"]
    raw_id_fields = ["contact"]


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "subject", "owner", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "body"]
