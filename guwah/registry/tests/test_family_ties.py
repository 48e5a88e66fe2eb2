"""A family tie is always stored with its inverse, so both relatives' pages show it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guwah.registry import services
from guwah.registry.models import FamilyTie, Person
from guwah.registry.status import derive_status

pytestmark = pytest.mark.django_db


def test_adding_a_parent_records_the_child_on_the_other_side(owner, aynurs_father):
    daughter = services.create_person(owner, names=[{"text": "Aynur", "script": "ug-Latn"}])
    services.add_family_tie(owner, daughter, aynurs_father, "parent")
    assert aynurs_father.ties.get().relation == "child"
    assert aynurs_father.ties.get().relative == daughter
    assert daughter.ties.get().relation == "parent"


def test_removing_a_tie_removes_its_inverse(owner, aynurs_father):
    daughter = services.create_person(owner, names=[{"text": "Aynur", "script": "ug-Latn"}])
    tie = services.add_family_tie(owner, daughter, aynurs_father, "parent")
    services.delete_family_tie(owner, tie)
    assert not FamilyTie.objects.exists()


def test_it_refuses_to_link_a_person_twice(owner, aynurs_father):
    son = services.create_person(owner, names=[{"text": "Memet", "script": "ug-Latn"}])
    services.add_family_tie(owner, son, aynurs_father, "parent")
    with pytest.raises(ValidationError):
        services.add_family_tie(owner, aynurs_father, son, "child")
    assert FamilyTie.objects.count() == 2


def test_a_family_member_cannot_tie_her_relative_to_another_familys_record(
    owner, aynurs_father, murats_brother
):
    with pytest.raises(PermissionDenied):
        services.add_family_tie(owner, aynurs_father, murats_brother, "sibling")
    assert not FamilyTie.objects.exists()


def test_a_grandmother_adds_a_relative_in_one_step(owner, aynurs_father):
    grandson = services.add_relative(
        owner,
        aynurs_father,
        name="ئالىم",
        script="ug-Arab",
        relation="child",
        birth_date="1985",
        lost_contact="2017",
    )
    assert grandson.created_by == owner
    assert grandson.names.get().text == "ئالىم"
    assert aynurs_father.ties.get().relative == grandson
    assert derive_status(grandson).status == "lost_contact"


def test_a_failed_quick_add_leaves_nothing_behind(owner, aynurs_father):
    before = Person.objects.count()
    with pytest.raises(ValidationError):
        services.add_relative(
            owner,
            aynurs_father,
            name="Alim",
            script="ug-Latn",
            relation="child",
            birth_date="1985",
            lost_contact="summer",
        )
    assert Person.objects.count() == before
    assert not FamilyTie.objects.exists()
