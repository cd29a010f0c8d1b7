"""Importing LinkedIn's export: connections, messages and invitations, real files and ours."""

from __future__ import annotations

from datetime import date

import pytest

from tests.interop.conftest import FILES, shared
from weakties.interop.records import ImportFileError
from weakties.network.models import Contact, Interaction, Organization


def _contact(name: str) -> Contact:
    return Contact.objects.select_related("organization").get(name=name)


def _points(contact: Contact, kind: str) -> list[str]:
    return list(contact.points.filter(kind=kind).values_list("normalized", flat=True))


def test_the_current_connections_file_with_its_preamble_imports_every_person(import_path):
    report = import_path(shared("linkedin/Connections_current_with_preamble.csv"))

    assert (report.added, report.updated, report.unchanged) == (23, 0, 0)
    assert [(s.line, s.reason) for s in report.skipped] == [(9, "no name")]
    assert report.warnings == []
    assert Contact.objects.count() == 23
    alex = _contact("Alex Rivera")
    assert alex.organization.name == "Schneider Electric"
    assert alex.title == "Software Engineer"
    assert alex.added_on == date(2025, 12, 22)
    assert alex.tie == "weak" and alex.source == "linkedin"
    assert _points(alex, "linkedin") == ["linkedin.com/in/alexrivera-demo"]
    assert _points(_contact("Chandra S"), "email") == ["chandra.s.demo@example.com"]


def test_credentials_pronouns_emoji_and_stray_spaces_leave_the_names(import_path):
    import_path(shared("linkedin/Connections_current_with_preamble.csv"))

    names = set(Contact.objects.values_list("name", flat=True))
    for name in ("Rasha Naik", "Joel Ortega", "Elliot Sandoval", "Michael Parks", "Nina P",
                 "Rob Konings", "Igor Rudnev", "Vik Sandhu", "Manoj Pathak", "Sudhir Kaswa",
                 "Ken O’Dwyer", 'James "Ty" Fontaine', "Goran Stipanić"):  # fmt: skip
        assert name in names
    assert _contact("Vik Sandhu").title == "Sr. IT Recruiter"
    # " -" is LinkedIn's placeholder for "no company".
    assert _contact("Hendrik Jan Griffin").organization is None
    assert _contact("Moh Gadda").organization is None
    assert _contact("Sudhir Kaswa").organization.name == "80,000 Hours"
    # The profile URL is percent-decoded: the identity is the same however it is written.
    assert _points(_contact("Ken O’Dwyer"), "linkedin") == ["linkedin.com/in/ken-o’dwyer-000000000"]
    assert _contact("Ken O’Dwyer").points.get().value.endswith("o’dwyer-000000000")


def test_the_excel_resave_without_preamble_reads_short_dates(import_path):
    report = import_path(shared("linkedin/Connections_excel_resaved_no_preamble.csv"))

    assert (report.added, len(report.skipped)) == (7, 0)
    nadia = _contact("Nadia Lisânia Paiva")
    assert nadia.added_on == date(2026, 2, 6)
    assert nadia.title == "Chefe de divisão"
    assert _contact("Wooyeon Pak").added_on == date(2026, 1, 9)
    assert _contact("婷 余").organization.name == "北京福睿思特国际人力资源有限公司"
    assert (
        _contact("Katsu Terada").organization.name
        == "Financial Services Agency, Japan (JFSA, 金融庁)"
    )
    assert _contact("Aashu Shah").title == "Business Analyst"


def test_the_2018_form_without_urls_matches_by_email_and_ignores_member_urns(import_path):
    report = import_path(shared("linkedin/Connections_legacy_2018_no_url.csv"))

    assert (report.added, len(report.skipped)) == (8, 0)
    claus = _contact("Claus Berg")
    assert claus.added_on == date(2018, 1, 8)
    assert _points(claus, "email") == ["claus.berg@example.dk"]
    assert _contact("Diksha Arora").added_on == date(2015, 7, 28)
    assert (
        _contact("Meena E . Sajan").organization.name == "National Information Center ,Delhi ,India"
    )
    assert list(_contact("Yugam Pandey").points.all()) == []  # urn:li:member:… is no email
    assert report.warnings == []  # and not worth a warning: it is how that form was written


def test_a_date_or_email_that_cannot_be_read_is_named_in_a_warning(import_path, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ada,Lovelace,,ada(at)example.com,Acme,CTO,31 Feb 2024\n"
        "Grace,Hopper,,grace@example.com,Navy,Admiral,yesterday\n"
    )

    report = import_path(path)

    assert report.added == 2
    assert report.warnings == [
        "line 2: '31 Feb 2024' is not a date; added as of today",
        "line 2: 'ada(at)example.com' is not an email address; left out",
        "line 3: 'yesterday' is not a date; added as of today",
    ]
    assert list(_contact("Ada Lovelace").points.all()) == []


def test_rows_without_their_header_and_rows_resaved_as_one_field_are_recovered(import_path):
    report = import_path(shared("linkedin/Connections_2021_excel_mangled_rows.csv"))

    assert (report.kind, report.added, len(report.skipped)) == ("linkedin", 6, 0)
    assert report.warnings[0].startswith("line 1: there is no header row")
    laura = _contact("Laura Hertz")  # the whole row was one quoted field
    assert laura.organization.name == "Interhyp Gruppe"
    assert laura.title == "Digital Products & Technology, Working Student"
    assert laura.added_on == date(2021, 5, 7)
    assert _contact("Serena Capri").title == "Senior Recruiter"
    assert _contact("Nikolai Nenova").organization.name == "Curtis Instruments, Inc."
    assert _contact("Jörg H. Lindberg").title == "Vice President Europe"
    assert _contact("Clemens J. Dorn").organization is None
    assert _contact("Raoul Ortiz").added_on == date(2021, 6, 11)


def test_a_file_that_is_no_connections_file_is_refused_naming_the_line(import_path, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text("Vorname,Nachname,Firma\nAda,Lovelace,Acme\n")

    with pytest.raises(ImportFileError, match=r"line 1") as refused:
        import_path(path, kind="linkedin")

    assert "First Name, Last Name" in refused.value.message
    assert refused.value.exit_code == 2
    assert Contact.objects.count() == 0


def test_importing_the_same_connections_twice_changes_nothing(import_path):
    import_path(shared("linkedin/Connections_current_with_preamble.csv"))
    before = list(Contact.objects.order_by("pk").values())

    again = import_path(shared("linkedin/Connections_current_with_preamble.csv"))

    assert (again.added, again.updated, again.unchanged) == (0, 0, 23)
    assert list(Contact.objects.order_by("pk").values()) == before


def test_our_connections_file_merges_duplicates_and_cleans_names(import_path):
    report = import_path(FILES / "Connections.csv")

    assert report.added == 4
    assert [(s.line, s.reason) for s in report.skipped] == [(8, "no name")]
    assert any("line 9: the same person as line 5" in w for w in report.warnings)
    assert sorted(Contact.objects.values_list("name", flat=True)) == [
        "Ada Lovelace", "Grace Hopper", "José Nuñez", "Linus Pauling"
    ]  # fmt: skip
    assert _contact("Grace Hopper").title == "Director, Platforms"
    assert _contact("José Nuñez").organization is None
    assert _points(_contact("José Nuñez"), "linkedin") == ["linkedin.com/in/josé-nuñez"]
    assert _contact("Linus Pauling").added_on == date(2026, 2, 6)
    assert Organization.objects.count() == 3


def test_messages_become_conversations_with_known_people_and_set_last_contacted(import_path):
    import_path(FILES / "Connections.csv")

    report = import_path(FILES / "messages.csv")

    assert report.added == 2  # Ada's conversation (two messages, one day) and Grace's
    reasons = {s.line: s.reason for s in report.skipped}
    assert reasons[5].startswith("system message")
    assert reasons[6] == "sponsored message"
    assert reasons[7].startswith("Stranger Person is not in your network")
    assert reasons[8] == "a draft, never sent"
    ada = _contact("Ada Lovelace")
    talk = Interaction.objects.get(participants=ada)
    assert talk.summary == "LinkedIn message: Data team"
    assert talk.direction == "both" and talk.channel == "message"
    assert ada.last_contacted == date(2026, 3, 2)
    grace = Interaction.objects.get(participants=_contact("Grace Hopper"))  # matched by name
    assert grace.direction == "in"
    assert grace.summary == "LinkedIn message: Congrats on the new role & all"

    again = import_path(FILES / "messages.csv")
    assert (again.added, again.unchanged) == (0, 2)
    assert Interaction.objects.count() == 2


def test_invitations_log_a_conversation_with_the_invited_person(import_path):
    import_path(FILES / "Connections.csv")

    report = import_path(FILES / "Invitations.csv")

    assert report.added == 1
    linus = _contact("Linus Pauling")
    invite = Interaction.objects.get(participants=linus)
    assert invite.summary == "LinkedIn invitation: Hi Linus, loved your talk"
    assert invite.direction == "out" and invite.occurred_on == date(2026, 3, 1)
    assert linus.last_contacted == date(2026, 3, 1)
    assert report.skipped[0].line == 3


@pytest.mark.parametrize(
    ("relative", "added", "skipped", "people"),
    [
        # Scott on two days, Lisa (no URL: found by name), François (by his name without
        # "LL.B., LL.M."); the sponsored message and the draft are skipped.
        ("linkedin/messages_2026_12col.csv", 4, 2, 3),
        # Suraj on two days; the system row, LinkedIn Learning and Pavan are skipped.
        ("linkedin/messages_2023_10col.csv", 2, 3, 1),
        # Hasan's two messages of one day are one conversation.
        ("linkedin/Messages_legacy_2018.csv", 1, 3, 1),
        # Nadia's URL is not percent-encoded here, and still the same profile.
        ("linkedin/Invitations_2026.csv", 1, 4, 1),
        ("linkedin/Invitations_legacy_2018.csv", 2, 2, 2),
    ],
)
def test_every_real_messages_and_invitations_form_finds_the_people(
    import_path, make_contact, relative, added, skipped, people
):
    make_contact("Scott Demo", urls=["https://www.linkedin.com/in/scott-demo"])
    make_contact("Lisa Demo")
    make_contact("François Lavigne-Demo")
    make_contact("Suraj Demo", urls=["https://www.linkedin.com/in/suraj-demo"])
    make_contact("Hasan Demo")
    make_contact("Nadia Lisânia Paiva", urls=["linkedin.com/in/nadia-lis%C3%A2nia-paiva-b0a0000b7"])
    make_contact("Nguyễn Xuân Minh")
    make_contact("Meena E . Sajan")

    report = import_path(shared(relative))

    assert (report.added, len(report.skipped)) == (added, skipped)
    assert Interaction.objects.count() == added
    assert Contact.objects.filter(last_contacted__isnull=False).count() == people


@pytest.mark.parametrize(
    ("relative", "line"),
    [("linkedin/messages_2023_10col.csv", 5), ("linkedin/Messages_legacy_2018.csv", 5)],
)
def test_offers_from_linkedin_itself_are_skipped_as_such(import_path, relative, line):
    report = import_path(shared(relative))

    assert (line, "a message from LinkedIn itself") in [(s.line, s.reason) for s in report.skipped]


def test_a_file_with_one_conversation_still_knows_who_you_are(import_path, make_contact, tmp_path):
    make_contact("Scott Demo", urls=["https://www.linkedin.com/in/scott-demo"])
    path = tmp_path / "messages.csv"
    path.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Sam Owner,https://www.linkedin.com/in/sam,Scott Demo,"
        "https://www.linkedin.com/in/scott-demo,2026-02-10 20:33:10 UTC,,Thanks!,INBOX\n"
    )

    report = import_path(path)

    assert report.added == 1
    assert Interaction.objects.get().direction == "out"
