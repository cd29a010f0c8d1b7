"""Importing Google Contacts CSV, Outlook CSV and vCards: every real file, and ours."""

from __future__ import annotations

from datetime import date

import pytest

from tests.interop.conftest import FILES, shared
from weakties.interop import exports
from weakties.network.models import Contact


def _contact(name: str) -> Contact:
    return Contact.objects.select_related("organization").get(name=name)


def _values(contact: Contact, kind: str) -> list[str]:
    return list(contact.points.filter(kind=kind).values_list("value", flat=True))


def _tags(contact: Contact) -> list[str]:
    return sorted(contact.tags.values_list("name", flat=True))


def test_the_current_google_csv_maps_columns_by_name(import_path):
    report = import_path(shared("google/google_csv_current_2020s.csv"))

    assert (report.kind, report.added) == ("google", 6)
    assert [(s.line, s.reason) for s in report.skipped] == [(10, "empty row")]
    priya = _contact("Priya Raman")
    assert priya.organization.name == "Acme, Inc."
    assert priya.title == "Head of Design"
    assert priya.notes == 'Met at "Design Week"\nFollow up in May'
    assert _values(priya, "email") == ["priya@work.example", "priya.r@example.org"]  # " ::: "
    assert _values(priya, "linkedin") == ["https://www.linkedin.com/in/priya-demo"]
    assert _values(_contact("Renate Kowal"), "email") == ["renate.k@example.com"]
    af = _contact("A F")
    assert _values(af, "phone") == ["338-0000000", "02-00000000", "+55 33 90000-0000"]
    assert af.location == "Milano MI, Italia"
    assert _tags(_contact("CI3 WS3 Cris Moura")) == ["Group Wk3"]  # not "* myContacts"
    assert _contact("AA-LKAP Adilson").title == "Analista"


def test_the_2018_google_csv_reads_groups_and_several_values_in_one_cell(import_path):
    report = import_path(shared("google/google_csv_legacy_2018.csv"))

    assert (report.added, len(report.skipped)) == (6, 0)
    company = _contact("Example Internet Inc")
    assert _values(company, "email") == [
        "sales@example.com", "billing@example.com", "support@example.com"
    ]  # fmt: skip
    abdul = _contact("Abdul Demo Computer S5")
    assert _values(abdul, "phone") == ["+910000000002", "+910000000003", "+910000000004"]
    assert _tags(abdul) == ["Class of 2018"]
    assert _contact("TELCO INTERNET CENTER").notes.count("\n") == 1
    assert _values(_contact("+910000000001"), "phone") == ["+910000000001"]
    assert _values(_contact("1user kumar@example. com"), "url") == [
        "http://www.google.com/profiles/000000000000000000000"
    ]


def test_mojibake_is_imported_as_written_and_flagged_with_its_rows(import_path):
    report = import_path(shared("google/google_csv_current_mojibake.csv"))

    assert report.added == 2
    assert len(report.warnings) == 1
    warning = report.warnings[0]
    assert warning.startswith("line 3:")  # line 2 is correct UTF-8: "NÃO QUER CONTATO"
    assert '"Miguel Ã‚ngelo" (probably "Miguel Ângelo")' in warning
    assert Contact.objects.filter(name="Miguel Ã‚ngelo").exists()


def test_outlook_desktop_in_the_windows_code_page(import_path):
    report = import_path(shared("outlook/outlook_desktop_2000_cp1252.csv"))

    assert (report.kind, report.added) == ("outlook", 1)
    assert any("Windows-1252" in w for w in report.warnings)
    fran = _contact("Fran Berger")
    assert fran.organization.name == "Demo/Open"
    assert fran.title == "Managing Director"
    assert fran.notes == "Founder of Demo/Open"
    assert fran.location == "Barcelona, Spain"
    assert _values(fran, "email") == ["fran.berger@example.com"]
    assert "+34 600 000 001" not in _values(fran, "phone")  # the business fax
    assert len(_values(fran, "phone")) == 3
    assert _tags(fran) == ["PO"]


def test_outlook_com_and_googles_outlook_csv(import_path):
    web = import_path(shared("outlook/outlook_com_people_export.csv"))
    google = import_path(shared("outlook/google_outlook_csv_export.csv"))

    assert (web.added, google.added) == (3, 3)
    gunther = _contact("Günther Muster")
    assert gunther.title == "Leiter, Vertrieb"
    assert gunther.organization.name == "Beispiel GmbH"
    assert gunther.notes == "Met at trade fair\nsend deck"
    assert _values(_contact("Lars"), "phone") == ["+47 466 00 000"]
    assert _values(_contact("only-email@example.com"), "email") == ["only-email@example.com"]
    nora = _contact("Nora Dahl")
    assert nora.location == "Oslo, Norway"
    assert _tags(nora) == ["Restored from Samsung - SM-G950F"]
    assert _tags(_contact("Jon Dahl")) == []  # myContacts and starred are Google's own


# Every vCard of the shared fixtures: (file, cards imported, a name, what else to check).
VCARDS = [
    ("android_v21_adr_multiple_line.vcf", 1, "bogus", {"location": "Hamburg, Deutschland"}),
    ("android_v21_backslash.vcf", 1, "A;BC;D:E\\", {}),
    ("android_v21_invalid_comment_line.vcf", 1, "Conference Call",
     {"notes": "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."}),
    ("android_v21_multi_card_qp_photo.vcf", 6, "Ñ Ñ Ñ Ñ Ñ", {}),
    ("android_v21_shiftjis_3cards_NONUTF8.vcf", 3, "安藤ロイド3", {}),
    ("android_v21_shiftjis_qp_NONUTF8.vcf", 1, "安藤 ロイド 1", {"notes": "メモ"}),
    ("android_v30_comma_separated.vcf", 1, "G F", {}),
    ("android_v40_sort_as.vcf", 1, "安藤 ロイド", {"organization": "グーグル"}),
    ("blackberry_v21_photo.vcf", 1, "John Doe", {"organization": "Acme Solutions"}),
    ("evolution_v30_xprops.vcf", 1, "Mr. John Richter, James Doe Sr.",
     {"title": "Money Counter", "organization": "IBM"}),
    ("gmail_v30_groups_escaped_note.vcf", 1, "Mr. John Richter, James Doe Sr.", {}),
    ("gmail_v30_single2_custom_labels.vcf", 1, "VCard Test", {"organization": "TheCompany"}),
    ("gmail_v30_three_cards.vcf", 3, "Chris Beatle", {}),
    ("ios5_iphone_v30_photo_groups_CRCRLF.vcf", 1, "Mr. John Richter James Doe Sr.",
     {"organization": "IBM"}),
    ("ios613_v30_multiline_photo.vcf", 1, "Bob Smith", {"organization": "Smith Auto Repair"}),
    ("lotus_notes_v30_apple_prodid.vcf", 1, "Mr. Doe John I Johny",
     {"title": "Generic Accountant"}),
    ("mac_addressbook_v30_groups_xablabel_photo.vcf", 1, "Mr. John Richter,James Doe Sr.", {}),
    ("ms_outlook_v21_qp_charset_photo.vcf", 1, "Mr. John Richter James Doe Sr.", {}),
    ("outlook2003_v21_qp.vcf", 1, "John Doe III",
     {"notes": "This is the note field!!\nSecond line\n\nThird line is empty"}),
    ("outlook2007_v21_qp_key_photo.vcf", 1, "Mr. Michael Angstadt Jr.", {"title": "TheJobTitle"}),
    ("radicale_v30_geo.vcf", 1, "Given Family", {}),
    ("rfc6350_v40_example_LF.vcf", 1, "Simon Perreault", {"organization": "Viagenie"}),
    ("thunderbird_v30_charset_param_photo.vcf", 1, "John Doe", {"title": "TheTitle"}),
    ("v40_fullcontact.vcf", 1, "Prefix FirstName MiddleName LastName Suffix",
     {"organization": "Organization1", "title": "Title1"}),
    ("winmobile65_v21.vcf", 1, "Example", {}),
]  # fmt: skip


def test_every_shared_vcard_is_listed_here():
    folder = shared("vcard/SOURCES.txt").parent
    assert {path.name for path in folder.glob("*.vcf")} == {row[0] for row in VCARDS}


@pytest.mark.parametrize(("file_name", "cards", "name", "fields"), VCARDS)
def test_every_real_vcard_imports(import_path, file_name, cards, name, fields):
    report = import_path(shared(f"vcard/{file_name}"))

    assert report.added + report.unchanged == cards
    contact = _contact(name)
    for field, value in fields.items():
        actual = getattr(contact, field)
        actual = actual.name if field == "organization" else actual
        assert actual == value, field
    again = import_path(shared(f"vcard/{file_name}"))
    assert (again.added, again.updated) == (0, 0)


def test_vcard_details_survive_quoted_printable_groups_and_charsets(import_path):
    import_path(shared("vcard/ms_outlook_v21_qp_charset_photo.vcf"))
    import_path(shared("vcard/thunderbird_v30_charset_param_photo.vcf"))
    import_path(shared("vcard/ios613_v30_multiline_photo.vcf"))

    john = _contact("John Doe")
    assert _values(john, "email")[:2] == ["doe.john@hotmail.com", "additional-email@company.com"]
    assert _tags(john) == ["category1", "category2", "category3"]
    assert john.notes.startswith("This is the notes field.\nSecond Line\n\nFourth Line")
    bob = _contact("Bob Smith")
    assert _values(bob, "email") == ["bob@smithauto.com"]  # item1.EMAIL
    assert _values(bob, "phone") == ["(650) 555-1212"]
    assert _values(bob, "url") == ["www.smithauto.com"]
    outlook = _contact("Mr. John Richter James Doe Sr.")
    assert _values(outlook, "email") == ["john.doe@ibm.cm"]
    assert _values(outlook, "url") == ["http://www.ibm.com"]


def test_our_small_files_import_in_every_format(import_path):
    google = import_path(FILES / "google.csv")
    outlook = import_path(FILES / "outlook.csv")
    cards = import_path(FILES / "contacts.vcf")

    assert (google.added, outlook.added, cards.added) == (2, 1, 3)
    assert [(s.line, s.reason) for s in google.skipped] == [(4, "empty row")]  # 2–3: one row
    margaret = _contact("Margaret Hamilton")
    assert _tags(margaret) == ["Mentors"]
    assert margaret.notes == "Met at a conference\nlikes space"
    assert _values(margaret, "email") == ["margaret@example.org", "mh@example.net"]
    assert _contact("Acme").organization.name == "Acme"  # no name: known by the company
    renee = _contact("Renée Müller")
    assert (renee.organization.name, renee.title, renee.notes) == (
        "Café & Co",
        "Chef",
        "Très sympa",
    )
    assert _tags(renee) == ["Food", "VIP"]
    assert _values(renee, "phone") == ["+33 6 00 00 00 00"]  # no fax
    jurgen = _contact("Jürgen Müller")
    assert jurgen.notes == "First line\nSecond line is long enough to need a soft break"
    assert (jurgen.first_name, jurgen.last_name) == ("Jürgen", "Müller")
    katherine = _contact("Katherine Johnson")
    assert katherine.organization.name == "NASA"
    assert katherine.notes == "Trajectories, orbits\nand more"
    assert _tags(katherine) == ["Mentors", "Space"]  # the Google label and the vCard category
    dorothy = _contact("Dorothy Vaughan")
    assert _values(dorothy, "phone") == ["+1-757-555-0199"]
    assert dorothy.notes.endswith("has to be folded by the writer.")


def test_a_tag_with_a_comma_comes_back_from_our_own_vcard_as_one_tag(
    owner, stranger, make_contact, import_path, tmp_path
):
    make_contact("Ada Byron", tags=["café, bar", "python"])
    path = tmp_path / "contacts.vcf"
    path.write_text(exports.vcard_export(user=owner), encoding="utf-8", newline="")

    import_path(path, user=stranger)

    assert "CATEGORIES:café\\, bar,python" in path.read_text(encoding="utf-8")
    copy = Contact.objects.get(owner=stranger, name="Ada Byron")
    assert _tags(copy) == ["café, bar", "python"]


def test_connections_saved_by_excel_with_semicolons_import_every_person(import_path):
    report = import_path(FILES / "Connections_semicolons.csv")

    assert (report.kind, report.added, report.skipped) == ("linkedin", 2, [])
    lena = _contact("Lena Vogel")
    assert (lena.organization.name, lena.title) == ("Acme, Inc.", "Leiterin Vertrieb")
    assert lena.added_on == date(2025, 12, 22)  # the locale's 22.12.2025
    assert _values(lena, "email") == ["lena@example.de"]
    assert _contact("Jörg Brandt").organization.name == "Brandt; Söhne"


def test_outlook_with_semicolons_in_the_windows_code_page(import_path):
    report = import_path(FILES / "outlook_semicolons.csv")

    assert (report.kind, report.added) == ("outlook", 1)
    elise = _contact("Élise Martin")
    assert (elise.organization.name, elise.title) == ("Dupont & Fils", "Directrice, achats")
    assert elise.location == "Lyon, France"
    assert elise.notes == "Rencontrée au salon; à rappeler"
    assert _values(elise, "phone") == ["+33 6 00 00 00 02"]  # not the fax
    assert _tags(elise) == ["Clients", "Family"]  # Outlook categories are the user's own


def test_a_comma_file_with_semicolons_in_its_first_rows_still_reads_as_commas(import_path):
    report = import_path(FILES / "google_labels.csv")

    assert (report.kind, report.added, report.skipped) == ("google", 2, [])
    ada = _contact("Ada Byron")
    assert _values(ada, "email") == ["ada@example.org"]
    assert ada.notes.split("\n\n")[0] == "Call back; busy on Mondays; prefers email"


def test_google_labels_named_like_its_old_groups_are_the_users_own(import_path):
    import_path(FILES / "google_labels.csv")

    # "* Friends", "* starred" and "System Group: …" are Google's; unstarred ones are not.
    assert _tags(_contact("Ada Byron")) == ["Coworkers", "Family", "Friends", "Other"]
    assert _tags(_contact("Tom Kilburn")) == ["Computing"]


def test_several_google_jobs_file_the_first_and_keep_the_others_in_the_notes(import_path):
    import_path(FILES / "google_labels.csv")

    ada = _contact("Ada Byron")
    assert (ada.organization.name, ada.title) == ("Acme; Ltd", "CEO")
    assert ada.notes.endswith("\n\nAlso: Globex (Advisor)")
    tom = _contact("Tom Kilburn")
    assert (tom.organization.name, tom.title, tom.notes) == ("Manchester University", "", "")
