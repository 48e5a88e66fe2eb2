"""The one public-reading function returns only what visibility and consent allow, and never
loads what may not be shown."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guwah.public import reading
from guwah.registry import services
from guwah.registry.models import Visibility

pytestmark = pytest.mark.django_db


def test_the_memorial_lists_published_consented_persons_only(
    memtimin: Any, gulbahar: Any, unpublished: list[Any]
) -> None:
    page = reading.public_persons()
    assert [person.entry for person in page.persons] == [memtimin.pk, gulbahar.pk]
    assert page.count == 2
    for hidden in unpublished:
        assert reading.public_person(hidden.pk) is None


def test_an_entry_has_its_names_status_timeline_and_hometown_in_words(memtimin: Any) -> None:
    person = reading.public_person(memtimin.pk)
    assert person is not None
    assert [name.text for name in person.names] == ["مەمتىمىن ھوشۇر"]
    assert person.status_label == "Detained"
    assert person.since == "May 2017"
    assert [(event.what, event.when) for event in person.events] == [
        ("Detention in a camp", "May 2017")
    ]
    assert person.hometown == "Kashgar City"
    assert person.prefecture is not None and person.prefecture.name == "Kashgar"
    assert person.birth_year == 1961


def test_a_testimony_is_quoted_only_when_public_and_consented_and_never_names_its_witness(
    memtimin: Any, owner: Any, reviewer: Any
) -> None:
    services.add_testimony(
        owner, [memtimin], witness_name="Witness Hidden", text="Internal account."
    )
    unconsented = services.add_testimony(
        owner, [memtimin], witness_name="Witness Other", text="Consent withdrawn account."
    )
    services.set_visibility(reviewer, unconsented, Visibility.INTERNAL)
    person = reading.public_person(memtimin.pk)
    assert person is not None
    assert [t.excerpt for t in person.testimonies] == ["He was taken from the mosque at night."]
    assert "Witness" not in repr(person)
    assert [item.title for item in person.evidence] == ["Report on the imams of Kashgar"]


# The photo's stored name is read (to know whether there is one), never shown: whether the
# photo itself is sent is tested with the publication levels.
@pytest.mark.parametrize(
    "column", ["witness_name", "notes", "number", "description", "stated_reason"]
)
def test_no_public_read_selects_a_column_that_may_not_be_shown(
    memtimin: Any, gulbahar: Any, column: str
) -> None:
    with CaptureQueriesContext(connection) as queries:
        reading.public_person(memtimin.pk)
        reading.public_persons()
        reading.public_persons(query="Memtimin Hoshur", status="detained")
        reading.status_facets()
        reading.prefecture_facets()
    selected = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"sex"' in selected  # what may be shown is read, so the capture sees the reads
    assert f'"{column}"' not in selected
