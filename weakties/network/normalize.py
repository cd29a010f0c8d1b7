"""Comparable forms of names, emails, phones and URLs, used to find the same person twice."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LINKEDIN = re.compile(r"^(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#]+)", re.IGNORECASE)


# Control characters other than whitespace: nothing a person types, and a terminal obeys
# some of them (ESC [2J clears the screen) when a name holding them is printed.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1b\x7f-\x84\x86-\x9f]")


def clean_text(value: str | None) -> str:
    """Collapse runs of whitespace (tabs, non-breaking spaces) and strip the ends; control
    characters are dropped."""
    if not value:
        return ""
    if not value.isprintable():  # whitespace other than " ", or a control character
        value = _CONTROL.sub("", value)
    return " ".join(unicodedata.normalize("NFC", value).split())


def clean_lines(value: str) -> str:
    """Text of several lines (notes) without control characters, line breaks and tabs kept."""
    return _CONTROL_BUT_LINES.sub("", value) if not value.isprintable() else value


# Letters that carry their mark inside (no combining accent to drop), as people type them
# on a keyboard without it: "Łukasz" is found as "lukasz", "Søren" as "soren".
_PLAIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "æ": "ae", "œ": "oe",
     "þ": "th", "ð": "d"}
)  # fmt: skip


def name_key(name: str) -> str:
    """Case-, accent- and spacing-insensitive form of a person's or organisation's name."""
    # Compatibility forms (𝐀, ﬁ) are folded before case, so the key of a key is itself.
    decomposed = unicodedata.normalize("NFKD", clean_text(name)).casefold()
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(unicodedata.normalize("NFKD", stripped).translate(_PLAIN_LETTERS).split())


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def normalize_email(value: str) -> str:
    return value.strip().lower()


def normalize_phone(value: str) -> str:
    """Digits only, keeping a leading + so international and local forms stay apart."""
    value = value.strip()
    digits = re.sub(r"\D", "", value)
    return ("+" + digits) if value.startswith("+") else digits


def linkedin_profile(value: str) -> str | None:
    """``linkedin.com/in/<slug>`` for any form of a LinkedIn profile URL, else None.

    Scheme, ``www.``/country prefixes, query strings, trailing slashes and percent-encoding
    (LinkedIn exports encode accents: ``jos%C3%A9``) all map to one key.
    """
    text = value.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" reads as a broken IPv6 host
        return None
    if host.startswith("www."):
        host = host[4:]
    match = _LINKEDIN.match(host + parts.path)
    if not match:
        return None
    slug = unquote(match.group(2)).strip().lower()
    return f"linkedin.com/{match.group(1).lower()}/{slug}" if slug else None


def normalize_url(value: str) -> str:
    text = value.strip()
    profile = linkedin_profile(text)
    if profile:
        return profile
    text = re.sub(r"^[a-z]+://", "", text, flags=re.IGNORECASE)
    if text.lower().startswith("www."):
        text = text[4:]
    return text.rstrip("/").lower()


def split_name(name: str) -> tuple[str, str]:
    """A best guess at (first, last) for "Ada Lovelace", "Dr. Ada K. Lovelace, PhD"; a family
    name keeps its particles: "Mary Ann van der Berg" is ("Mary", "van der Berg")."""
    cleaned = re.split(r",|\s\|\s", clean_text(name))[0]  # "Ada, PhD", "Sam Lee | Hiring"
    words = [
        w
        for w in cleaned.split()
        if w.lower().rstrip(".") not in _HONORIFICS
        and any(c.isalpha() for c in w)  # not an emoji or a "|" beside the name
    ]
    if not words:
        return "", ""
    if len(words) == 1:
        return words[0], ""
    last = len(words) - 1
    while last > 1 and words[last - 1] in _PARTICLES:
        last -= 1
    return words[0], " ".join(words[last:])


_HONORIFICS = {"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"}
# Lower-case words that belong to the family name after them ("van der Berg", "da Silva").
_PARTICLES = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
    "le", "ten", "ter", "bin", "binti", "al", "el",
}  # fmt: skip
