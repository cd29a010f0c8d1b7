"""Template helpers of the hidden-job-market pages, and the contact page's panel of leads and
events (included by ``web/contact_detail.html`` without changing its view)."""

from __future__ import annotations

from typing import Any

from django import template

from weakties.leads import selectors
from weakties.leads.models import Lead
from weakties.leads.services import STAGE_WORDS
from weakties.network.models import Contact

register = template.Library()


@register.filter
def stage_words(stage: str) -> str:
    """ "referral_asked" → "Referral asked"; "won" → "Closed won"."""
    return STAGE_WORDS[Lead.Stage(stage)].capitalize()


@register.inclusion_tag("leads/_contact_leads.html")
def contact_leads_panel(contact: Contact) -> dict[str, Any]:
    """The leads this contact told me about (or refers me for) and the events where we met."""
    return {
        "contact": contact,
        "contact_leads": list(selectors.contact_leads(contact=contact)),
        "contact_events": list(selectors.contact_events(contact=contact)),
    }
