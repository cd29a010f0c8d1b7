"""The people commands: add, edit, show, list, find, archive, unarchive, merge."""

from __future__ import annotations

from datetime import timedelta

from weakties.network import services
from weakties.network.models import Contact, Interaction, NextStep

CONTACT_KEYS = {"id", "name", "organization", "title", "emails", "tie", "closeness", "tags"}


def test_adding_a_person_prints_who_was_added(run, owner):
    result = run("add", "Ada Lovelace", "--org", "Acme", "--title", "Data lead")

    assert "Added Ada Lovelace" in result.stdout
    ada = Contact.objects.get(owner=owner)
    assert (ada.name, ada.organization.name, ada.title) == ("Ada Lovelace", "Acme", "Data lead")


def test_adding_a_person_with_every_option_keeps_everything(add):
    ada = add(
        "Ada Lovelace",
        "--org", "Acme",
        "--title", "Data lead",
        "--email", "ada@acme.example",
        "--email", "ada@home.example",
        "--phone", "+44 20 7946 0000",
        "--url", "https://www.linkedin.com/in/ada-lovelace/",
        "--tie", "strong",
        "--closeness", "4",
        "--tag", "python",
        "--tag", "london",
        "--how-met", "PyCon 2025",
        "--note", "Knows everyone in data.",
        "--level", "senior",
        "--role", "mentor",
    )  # fmt: skip

    assert ada.keys() >= CONTACT_KEYS
    assert ada["emails"] == ["ada@acme.example", "ada@home.example"]
    assert ada["phones"] == ["+44 20 7946 0000"]
    assert ada["urls"] == ["https://www.linkedin.com/in/ada-lovelace/"]
    assert (ada["tie"], ada["closeness"], ada["level"]) == ("strong", 4, "senior")
    assert sorted(ada["tags"]) == ["london", "python"]
    assert ada["roles"] == ["mentor"]
    assert ada["last_contacted"] is None


def test_adding_a_person_whose_email_is_taken_is_refused_and_writes_nothing(run, add, owner):
    add("Ada Lovelace", "--email", "ada@acme.example")

    result = run("add", "Ada King", "--org", "NewCo", "--email", "ADA@acme.example", code=1)

    assert "already belongs to Ada Lovelace" in result.stderr
    # Not "merge them": the new contact was never saved, and its id will go to someone else.
    assert "add what is new to them instead" in result.stderr
    assert "weakties merge" not in result.stderr
    assert Contact.objects.filter(owner=owner).count() == 1
    assert not Contact.objects.filter(organization__name="NewCo").exists()


def test_adding_with_a_closeness_out_of_range_is_a_usage_error(run, owner):
    result = run("add", "Ada", "--closeness", "9", code=2)

    assert "--closeness" in result.stderr
    assert not Contact.objects.filter(owner=owner).exists()


def test_a_name_as_long_as_allowed_is_kept_whole(run, owner):
    name = "Ada " + "Lovelace-Byron-King" * 10  # a 194-character name, one long last word

    added = run.json("add", name)

    assert added["name"] == name
    contact = Contact.objects.get(owner=owner)
    assert contact.first_name == "Ada" and len(contact.last_name) == 100


def test_editing_changes_only_what_is_given(run, add):
    ada = add("Ada Lovelace", "--org", "Acme", "--title", "Engineer", "--tag", "python")

    edited = run.json("edit", "Ada", "--title", "Head of data", "--closeness", "5")

    assert edited["id"] == ada["id"]
    assert (edited["title"], edited["closeness"]) == ("Head of data", 5)
    assert (edited["organization"], edited["tags"]) == ("Acme", ["python"])


def test_editing_a_list_option_replaces_it_and_an_empty_value_clears_it(run, add):
    add("Ada Lovelace", "--tag", "python", "--email", "ada@acme.example")

    assert run.json("edit", "Ada", "--tag", "rust", "--tag", "mentor")["tags"] == [
        "mentor",
        "rust",
    ]
    assert run.json("edit", "Ada", "--email", "")["emails"] == []


def test_editing_can_set_a_level_and_roles_back_to_none(run, add, owner):
    add("Ada Lovelace", "--level", "senior", "--role", "mentor", "--role", "recruiter")

    assert run.json("edit", "Ada", "--role", "referrer")["roles"] == ["referrer"]
    cleared = run.json("edit", "Ada", "--level", "", "--role", "")

    assert (cleared["level"], cleared["roles"]) == (None, [])
    ada = Contact.objects.get(owner=owner)
    assert (ada.level, ada.roles.count()) == ("", 0)
    assert "--level" in run("add", "Grace Hopper", "--level", "", code=2).stderr


def test_editing_can_rename_a_person(run, add):
    add("Ada Byron")

    result = run("edit", "Ada Byron", "--name", "Ada Lovelace")

    assert "Updated Ada Lovelace" in result.stdout


def test_editing_without_any_change_is_refused(run, add):
    add("Ada Lovelace")

    result = run("edit", "Ada", code=1)

    assert "Nothing to change" in result.stderr


def test_show_prints_a_card_with_details_history_and_next_steps(run, add, owner, today):
    add(
        "Ada Lovelace",
        "--org", "Acme",
        "--title", "Data lead",
        "--email", "ada@acme.example",
        "--tag", "python",
        "--how-met", "PyCon 2025",
        "--note", "Loves **graphs**.",
    )  # fmt: skip
    add("Grace Hopper")
    run("log", "Ada", "Coffee about data roles", "--date", "2025-12-16", "--next", "Send my CV")
    ada = Contact.objects.get(name="Ada Lovelace")
    grace = Contact.objects.get(name="Grace Hopper")
    services.contact_link(a=ada, b=grace, kind="colleague", strength=4)

    card = run("show", "ada lovelace").stdout

    for expected in (
        "Ada Lovelace",
        "Data lead",
        "Acme",
        "ada@acme.example",
        "python",
        "PyCon 2025",
        "3 months ago (2025-12-16)",
        "Coffee about data roles",
        "Send my CV",
        "Grace Hopper",
        "Loves **graphs**.",
    ):
        assert expected in card, expected


def test_show_json_has_the_details_interactions_and_open_next_steps(run, add):
    ada = add("Ada Lovelace", "--org", "Acme", "--email", "ada@acme.example")
    run("log", "Ada", "Intro call", "--channel", "call", "--next", "Send my CV", "--due", "friday")

    shown = run.json("show", "ada@acme.example")

    assert shown["id"] == ada["id"]
    assert CONTACT_KEYS | {"notes", "how_met", "memories", "help_ideas"} <= shown.keys()
    assert [(i["channel"], i["summary"]) for i in shown["interactions"]] == [("call", "Intro call")]
    assert [(s["text"], s["due"], s["mine"]) for s in shown["next_steps"]] == [
        ("Send my CV", "2026-03-20", True)
    ]
    assert shown["last_contacted"] == "2026-03-16"


def test_a_person_can_be_named_by_id_with_or_without_hash(run, add):
    ada = add("Ada Lovelace")

    assert run.json("show", str(ada["id"]))["name"] == "Ada Lovelace"
    assert run.json("show", f"#{ada['id']}")["name"] == "Ada Lovelace"


def test_an_unknown_person_is_refused_with_close_matches(run, add):
    add("Ada Lovelace")

    result = run("show", "Ada Lovelase", code=1)

    assert "Ada Lovelase" in result.stderr
    assert "Did you mean: Ada Lovelace?" in result.stderr
    assert result.stdout == ""


def test_an_ambiguous_name_lists_the_candidates(run, add):
    first = add("Ada Lovelace", "--org", "Acme")
    second = add("Ada Byron")

    result = run("show", "ada", code=1)

    assert "matches 2 people" in result.stderr
    assert f"#{first['id']} Ada Lovelace (Acme)" in result.stderr
    assert f"#{second['id']} Ada Byron" in result.stderr


def test_a_name_shared_by_many_is_counted_in_full(run, owner):
    from weakties.interop.services import import_file

    rows = "".join(f"Ada,Person{n},,,,," + "\n" for n in range(60))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    import_file(owner=owner, data=(header + rows).encode(), file_name="Connections.csv")

    result = run("show", "ada", code=1)
    exact = run("show", "ada person1", code=0)

    # Names are read 50 at a time: the count says so rather than claim 20 (or 50).
    assert "'ada' matches 50 or more people; the first 20;" in result.stderr
    assert result.stderr.count("#") == 20
    assert "Ada Person1" in exact.stdout
    assert "'erson' matches 60 people; the first 20;" in run("show", "erson", code=1).stderr


def test_names_are_found_whatever_their_case_and_accents(run, add):
    lukasz = add("Łukasz Żółć")
    zoe = add("Zoë Ångström")
    add("Søren Kierkegaard")

    for typed, expected in (("łukasz", lukasz), ("LUKASZ ZOLC", lukasz), ("zoe", zoe),
                            ("ZOË ÅNGSTRÖM", zoe)):  # fmt: skip
        assert run.json("show", typed)["id"] == expected["id"], typed
    assert run.json("show", "soren")["name"] == "Søren Kierkegaard"
    assert "No one called 'nobody'" in run("show", "nobody", code=1).stderr


def test_another_users_contact_is_not_found(run, make_contact, stranger):
    theirs = make_contact("Secret Person", user=stranger)

    result = run("show", str(theirs.pk), code=1)

    assert f"No contact with id {theirs.pk}" in result.stderr
    assert "Secret Person" not in result.stdout + result.stderr


def test_list_shows_everyone_in_a_table(run, add):
    add("Ada Lovelace", "--org", "Acme", "--tag", "python")
    add("Grace Hopper", "--org", "Navy")

    table = run("list").stdout

    assert "Ada Lovelace" in table and "Grace Hopper" in table
    assert "Acme" in table and "python" in table
    assert "2 people" in table


def test_list_json_is_a_list_of_contacts(run, add):
    add("Ada Lovelace", "--org", "Acme", "--email", "ada@acme.example")

    listed = run.json("list")

    assert [c["name"] for c in listed] == ["Ada Lovelace"]
    assert listed[0].keys() >= CONTACT_KEYS
    assert listed[0]["emails"] == ["ada@acme.example"]


def test_list_filters_by_tag_organisation_and_tie(run, add):
    add("Ada Lovelace", "--org", "Acme", "--tag", "python", "--tie", "weak")
    add("Grace Hopper", "--org", "Acme", "--tie", "strong")
    add("Alan Turing", "--org", "Bletchley", "--tag", "python", "--tie", "none")

    def names(*options):
        return [c["name"] for c in run.json("list", *options)]

    assert names("--tag", "PYTHON") == ["Ada Lovelace", "Alan Turing"]
    assert names("--org", "acme") == ["Ada Lovelace", "Grace Hopper"]
    assert names("--tie", "strong") == ["Grace Hopper"]
    assert names("--tie", "none") == ["Alan Turing"]
    assert names("--org", "acme", "--tag", "python") == ["Ada Lovelace"]


def test_list_finds_dormant_and_never_contacted_people(run, owner, today):
    def known_since(name, days):
        data = services.ContactData(name=name)
        added_on = today - timedelta(days=days)
        return services.contact_create(owner=owner, data=data, added_on=added_on)

    old_friend, recent = known_since("Old Friend", 400), known_since("Recent Talk", 400)
    known_since("Never Met", 200)
    known_since("Just Added", 1)
    for person, days_ago in ((old_friend, 300), (recent, 10)):
        services.interaction_log(
            owner=owner,
            participants=[person],
            summary="Lunch",
            occurred_on=today - timedelta(days=days_ago),
        )

    def names(*options):
        return [c["name"] for c in run.json("list", *options)]

    assert names("--dormant", "90") == ["Never Met", "Old Friend"]
    assert names("--never-contacted") == ["Just Added", "Never Met"]


def test_a_large_network_lists_a_hundred_people_in_the_table_and_everyone_in_json(run, owner):
    from weakties.interop.services import import_file

    rows = "".join(f"Person,Number{n:03d},,,,," + "\n" for n in range(120))
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    import_file(owner=owner, data=(header + rows).encode(), file_name="Connections.csv")

    table = run("list").stdout

    assert "Person Number099" in table and "Person Number100" not in table
    assert "Showing 100 of 120: --limit N shows more (0: everyone)" in table
    assert "Person Number119" in run("list", "--limit", "0").stdout
    assert len(run.json("list")) == 120


def test_an_empty_list_says_why(run, add):
    add("Ada Lovelace", "--org", "Acme", "--tag", "python")

    assert (
        "You have no tag called 'pyhton'. Did you mean: python?"
        in run("list", "--tag", "pyhton").stdout
    )
    assert "You have no organisation called 'Acme Corp'" in run("list", "--org", "Acme Corp").stdout
    assert "No one matches these filters." in run("list", "--tie", "strong").stdout


def test_list_limit_cuts_the_list_and_says_so(run, add):
    for name in ("Ada", "Bea", "Cy"):
        add(name)

    assert [c["name"] for c in run.json("list", "--limit", "2")] == ["Ada", "Bea"]
    assert "Showing 2 of 3" in run("list", "--limit", "2").stdout


def test_find_searches_names_organisations_titles_and_notes(run, add):
    add("Ada Lovelace", "--org", "Acme")
    add("Grace Hopper", "--title", "Acme alumni lead")
    add("Alan Turing", "--note", "Worked with Acme on codes")
    add("Someone Else")

    found = [c["name"] for c in run.json("find", "acme")]

    assert found == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert "No one matches 'zebra'" in run("find", "zebra").stdout


def test_archiving_hides_a_person_until_unarchived(run, add):
    add("Ada Lovelace")

    assert "Archived Ada Lovelace" in run("archive", "Ada").stdout
    assert run.json("list") == []
    assert [c["name"] for c in run.json("list", "--archived")] == ["Ada Lovelace"]

    assert run.json("unarchive", "Ada")["archived"] is False
    assert [c["name"] for c in run.json("list")] == ["Ada Lovelace"]


def test_unarchiving_a_name_finds_the_archived_namesake(run, add):
    gone = add("Tom Becker", "--org", "Old Job")
    here = add("Tom Becker", "--org", "New Job")
    run("archive", str(gone["id"]))

    back = run("unarchive", "Tom Becker")

    assert f"Tom Becker (#{gone['id']}) is back in your lists." in back.stdout
    assert "is not archived" in run("unarchive", str(here["id"])).stdout
    run("archive", str(here["id"]))
    assert "was already archived" in run("archive", str(here["id"])).stdout


def test_people_added_twice_are_found_and_the_second_add_says_so(run, add):
    first = add("Ada Lovelace", "--org", "Acme")
    jon = add("Jon Smith", "--org", "Acme")
    add("Ada Lovelace", "--org", "Initech")  # another organisation: another person
    add("Zoë Ångström")

    again = run("add", "ada lovelace", "--org", "Acme").stdout
    john = add("John Smith", "--org", "Acme")
    zoe = add("ZOE ANGSTROM")

    assert f"You already have Ada Lovelace (#{first['id']}) at Acme. The same person?" in again
    found = run.json("duplicates")
    assert [(d["first"]["name"], d["second"]["name"], d["why"]) for d in found] == [
        ("Ada Lovelace", "ada lovelace", "the same name"),
        ("Jon Smith", "John Smith", "near-identical names"),
        ("Zoë Ångström", "ZOE ANGSTROM", "the same name"),
    ]
    assert (found[1]["first"]["id"], found[1]["second"]["id"]) == (jon["id"], john["id"])
    table = run("duplicates").stdout
    assert f"weakties merge {jon['id']} {john['id']}" in table
    assert found[2]["second"]["id"] == zoe["id"]


def test_no_duplicates_is_said_plainly(run, add):
    add("Ada Lovelace", "--org", "Acme")

    assert "No likely duplicates" in run("duplicates").stdout
    assert run.json("duplicates") == []


def test_merging_keeps_every_conversation_and_next_step(run, add, owner):
    keep = add("Ada Lovelace", "--org", "Acme")
    other = add("A. Lovelace", "--email", "ada@old.example")
    run("log", "A. Lovelace", "Old chat", "--next", "Ask about roles")

    result = run("merge", "Ada Lovelace", "A. Lovelace")

    assert "Merged A. Lovelace" in result.stdout
    assert not Contact.objects.filter(pk=other["id"]).exists()
    merged = run.json("show", str(keep["id"]))
    assert merged["emails"] == ["ada@old.example"]
    assert [i["summary"] for i in merged["interactions"]] == ["Old chat"]
    assert [s["text"] for s in merged["next_steps"]] == ["Ask about roles"]
    assert Interaction.objects.filter(owner=owner).count() == 1


def test_merging_a_person_with_themselves_is_refused(run, add):
    ada = add("Ada Lovelace")

    result = run("merge", str(ada["id"]), "Ada Lovelace", code=1)

    assert "same person" in result.stderr
    assert Contact.objects.filter(pk=ada["id"]).exists()


def test_merging_with_an_unknown_person_changes_nothing(run, add, owner):
    add("Ada Lovelace")
    run("log", "Ada", "Coffee", "--next", "Write")

    run("merge", "Ada", "Nobody Known", code=1)

    assert Contact.objects.filter(owner=owner).count() == 1
    assert NextStep.objects.filter(owner=owner).count() == 1


def test_names_are_printed_as_typed_not_read_as_markup(run, add):
    add("[bold]Bob[/bold]", "--org", "[red]Co")

    assert "[bold]Bob[/bold]" in run("show", "Bob").stdout
    assert "[red]Co" in run("list").stdout


def test_duplicates_take_the_same_queries_for_three_pairs_as_for_one(run, add):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            run.json("duplicates")
        return len(captured)

    add("Ada Lovelace", "--org", "Acme", "--tag", "x", "--email", "a1@x.example")
    add("Ada Lovelace", "--org", "Acme", "--email", "a2@x.example")
    one = queries()
    for name in ("Jon Smith", "John Smith", "Bo Berg", "bo berg"):
        add(name, "--org", "Initech", "--tag", "y", "--phone", "+1 555 0100")

    assert len(run.json("duplicates")) == 3
    assert queries() == one
