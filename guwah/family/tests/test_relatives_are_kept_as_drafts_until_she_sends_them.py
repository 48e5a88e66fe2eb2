"""Relatives are added on the tree one by one, each kept on the server at once as a draft, and
become registry persons with their ties only when she sends them."""

import pytest

from guwah.family.models import DraftRelative, FamilySpace
from guwah.family.tests.helpers import add
from guwah.registry.models import Event, FamilyTie, Person

pytestmark = pytest.mark.django_db


def test_a_son_then_his_children_are_named_from_the_tree(aynur_client, owner):
    son = add(aynur_client, name="Memet", sex="m").json()
    assert son["word"] == "son"
    daughter = add(aynur_client, anchor=son["key"], name="Aygul", sex="f").json()
    assert daughter["word"] == "granddaughter"
    wife = add(aynur_client, anchor=son["key"], edge="spouse", name="Gulnar", sex="f").json()
    assert wife["word"] == "daughter-in-law"
    assert "granddaughter" in daughter["card"] and "Aygul" in daughter["card"]
    assert DraftRelative.objects.filter(space__user=owner).count() == 3
    assert Person.objects.count() == 0


def test_a_half_finished_family_is_there_again_on_the_next_visit(aynur_client, owner):
    son = add(aynur_client, name="Memet", sex="m").json()
    add(aynur_client, anchor=son["key"], name="Aygul", sex="f")
    page = aynur_client.get("/family/").content.decode()
    assert "Memet" in page and "Aygul" in page
    assert "granddaughter" in page
    assert "2 relatives not sent yet." in page


def test_sending_turns_every_draft_into_a_person_with_its_tie(aynur_client, owner, ghulja):
    aynur_client.post(
        "/family/settings/",
        {"hometown": ghulja.pk, "hometown_text": "Bayandai", "lost_contact": ""},
    )
    son = add(
        aynur_client,
        name="Memet",
        sex="m",
        birth_date="about 1975",
        lost_contact="summer 2017",
        hometown=ghulja.pk,
        hometown_text="Bayandai",
    ).json()
    add(aynur_client, anchor=son["key"], name="Aygul", sex="f")
    response = aynur_client.post("/family/send/")
    assert response.status_code == 302
    assert not DraftRelative.objects.exists()
    me = FamilySpace.objects.get(user=owner).me
    memet = Person.objects.get(names__text="Memet")
    aygul = Person.objects.get(names__text="Aygul")
    assert {me.created_by, memet.created_by, aygul.created_by} == {owner}
    assert FamilyTie.objects.filter(person=me, relative=memet, relation="child").exists()
    assert FamilyTie.objects.filter(person=memet, relative=aygul, relation="child").exists()
    assert memet.hometown == ghulja and memet.hometown_text == "Bayandai"
    assert memet.birth_year == 1975
    lost = Event.objects.get(person=memet, kind=Event.Kind.LOST_CONTACT)
    assert str(lost.date_earliest) == "2017-06-01"
    page = aynur_client.get("/family/").content.decode()
    assert "son" in page and "granddaughter" in page and "Received" in page


def test_relatives_added_after_sending_hang_under_recorded_persons(aynur_client, owner):
    add(aynur_client, name="Memet", sex="m")
    aynur_client.post("/family/send/")
    memet = Person.objects.get(names__text="Memet")
    answer = add(aynur_client, anchor=f"p{memet.pk}", edge="spouse", name="Gulnar", sex="f")
    assert answer.json()["word"] == "daughter-in-law"
    aynur_client.post("/family/send/")
    gulnar = Person.objects.get(names__text="Gulnar")
    assert FamilyTie.objects.filter(person=memet, relative=gulnar, relation="spouse").exists()


def test_a_draft_can_be_removed_before_it_is_sent(aynur_client, owner):
    son = add(aynur_client, name="Memet").json()
    key = son["key"][1:]
    aynur_client.post("/family/relatives/remove/", {"key": key})
    assert not DraftRelative.objects.exists()


def test_another_familys_relative_cannot_be_an_anchor(aynur_client, outsider):
    from guwah.registry import services

    theirs = services.create_person(outsider, names=[{"text": "Abdulla", "script": "ug-Latn"}])
    answer = add(aynur_client, anchor=f"p{theirs.pk}", name="Memet")
    assert answer.status_code == 400
    assert "anchor" in answer.json()["errors"]
    assert not DraftRelative.objects.exists()


def test_a_draft_is_changed_in_place_and_keeps_those_under_it(aynur_client):
    son = add(aynur_client, name="Memet", sex="m").json()
    add(aynur_client, anchor=son["key"], name="Aygul", sex="f")
    changed = add(aynur_client, key=son["key"][1:], name="Memet Ehmet", sex="m", birth_date="1975")
    assert changed.json()["key"] == son["key"]
    assert DraftRelative.objects.count() == 2
    memet = DraftRelative.objects.get(name="Memet Ehmet")
    assert memet.birth_date == "1975"
    assert DraftRelative.objects.get(name="Aygul").anchor_draft == memet
    own = add(aynur_client, key=son["key"][1:], anchor=son["key"], name="Memet")
    assert own.status_code == 400


def test_her_dates_are_said_back_in_words(aynur_client):
    card = add(aynur_client, name="Memet", birth_date="about 1975", lost_contact="summer 2017")
    assert "around 1975" in card.json()["card"]
    assert "summer 2017" in card.json()["card"]
