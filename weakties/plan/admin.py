from django.contrib import admin

from weakties.plan.models import Exchange


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin):
    list_display = ["occurred_on", "contact", "direction", "kind", "text", "owner"]
    list_filter = ["direction", "kind"]
    search_fields = ["text", "contact__name"]
    raw_id_fields = ["contact"]
