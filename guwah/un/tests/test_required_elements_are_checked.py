"""Each of the WGEID's six required elements: listed when missing, not listed when present."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.un import services as un_services
from guwah.un.checks import Element, missing_wgeid_elements

pytestmark = pytest.mark.django_db


def elements(person: Any) -> set[Element]:
    return {missing.element for missing in missing_wgeid_elements(person)}


def test_a_complete_record_lists_nothing(ablikim: Any) -> None:
    assert missing_wgeid_elements(ablikim) == []


def test_a_person_without_a_name_lacks_the_full_name(owner: Any) -> None:
    person = services.create_person(owner, synthetic=True)

    [missing] = [m for m in missing_wgeid_elements(person) if m.element == Element.FULL_NAME]
    assert missing.url == reverse("registry:name_add", kwargs={"pk": person.pk})


def test_a_record_without_any_arrest_lacks_the_date_and_the_place(owner: Any) -> None:
    person = services.create_person(
        owner, names=[{"text": "Ablikim Tursun", "script": "ug-Latn"}], synthetic=True
    )

    assert {Element.DATE, Element.PLACE} <= elements(person)
    assert Element.FULL_NAME not in elements(person)


def test_a_year_alone_is_too_vague_a_date(ablikim: Any, owner: Any) -> None:
    event = ablikim.events.get()
    services.update_event(owner, event, date="2017")

    [missing] = missing_wgeid_elements(ablikim)
    assert missing.element == Element.DATE
    assert "2017" in missing.message
    assert missing.url == reverse("registry:event_edit", kwargs={"pk": event.pk})


def test_an_arrest_without_a_place_or_facility_lacks_the_place(ablikim: Any, owner: Any) -> None:
    services.update_event(owner, ablikim.events.get(), facility=None)

    assert elements(ablikim) == {Element.PLACE}


def test_without_the_forces_responsible_they_are_listed_with_their_field(
    ablikim: Any, owner: Any
) -> None:
    un_services.save_case_file(owner, ablikim, forces_responsible="  ")

    [missing] = missing_wgeid_elements(ablikim)
    assert missing.element == Element.FORCES
    assert missing.url.endswith("#id_forces_responsible")


def test_without_the_relatives_steps_they_are_listed(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, steps_taken="")

    assert elements(ablikim) == {Element.STEPS}


def test_why_no_steps_were_possible_stands_for_the_steps(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(
        owner, ablikim, steps_taken="", no_steps_reason="Relatives inside were threatened."
    )

    assert elements(ablikim) == set()


def test_without_the_submitters_contact_the_submitter_is_listed(ablikim: Any, owner: Any) -> None:
    un_services.save_case_file(owner, ablikim, submitter_contact="")

    assert elements(ablikim) == {Element.SUBMITTER}


def test_the_person_page_lists_what_is_missing_with_a_link(
    ablikim: Any, owner: Any, client: Any
) -> None:
    un_services.save_case_file(owner, ablikim, forces_responsible="")
    client.force_login(owner)

    page = client.get(reverse("un:person", kwargs={"pk": ablikim.pk})).content.decode()

    assert 'data-element="forces"' in page
    assert f'href="/un/people/{ablikim.pk}/#id_forces_responsible"' in page
    assert 'data-element="steps"' not in page
