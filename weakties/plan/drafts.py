"""Reconnect notes and announcements from templates (PRODUCT §5, seed 003).

A template is plain text with ``{placeholders}``. Lines of one paragraph are joined with a
space, so each sentence can sit on its own line; **a line whose placeholders have nothing to
fill is left out**, so a missing memory or goal never shows as a blank or "None"; a line
ending with a comma keeps its line break ("Best," then the signature). Unknown
placeholders are refused when a template is saved.

Placeholders: ``first_name``, ``name``, ``organization``, ``lapse`` (the time since we last
spoke, in words), ``memory``, ``goal`` and ``pitch`` (from my profile), ``offer`` (a way I can
help, from their ideas, or the question of how I can), ``shared`` (what we have in common: how
we met, the organisation, a tag), ``signature``.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from weakties.errors import UserError

PLACEHOLDERS = {
    "first_name": "their first name",
    "name": "their full name",
    "organization": "where they work",
    "lapse": "the time since you last spoke, e.g. \"It's been about eight months since we "
    'last spoke"',
    "memory": "a shared memory, from their page",
    "goal": "your current goal, from your profile",
    "pitch": "your pitch, from your profile",
    "offer": "a way you can help them, from their ideas (or the question of how you can)",
    "shared": 'what you have in common, e.g. "we met at PyCon 2024"',
    "signature": "how you sign, from your profile",
}

BUILTIN: dict[str, tuple[str, str, str]] = {
    # name: (kind, subject, body)
    "reconnect": (
        "reconnect",
        "Catching up",
        "Hi {first_name},\n\n"
        "{lapse}.\n"
        "I still have such good memories of {memory}.\n"
        "I hope all is well at {organization}.\n\n"
        "{goal}\n"
        "{pitch}\n"
        "I'd value twenty minutes of your thoughts, whenever suits you.\n\n"
        "{offer}\n\n"
        "Best,\n"
        "{signature}",
    ),
    "short": (
        "reconnect",
        "Hello again",
        "Hi {first_name},\n\n{lapse}, and I was thinking of you.\n{goal}\n\n{offer}\n\n{signature}",
    ),
    "announce": (
        "announcement",
        "News: I'm looking for my next role",
        "Hi {first_name},\n\n"
        "I wanted you to hear it from me: I'm looking for my next role.\n"
        "{goal}\n"
        "{pitch}\n\n"
        "Since {shared}, you may hear of openings before they are posted;\n"
        "if something comes to mind, or someone I should talk to, I'd be grateful.\n\n"
        "{offer}\n\n"
        "Thank you,\n"
        "{signature}",
    ),
}

_NUMBERS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


def _number(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def gap_words(days: int) -> str:
    """A gap in the words a person uses: "a few weeks", "about eight months", "over two years"."""
    if days < 21:
        return "a couple of weeks"
    if days < 45:
        return "about a month"
    if days < 75:
        return "a couple of months"
    if days < 350:
        return f"about {_number(round(days / 30.4))} months"
    years, rest = divmod(days, 365)
    if years == 1 and rest < 60:
        return "about a year"
    if rest < 60:
        return f"about {_number(years)} years"
    return "over a year" if years == 1 else f"over {_number(years)} years"


def lapse_sentence(
    *, last: date | None, added_on: date | None, today: date, met: bool = True
) -> str:
    """The first line of a reconnect note, from the real gap; empty when there was none (or
    when we have not ``met``: someone to be introduced to was never "connected" with)."""
    if last is not None:
        days = (today - last).days
        if days < 14:
            return ""
        return f"It's been {gap_words(days)} since we last spoke"
    if met and added_on is not None and (today - added_on).days >= 14:
        return f"It's been {gap_words((today - added_on).days)} since we connected"
    return ""


def as_clause(text: str) -> str:
    """ "Talking football on Mondays." → "talking football on Mondays" (for mid-sentence use)."""
    text = text.strip().rstrip(".!;")
    first = text.split(" ", 1)[0]
    # "Talking" becomes "talking"; "PyCon", "NASA" and "I" stay as written.
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        text = text[0].lower() + text[1:]
    return text


_MET = re.compile(r"^(?:we\s+)?(?:met|got to know each other|know each other)\b", re.IGNORECASE)


def how_we_met(how_met: str) -> str:
    """ "PyCon 2024" → "we met through PyCon 2024"; "Met at Data & Donuts" (what an event
    writes) → "we met at Data & Donuts", not "we met through met at …"."""
    clause = as_clause(how_met)
    if _MET.match(clause):
        clause = clause[0].lower() + clause[1:]
        return clause if clause.lower().startswith("we ") else f"we {clause}"
    return f"we met through {clause}"


# The person an idea is about, in my notes, becomes "you" in the note to them.
_SECOND_PERSON = {
    "them": "you", "their": "your", "they": "you", "themselves": "yourself", "theirs": "yours",
    "him": "you", "his": "your", "he": "you", "himself": "yourself",
    "she": "you", "herself": "yourself", "hers": "yours",
}  # fmt: skip
# "her" is "you" before these (and at the end: "introduce her to Sam", "send her the primer"),
# otherwise "your" ("review her CV").
_HER_AS_OBJECT = {"to", "the", "a", "an", "some", "about", "with", "for", "on", "in", "at", "my"}


def _second_person(words: list[str]) -> list[str]:
    out = []
    for position, word in enumerate(words):
        bare = word.rstrip(".,;:!?")
        tail = word[len(bare) :]
        lower = bare.lower()
        if lower == "her":
            following = words[position + 1].lower() if position + 1 < len(words) else ""
            new = "you" if tail or not following or following in _HER_AS_OBJECT else "your"
        else:
            new = _SECOND_PERSON.get(lower, bare)
        out.append(new + tail)
    return out


def offer_sentence(idea: str | None) -> str:
    """An idea from my notes ("Introduce them to Sam", "send her the primer") turned into an
    offer to them ("introduce you to Sam", "send you the primer")."""
    if not idea:
        return "Is there anything I can do for you in return? I'd be glad to help."
    clause = " ".join(_second_person(as_clause(idea).split(" ")))
    for wrong, right in (("you is", "you are"), ("you was", "you were"), ("you has", "you have")):
        clause = clause.replace(wrong, right)
    return f"And I'd love to return the favour: I could {clause}, if that would help."


def placeholders_in(body: str) -> list[str]:
    names = []
    for _literal, field, _spec, _conv in string.Formatter().parse(body):
        if field is not None:
            names.append(field)
    return names


def check_template(body: str) -> None:
    """Refuse a template that would not render: unknown or malformed placeholders."""
    if not body.strip():
        raise UserError(
            "body: write the message, with {placeholders} where you like.", field="body"
        )
    try:
        names = placeholders_in(body)
    except ValueError as error:
        raise UserError(f"body: {error} (write {{{{ for a literal brace).", field="body") from None
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
        raise UserError(f"body: unknown {', '.join(unknown)}; use {known}.", field="body")


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    missing: list[str]  # placeholders that had nothing to fill (their lines left out)


def render(subject: str, body: str, values: dict[str, str]) -> Draft:
    """Fill the template; a line with an empty placeholder is left out, paragraphs reflowed."""
    check_template(body)
    missing: list[str] = []
    paragraphs = []
    for paragraph in body.replace("\r\n", "\n").split("\n\n"):
        kept = []
        for line in paragraph.split("\n"):
            names = placeholders_in(line)
            empty = [name for name in names if not values.get(name, "").strip()]
            if empty:
                missing.extend(name for name in empty if name not in missing)
                continue
            kept.append(line.format_map({name: values[name].strip() for name in names}).strip())
        text = _join(kept)
        if text:
            paragraphs.append(text)
    filled_subject = subject
    if placeholders_in(subject):
        try:
            filled_subject = subject.format_map({k: v.strip() for k, v in values.items()})
        except (KeyError, ValueError):
            filled_subject = ""
    body_text = "\n\n".join(paragraphs).rstrip(",")  # "Best," with no signature to follow
    return Draft(subject=filled_subject, body=body_text, missing=missing)


def _join(lines: list[str]) -> str:
    """Lines of a paragraph become one, except after a comma ("Best," then the signature)."""
    text = ""
    for line in (line for line in lines if line):
        text += ("\n" if text.endswith(",") else " " if text else "") + line
    return text
