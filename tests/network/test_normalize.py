"""The comparable forms that let weakties recognise the same person twice."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from weakties.network.normalize import (
    clean_text,
    linkedin_profile,
    name_key,
    normalize_phone,
    split_name,
)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jos%C3%A9-nunez/",
        "http://linkedin.com/in/José-Nunez",
        "www.linkedin.com/in/jos%c3%a9-nunez?originalSubdomain=es",
        "https://es.linkedin.com/in/jos%C3%A9-nunez",
        "linkedin.com/in/josé-nunez/#about",
    ],
)
def test_every_spelling_of_a_linkedin_profile_gives_one_key(url):
    assert linkedin_profile(url) == "linkedin.com/in/josé-nunez"


@pytest.mark.parametrize(
    "url", ["https://example.com/in/ada", "https://www.linkedin.com/company/acme", "not a url"]
)
def test_other_urls_are_not_profiles(url):
    assert linkedin_profile(url) is None


def test_phones_compare_by_digits_keeping_the_international_plus():
    assert normalize_phone("+1 (555) 010-0100") == "+15550100100"
    assert normalize_phone("555.010.0100") == "5550100100"


def test_names_lose_stray_whitespace_and_compare_without_accents_or_case():
    assert clean_text("  Ada\t\u00a0Lovelace \n") == "Ada Lovelace"
    assert name_key("José  NÚÑEZ") == name_key("jose nunez")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ada Lovelace", ("Ada", "Lovelace")),
        ("Dr. Ada K. Lovelace, PhD", ("Ada", "Lovelace")),
        ("Cher", ("Cher", "")),
        ("Mary Ann van der Berg", ("Mary", "van der Berg")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Lula da Silva", ("Lula", "da Silva")),
        ("Van Morrison", ("Van", "Morrison")),
        ("Zoë Ünicode-Müller 🎉", ("Zoë", "Ünicode-Müller")),
        ("🚀 Sam Lee | Hiring", ("Sam", "Lee")),
        ("🎉", ("", "")),
        ("", ("", "")),
    ],
)
def test_first_and_last_names_are_guessed_from_the_full_name(name, expected):
    assert split_name(name) == expected


@given(st.text(max_size=80))
def test_normalisers_never_crash_and_are_idempotent(text):
    assert clean_text(clean_text(text)) == clean_text(text)
    assert name_key(name_key(text)) == name_key(text)
    profile = linkedin_profile(text)
    assert profile is None or linkedin_profile(profile) == profile
    split_name(text)
