"""Every read of a restricted record is recorded (who, what, when) and shown to
administrators, with an alert when one account reads unusually many restricted cases."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import RecordRead, Visibility
from guwah.registry.services import audit

pytestmark = pytest.mark.django_db


def _person(owner: Any, name: str = "Ehmet Tursun") -> Any:
    return services.create_person(
        owner, names=[{"text": name, "script": "ug-Latn"}], synthetic=True
    )


def test_opening_a_restricted_persons_page_records_who_read_it(owner: Any, colleague: Any) -> None:
    father = _person(owner)
    testimony = services.add_testimony(owner, [father], witness_name="Aynur", text="Taken.")
    client = Client()
    client.force_login(colleague)
    client.get(reverse("registry:person_detail", kwargs={"pk": father.pk}))
    client.get(reverse("registry:person_json", kwargs={"pk": father.pk}))
    client.get(reverse("registry:testimony_detail", kwargs={"pk": testimony.pk}))
    reads = list(RecordRead.objects.order_by("pk").values_list("reader", "record_type", "action"))
    assert reads == [
        (colleague.pk, "person", "viewed"),
        (colleague.pk, "person", "viewed"),
        (colleague.pk, "testimony", "viewed"),
    ]
    assert RecordRead.objects.filter(person_key=father.pk).count() == 3


def test_reading_an_internal_record_is_not_recorded(owner: Any, colleague: Any) -> None:
    father = _person(owner)
    services.set_visibility(owner, father, Visibility.INTERNAL)
    client = Client()
    client.force_login(colleague)
    assert (
        client.get(reverse("registry:person_detail", kwargs={"pk": father.pk})).status_code == 200
    )
    assert not RecordRead.objects.exists()


def test_administrators_see_the_reads_and_others_may_not(
    owner: Any, colleague: Any, administrator: Any, reviewer: Any
) -> None:
    father = _person(owner)
    audit.record_read(colleague, father)
    client = Client()
    client.force_login(administrator)
    page = client.get(reverse("registry:read_audit"))
    assert page.status_code == 200
    assert "dilnur" in page.content.decode()
    client.force_login(reviewer)
    assert client.get(reverse("registry:read_audit")).status_code == 403


@override_settings(GUWAH_READ_ALERT_CASES=3)
def test_an_account_reading_unusually_many_restricted_cases_is_flagged(
    owner: Any, colleague: Any, administrator: Any, caplog: pytest.LogCaptureFixture
) -> None:
    persons = [_person(owner, f"Synthetic Person {n}") for n in range(5)]
    client = Client()
    client.force_login(colleague)
    with caplog.at_level(logging.WARNING, logger="guwah.audit"):
        for person in persons:
            client.get(reverse("registry:person_detail", kwargs={"pk": person.pk}))
            # Reading the same case again does not count twice.
            client.get(reverse("registry:person_detail", kwargs={"pk": person.pk}))
    warnings = [r for r in caplog.records if r.name == "guwah.audit"]
    assert len(warnings) == 1
    assert f"Account {colleague.pk} read more than 3 restricted cases" in warnings[0].getMessage()
    alerts = audit.unusual_readers()
    assert [(alert.reader_id, alert.cases) for alert in alerts] == [(colleague.pk, 5)]
    client.force_login(administrator)
    page = client.get(reverse("registry:read_audit")).content.decode()
    assert "Unusually many reads" in page
    assert "dilnur read 5 restricted cases within 24 hours." in page


def test_an_account_below_the_threshold_is_not_flagged(owner: Any, colleague: Any) -> None:
    audit.record_read(colleague, _person(owner))
    assert audit.unusual_readers() == []
