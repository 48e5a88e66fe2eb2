"""A merge never lets one account see, or lose, what another account entered."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from guwah.registry import access, services
from guwah.registry.models import Event, IdentityDocument, Name, Person, Visibility

pytestmark = pytest.mark.django_db


def every_registry_row() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_app_config("registry").get_models(include_auto_created=True)
    }


@pytest.fixture
def documenters_record_of_aynurs_father(colleague) -> Person:
    """The same man, entered by a documenter from a source she protects."""
    person = services.create_person(
        colleague,
        names=[{"text": "Exmet Tursun", "script": "ug-Latn"}],
        sex="m",
        notes="Source: a guard at the Kashgar camp; never name him.",
    )
    IdentityDocument.objects.create(
        person=person, kind=IdentityDocument.Kind.PRC_RESIDENT_ID, number="653101195601011234"
    )
    services.add_event(colleague, person, kind=Event.Kind.CAMP_DETENTION, date="2018-02")
    return person


def test_a_family_record_and_a_documenters_record_are_not_merged(
    colleague, owner, aynurs_father, documenters_record_of_aynurs_father
) -> None:
    before = every_registry_row()

    with pytest.raises(ValidationError) as refused:
        services.merge_persons(
            colleague, aynurs_father, documenters_record_of_aynurs_father, reason="Same man."
        )

    assert "different accounts" in " ".join(refused.value.messages)
    assert every_registry_row() == before
    # Aynur still sees only her own record, and none of the documenter's notes.
    assert list(access.persons_visible_to(owner)) == [aynurs_father]


def test_the_refusal_holds_whichever_record_would_survive(
    colleague, aynurs_father, documenters_record_of_aynurs_father
) -> None:
    with pytest.raises(ValidationError):
        services.merge_persons(
            colleague, documenters_record_of_aynurs_father, aynurs_father, reason="Same man."
        )
    assert Person.objects.filter(pk=aynurs_father.pk).exists()


def test_two_records_entered_by_one_family_are_merged(owner, colleague, aynurs_father) -> None:
    again = services.create_person(
        owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}], birth_date="1956"
    )

    services.merge_persons(colleague, aynurs_father, again, reason="Aynur entered him twice.")

    assert not Person.objects.filter(pk=again.pk).exists()
    assert "Ehmet Tursun" in Name.objects.filter(person=aynurs_father).values_list(
        "text", flat=True
    )
    assert list(access.persons_visible_to(owner)) == [aynurs_father]


@pytest.mark.parametrize(
    ("survivor_visibility", "merged_visibility", "expected"),
    [
        (Visibility.INTERNAL, Visibility.RESTRICTED, Visibility.RESTRICTED),
        (Visibility.RESTRICTED, Visibility.INTERNAL, Visibility.RESTRICTED),
        (Visibility.INTERNAL, Visibility.INTERNAL, Visibility.INTERNAL),
    ],
)
def test_the_merged_record_takes_the_stricter_visibility(
    colleague, survivor_visibility, merged_visibility, expected
) -> None:
    survivor, merged = (
        services.create_person(
            colleague,
            names=[{"text": text, "script": "ug-Latn"}],
            visibility=visibility,
        )
        for text, visibility in (
            ("Memet Tursun", survivor_visibility),
            ("Mehmet Tursun", merged_visibility),
        )
    )

    services.merge_persons(colleague, survivor, merged, reason="One man.")

    survivor.refresh_from_db()
    assert survivor.visibility == expected


def test_a_public_record_merged_with_an_unpublished_one_is_no_longer_public(
    reviewer, colleague
) -> None:
    published = services.create_person(
        reviewer,
        names=[{"text": "Memet Tursun", "script": "ug-Latn"}],
        consent_publish=True,
        visibility=Visibility.PUBLIC,
    )
    unpublished = services.create_person(
        reviewer, names=[{"text": "Mehmet Tursun", "script": "ug-Latn"}]
    )

    services.merge_persons(reviewer, published, unpublished, reason="One man.")

    published.refresh_from_db()
    assert published.visibility == Visibility.RESTRICTED
    assert not published.consent_publish


def test_families_may_not_merge_even_their_own_records(owner, aynurs_father) -> None:
    again = services.create_person(owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}])
    with pytest.raises(PermissionDenied):
        services.merge_persons(owner, aynurs_father, again, reason="Twice.")
    assert Person.objects.filter(pk=again.pk).exists()
