"""Forms of the plan's pages: they parse input and hand it to one service."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from weakties.dates import parse_date
from weakties.errors import UserError
from weakties.network.models import Interaction
from weakties.plan.models import Exchange, MessageTemplate, PlanSettings
from weakties.plan.services import SETTING_FIELDS
from weakties.web.forms import WebForm


class DoneForm(WebForm):
    channel = forms.ChoiceField(
        choices=Interaction.Channel.choices, initial=Interaction.Channel.MESSAGE, label="How"
    )
    summary = forms.CharField(required=False, max_length=2000, label="What about (optional)")


class SnoozeForm(WebForm):
    error_fields = {"until": "until"}

    until = forms.CharField(
        max_length=40,
        initial="in 2 weeks",
        label="Until",
        help_text='e.g. "in 2 weeks", "2026-05-01"',
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_until(self) -> date:
        try:
            return parse_date(
                self.cleaned_data["until"], today=self.today, prefer="future", field="until"
            )
        except UserError as error:
            raise forms.ValidationError(error.message) from None


class ExchangeForm(WebForm):
    error_fields = {"text": "text", "kind": "kind", "direction": "direction", "date": "text"}

    direction = forms.ChoiceField(
        choices=[("gave", "I gave"), ("got", "I received")],
        widget=forms.RadioSelect,
        initial="gave",
    )
    kind = forms.ChoiceField(choices=Exchange.Kind.choices, initial=Exchange.Kind.ARTICLE)
    text = forms.CharField(max_length=500, label="What")


class SettingsForm(forms.ModelForm):
    class Meta:
        model = PlanSettings
        fields = list(SETTING_FIELDS)
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 2}),
            "pitch": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The browser's number fields allow what the model allows, no less and no more.
        for name, field in self.fields.items():
            for validator in getattr(PlanSettings._meta.get_field(name), "validators", ()):
                if isinstance(validator, MinValueValidator):
                    field.widget.attrs["min"] = validator.limit_value
                elif isinstance(validator, MaxValueValidator):
                    field.widget.attrs["max"] = validator.limit_value


class TemplateForm(WebForm):
    error_fields = {"body": "body", "name": "name"}

    name = forms.CharField(max_length=60)
    kind = forms.ChoiceField(choices=MessageTemplate.Kind.choices)
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))


class DraftForm(WebForm):
    """The composer: a template to start from, and the subject and text as edited."""

    error_fields = {"body": "body"}

    template = forms.ChoiceField(choices=[], required=False)
    subject = forms.CharField(max_length=200, required=False)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 14}),
        required=False,
        help_text="Placeholders like {first_name} and {lapse} are filled in the preview; "
        "a line whose placeholder has nothing to fill is left out.",
    )

    def __init__(self, *args: Any, templates: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(name, name) for name in templates]
