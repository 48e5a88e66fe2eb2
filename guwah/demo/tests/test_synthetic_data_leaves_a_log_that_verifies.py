"""Synthetic data written either way, facilities included, has a transparency-log entry for
every record: the evidence app logs what the bulk loader announces as it logs every save."""

from __future__ import annotations

import pytest

from guwah.demo.bulk import write_bulk
from guwah.demo.records import places_for_synthetic_data, write_with_services
from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.registry.models import Facility, Place
from guwah.registry.synthetic import SyntheticRegistry

pytestmark = pytest.mark.django_db


@pytest.fixture
def generator() -> SyntheticRegistry:
    region = Place.objects.create(code="990000", level=Place.Level.REGION, name_en="Testland")
    Place.objects.create(
        code="990101", level=Place.Level.COUNTY, parent=region, name_en="Hilltown County"
    )
    return SyntheticRegistry(places_for_synthetic_data(), seed=3)


def _logged_facilities() -> set[str]:
    return set(
        LogEntry.objects.filter(record_type="registry.facility").values_list("record_id", flat=True)
    )


def test_the_service_path_logs_its_facilities_and_every_record(
    generator, owner, colleague, reviewer
) -> None:
    write_with_services(generator, 25, owners=[owner], documenter=colleague, reviewer=reviewer)

    report = log.verify_log(check_records=True)

    assert _logged_facilities() == {str(pk) for pk in Facility.objects.values_list("pk", flat=True)}
    assert report.ok, report.problems[:5]


def test_the_bulk_path_logs_every_record_it_announces(generator) -> None:
    write_bulk(generator, 25, batch_persons=10)

    report = log.verify_log(check_records=True)

    assert _logged_facilities()
    assert report.ok, report.problems[:5]


def test_rows_not_announced_have_no_entries(generator) -> None:
    before = LogEntry.objects.count()  # the places, saved one by one

    write_bulk(generator, 10, announce_rows=False)

    assert LogEntry.objects.count() == before
