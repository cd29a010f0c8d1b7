"""Forms of the hidden-job-market pages: they parse what a person typed for one service."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.models import User

from weakties.dates import parse_date
from weakties.errors import UserError
from weakties.leads.models import Event, Lead
from weakties.leads.services import STAGE_WORDS, PersonMet
from weakties.network import selectors as network_selectors
from weakties.network.models import Contact
from weakties.web.forms import WebForm

MOTIVATION_CHOICES = [
    ("", "Not rated"),
    (5, "5 · my dream employer"),
    (4, "4 · very keen"),
    (3, "3 · keen"),
    (2, "2 · interested"),
    (1, "1 · mildly"),
]
STAGE_CHOICES = [(stage.value, STAGE_WORDS[stage].capitalize()) for stage in Lead.Stage]
PEOPLE_ROWS = 5


class _DateField(forms.CharField):
    """A date as people type it ("yesterday", "last thursday", "2026-03-12")."""

    def __init__(self, *, prefer: str = "past", **kwargs: Any) -> None:
        self.prefer = prefer
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value: Any) -> date | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_date(text, prefer=self.prefer)  # type: ignore[arg-type]
        except UserError as error:
            raise forms.ValidationError(error.message.split(": ", 1)[-1]) from None


class _PersonField(forms.CharField):
    """Someone in my network, named as in the CLI: a name, part of one, an email or #id."""

    def __init__(self, *, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Contact | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return network_selectors.contact_resolve(user=self.user, query=text)
        except UserError as error:
            candidates = getattr(error, "candidates", [])
            raise forms.ValidationError(" ".join([error.message, *candidates])) from None


class LeadForm(WebForm):
    error_fields = {"date": "heard_on"}

    organization = forms.CharField(label="Organisation", max_length=200)
    role = forms.CharField(label="Role", max_length=200)
    heard_on = _DateField(label="Heard on", required=False, help_text="Default: today.")
    is_posted = forms.BooleanField(label="Publicly posted", required=False)
    url = forms.CharField(label="Link", max_length=500, required=False)
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"] = _PersonField(
            user=user,
            label="Told by",
            required=False,
            help_text="Who told you (a name, part of one, or an email).",
        )
        self.order_fields(["organization", "role", "source"])


class MoveForm(WebForm):
    error_fields = {"date": "on"}

    stage = forms.ChoiceField(choices=STAGE_CHOICES)
    on = _DateField(label="On", required=False, help_text="Default: today.")
    note = forms.CharField(label="Note", max_length=500, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referrer"] = _PersonField(
            user=user,
            label="Referrer",
            required=False,
            help_text="For a referral: who you asked (default: who told you).",
        )


class TargetForm(WebForm):
    organization = forms.CharField(label="Organisation", max_length=200)
    motivation = forms.TypedChoiceField(
        choices=MOTIVATION_CHOICES, coerce=int, empty_value=None, required=False
    )
    note = forms.CharField(
        label="What I learned",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Added to the notes: “investing in telemedicine”, “steer clear of …”.",
    )


class OrganizationTargetForm(WebForm):
    is_target = forms.BooleanField(label="A target employer", required=False)
    motivation = forms.TypedChoiceField(
        choices=MOTIVATION_CHOICES, coerce=int, empty_value=None, required=False
    )
    note = forms.CharField(
        label="Add to what I learned", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MembershipForm(WebForm):
    since = _DateField(label="Member since", required=False)
    role = forms.CharField(label="My role there", max_length=200, required=False)


class EventForm(WebForm):
    error_fields = {"date": "held_on"}

    name = forms.CharField(max_length=200)
    held_on = _DateField(label="Date", help_text="“last thursday”, “2026-04-02”…")
    kind = forms.ChoiceField(choices=Event.Kind.choices, initial=Event.Kind.OTHER)
    organizer = forms.CharField(label="Organiser", max_length=200, required=False)
    location = forms.CharField(label="Where", max_length=200, required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PeopleMetForm(WebForm):
    """Up to five people at once: a name, and their title and organisation if known."""

    note = forms.CharField(
        label="What you talked about",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Kept on each person's first conversation.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(PEOPLE_ROWS):
            number = row + 1
            self.fields[f"name_{row}"] = forms.CharField(
                label=f"Name of person {number}", max_length=200, required=False
            )
            self.fields[f"title_{row}"] = forms.CharField(
                label=f"Title of person {number}", max_length=300, required=False
            )
            self.fields[f"organization_{row}"] = forms.CharField(
                label=f"Organisation of person {number}", max_length=200, required=False
            )

    @property
    def rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"name_{row}"], self[f"title_{row}"], self[f"organization_{row}"])
            for row in range(PEOPLE_ROWS)
        ]

    def people(self) -> list[PersonMet]:
        data = self.cleaned_data
        return [
            PersonMet(
                name=data[f"name_{row}"],
                title=data[f"title_{row}"],
                organization=data[f"organization_{row}"],
                note=data["note"],
            )
            for row in range(PEOPLE_ROWS)
            if data[f"name_{row}"].strip()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(PEOPLE_ROWS):
            named = (data.get(f"name_{row}") or "").strip()
            described = any(
                (data.get(f"{part}_{row}") or "").strip() for part in ("title", "organization")
            )
            if described and not named:  # what was typed about them is not dropped unseen
                self.add_error(f"name_{row}", "Whose title or organisation is this? Add the name.")
        if not any((data.get(f"name_{row}") or "").strip() for row in range(PEOPLE_ROWS)):
            raise forms.ValidationError("Write the name of at least one person you met.")
        return data
