from django.contrib import admin

from weakties.leads.models import Event, Lead, LeadStageChange, Membership


class LeadStageChangeInline(admin.TabularInline):
    model = LeadStageChange
    extra = 0


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ["role", "organization", "stage", "source", "heard_on", "is_posted", "owner"]
    list_filter = ["stage", "is_posted"]
    search_fields = ["role", "organization__name", "source__name"]
    raw_id_fields = ["organization", "source", "referrer"]
    inlines = [LeadStageChangeInline]


@admin.register(LeadStageChange)
class LeadStageChangeAdmin(admin.ModelAdmin):
    list_display = ["lead", "from_stage", "to_stage", "changed_on"]
    list_filter = ["to_stage"]
    raw_id_fields = ["lead"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "held_on", "kind", "organizer", "owner"]
    list_filter = ["kind"]
    search_fields = ["name", "notes"]
    raw_id_fields = ["organizer", "people_met"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organization", "role", "since", "owner"]
    search_fields = ["organization__name", "role"]
    raw_id_fields = ["organization"]
