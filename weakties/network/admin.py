from django.contrib import admin

from weakties.network.models import (
    Contact,
    ContactLink,
    ContactPoint,
    ContactRole,
    HelpIdea,
    Interaction,
    Memory,
    NextStep,
    Organization,
    Tag,
)


class ContactPointInline(admin.TabularInline):
    model = ContactPoint
    extra = 0
    fields = ["kind", "label", "value", "normalized"]
    readonly_fields = ["normalized"]


class ContactRoleInline(admin.TabularInline):
    model = ContactRole
    extra = 0


class MemoryInline(admin.TabularInline):
    model = Memory
    extra = 0


class HelpIdeaInline(admin.TabularInline):
    model = HelpIdea
    extra = 0


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "title", "tie", "closeness", "owner", "archived_at"]
    list_filter = ["tie", "level", "source", "owner"]
    search_fields = ["name", "title", "organization__name", "notes"]
    list_select_related = ["organization", "owner"]
    raw_id_fields = ["organization", "owner"]
    filter_horizontal = ["tags"]
    inlines = [ContactPointInline, ContactRoleInline, MemoryInline, HelpIdeaInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_target", "owner"]
    list_filter = ["kind", "is_target"]
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "owner"]
    search_fields = ["name"]


@admin.register(ContactPoint)
class ContactPointAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "label", "contact", "owner"]
    list_filter = ["kind"]
    search_fields = ["value", "normalized"]
    raw_id_fields = ["contact", "owner"]


@admin.register(ContactLink)
class ContactLinkAdmin(admin.ModelAdmin):
    list_display = ["contact_a", "contact_b", "kind", "strength", "owner"]
    list_filter = ["kind"]
    raw_id_fields = ["contact_a", "contact_b", "owner"]


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "channel", "direction", "summary", "owner"]
    list_filter = ["channel", "direction"]
    search_fields = ["summary"]
    date_hierarchy = "occurred_on"
    raw_id_fields = ["participants", "owner"]


@admin.register(NextStep)
class NextStepAdmin(admin.ModelAdmin):
    list_display = ["text", "contact", "mine", "due", "done_on", "owner"]
    list_filter = ["mine"]
    search_fields = ["text"]
    raw_id_fields = ["contact", "interaction", "owner"]


admin.site.register(ContactRole)
admin.site.register(Memory)
admin.site.register(HelpIdea)
