"""Forms of the web UI: they parse what a person typed and hand it to one service.

Validation that needs the database or the domain rules stays in the services; a ``UserError``
they raise comes back onto the form through :meth:`WebForm.add_user_error`, on the field it
names when the form has one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.models import User

from weakties.dates import parse_date
from weakties.errors import Ambiguous, UserError
from weakties.network import selectors
from weakties.network.models import Contact, ContactLink, ContactPoint, ContactRole, Interaction
from weakties.network.services import ContactData

CLOSENESS_CHOICES = [
    (1, "1 · barely know them"),
    (2, "2 · acquaintance"),
    (3, "3 · we talk now and then"),
    (4, "4 · close"),
    (5, "5 · very close"),
]
WHOSE_CHOICES = [("mine", "My move"), ("theirs", "Their move")]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _message_without_prefix(error: UserError) -> str:
    """Services prefix messages with the field ("due: …") for the CLI; a form shows it beside
    the field already."""
    message = error.message
    if error.field and message.lower().startswith(f"{error.field.lower()}: "):
        message = message[len(error.field) + 2 :]
        message = message[:1].upper() + message[1:]
    return message


def _person(user: User, name: str) -> Contact:
    """The contact a field names, or the field's error: not found, or which of several."""
    try:
        return selectors.contact_resolve(user=user, query=name)
    except Ambiguous as error:
        raise forms.ValidationError(f"{error.message} {'; '.join(error.candidates)}") from None
    except UserError as error:
        raise forms.ValidationError(error.message) from None


class WebForm(forms.Form):
    """A form that can show a service's ``UserError`` where it belongs."""

    # Field names used by services, mapped to this form's fields.
    error_fields: dict[str, str] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_user_error(self, error: UserError) -> None:
        field = self.error_fields.get(error.field or "", error.field)
        if field in self.fields:
            self.add_error(field, _message_without_prefix(error))
        else:
            self.add_error(None, error.message)


class ContactForm(WebForm):
    error_fields = {
        "email": "emails",
        "phone": "phones",
        "url": "urls",
        ContactPoint.Kind.LINKEDIN: "urls",
        "tag": "tags",
    }

    name = forms.CharField(max_length=200)
    title = forms.CharField(label="Headline / title", max_length=300, required=False)
    organization = forms.CharField(label="Organisation", max_length=200, required=False)
    tie = forms.ChoiceField(
        choices=Contact.Tie.choices,
        initial=Contact.Tie.WEAK,
        widget=forms.RadioSelect,
        help_text="Weak ties (acquaintances) are where most openings come from.",
    )
    closeness = forms.TypedChoiceField(
        choices=CLOSENESS_CHOICES, coerce=int, initial=2, label="Closeness"
    )
    level = forms.ChoiceField(
        choices=Contact.Level.choices, required=False, label="Level relative to me"
    )
    roles = forms.MultipleChoiceField(
        choices=ContactRole.Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles in my search",
    )
    tags = forms.CharField(
        required=False,
        max_length=1000,
        help_text="Separated by commas, e.g. data, alumni, Berlin.",
    )
    emails = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    phones = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line.",
    )
    urls = forms.CharField(
        label="Web addresses",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One per line: LinkedIn, website.",
    )
    industry = forms.CharField(max_length=120, required=False)
    location = forms.CharField(max_length=120, required=False)
    how_met = forms.CharField(label="How we met", max_length=300, required=False)
    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Anything worth remembering. Shown as plain text.",
    )

    @classmethod
    def initial_for(cls, contact: Contact) -> dict[str, Any]:
        """The form's starting values for editing ``contact`` (expects its prefetches)."""
        points = list(contact.points.all())
        by_kind = {
            "emails": [ContactPoint.Kind.EMAIL],
            "phones": [ContactPoint.Kind.PHONE],
            "urls": [ContactPoint.Kind.LINKEDIN, ContactPoint.Kind.URL],
        }
        return {
            "name": contact.name,
            "title": contact.title,
            "organization": contact.organization.name if contact.organization else "",
            "tie": contact.tie,
            "closeness": contact.closeness,
            "level": contact.level,
            "roles": [role.role for role in contact.roles.all()],
            "tags": ", ".join(tag.name for tag in contact.tags.all()),
            "industry": contact.industry,
            "location": contact.location,
            "how_met": contact.how_met,
            "notes": contact.notes,
        } | {
            field: "\n".join(p.value for p in points if p.kind in kinds)
            for field, kinds in by_kind.items()
        }

    def clean_tags(self) -> list[str]:
        seen: dict[str, str] = {}
        for part in self.cleaned_data["tags"].split(","):
            name = " ".join(part.split()).lstrip("#")
            if name:
                seen.setdefault(name.casefold(), name)
        return list(seen.values())

    def clean_emails(self) -> list[str]:
        return _lines(self.cleaned_data["emails"])

    def clean_phones(self) -> list[str]:
        return _lines(self.cleaned_data["phones"])

    def clean_urls(self) -> list[str]:
        return _lines(self.cleaned_data["urls"])

    def contact_data(self) -> ContactData:
        data = self.cleaned_data
        return ContactData(
            name=data["name"],
            title=data["title"],
            organization=data["organization"],
            industry=data["industry"],
            location=data["location"],
            how_met=data["how_met"],
            tie=data["tie"],
            closeness=data["closeness"],
            level=data["level"],
            notes=data["notes"],
            tags=data["tags"],
            roles=data["roles"],
        )


class InteractionForm(WebForm):
    """A conversation with the contact whose page it is on, and the next step it ended on."""

    error_fields = {"next": "next_step", "date": "occurred_on", "participants": "others"}

    summary = forms.CharField(
        label="What did you talk about?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    channel = forms.ChoiceField(
        choices=Interaction.Channel.choices,
        initial=Interaction.Channel.OTHER,
        help_text="How you talked.",
    )
    occurred_on = forms.CharField(
        label="When",
        initial="today",
        max_length=60,
        help_text="A date, or yesterday, last friday, 3 days ago…",
    )
    others = forms.CharField(
        label="Also there (optional)",
        required=False,
        max_length=1000,
        help_text="Other people in your network, by name or email, separated by commas.",
    )
    next_step = forms.CharField(
        label="Next step",
        required=False,
        max_length=500,
        help_text="What happens next? e.g. send my CV, ask for an introduction.",
    )
    due = forms.CharField(
        label="Due",
        required=False,
        max_length=60,
        help_text="friday, next month, in 2 weeks, or a date.",
    )
    whose = forms.ChoiceField(
        label="Whose move", choices=WHOSE_CHOICES, initial="mine", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, user: User, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.today = today

    def clean_occurred_on(self) -> date:
        try:
            return parse_date(
                self.cleaned_data["occurred_on"], today=self.today, prefer="past", field="when"
            )
        except UserError as error:
            raise forms.ValidationError(_message_without_prefix(error)) from None

    def clean_due(self) -> date | None:
        text = self.cleaned_data["due"].strip()
        if not text:
            return None
        try:
            return parse_date(text, today=self.today, prefer="future", field="due")
        except UserError as error:
            raise forms.ValidationError(_message_without_prefix(error)) from None

    def clean_others(self) -> list[Contact]:
        names = self.cleaned_data["others"].split(",")
        return [_person(self.user, name) for name in names if name.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("due") and not (cleaned.get("next_step") or "").strip():
            self.add_error("due", "A due date needs a next step: say what happens next.")
        return cleaned


class NoteForm(WebForm):
    """One line of text about a contact: a shared memory or a way I could help."""

    error_fields = {"memory": "text", "idea": "text"}

    text = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class LinkForm(WebForm):
    """ "Knows …" on a contact's page: someone else in my network they know, and how well."""

    other = forms.CharField(label="Knows", max_length=200)
    kind = forms.ChoiceField(label="How", choices=ContactLink.Kind.choices, initial="colleague")
    strength = forms.TypedChoiceField(
        label="How well",
        choices=[(n, f"{n} of 5") for n in range(1, 6)],
        coerce=int,
        initial=3,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_other(self) -> Contact:
        return _person(self.user, self.cleaned_data["other"])


class ContactFilterForm(forms.Form):
    """The contacts list's search box and filters (a GET form; every field is optional)."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    tag = forms.CharField(required=False, max_length=60)
    organization = forms.CharField(label="Organisation", required=False, max_length=200)
    tie = forms.ChoiceField(
        choices=[("", "Any tie"), *Contact.Tie.choices], required=False, label="Tie"
    )
    role = forms.ChoiceField(
        choices=[("", "Any role"), *ContactRole.Role.choices], required=False, label="Role"
    )
    dormant = forms.IntegerField(
        label="Silent for (days)",
        required=False,
        min_value=1,
        max_value=36500,
        help_text="Not contacted for at least this many days.",
    )
    never = forms.BooleanField(label="Never contacted", required=False)
    archived = forms.BooleanField(label="Include archived", required=False)

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``selectors.contact_list`` from the valid fields."""
        data = self._usable()
        return {
            "search": data.get("q") or None,
            "tag": data.get("tag") or None,
            "organization": data.get("organization") or None,
            "tie": data.get("tie") or None,
            "role": data.get("role") or None,
            "dormant_days": data.get("dormant"),
            "never_contacted": bool(data.get("never")),
            "include_archived": bool(data.get("archived")),
        }

    def query(self) -> dict[str, str]:
        """The filters in use, as the shortest query string that gives the same list."""
        return {
            name: "1" if value is True else str(value)
            for name, value in self._usable().items()
            if value not in (None, "", False)
        }

    def _usable(self) -> dict[str, Any]:
        # An invalid filter (say "abc" days) is reported and ignored; the others still apply.
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
