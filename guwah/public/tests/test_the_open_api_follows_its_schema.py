"""The open API describes itself in OpenAPI, answers what its schema declares (schemathesis
checks it with generated requests, bounded to a few examples per operation), refuses an
unreadable parameter with a declared 422, limits each address's requests, and offers every
published person as a CSV or JSON-lines download, at each person's publication level."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.test import Client
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.django_db(transaction=True)

BASE = "/memorial/api/v1"


def test_every_operation_answers_as_its_schema_says(
    memtimin: Any, partial: Any, anonymous: Any
) -> None:
    # Bounded: five generated requests for each operation, against the WSGI application.
    schema = schemathesis.openapi.from_wsgi(f"{BASE}/openapi.json", get_wsgi_application())
    checked = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def answers_as_declared(case: Any) -> None:
            case.call_and_validate()

        answers_as_declared()
        checked.append(operation.label)
    # The memorial's six operations and the five of the state positions.
    assert len(checked) == 11


def test_an_unreadable_parameter_is_a_declared_422(client: Client, memtimin: Any) -> None:
    document = client.get(f"{BASE}/openapi.json").json()
    assert "422" in document["paths"][f"{BASE}/persons"]["get"]["responses"]
    response = client.get(f"{BASE}/persons", {"year": "last", "per_page": "1000"})
    assert response.status_code == 422


def test_filters_and_pagination(client: Client, memtimin: Any, gulbahar: Any) -> None:
    data = client.get(f"{BASE}/persons", {"q": "Memtimin Hoshur"}).json()
    assert [person["entry"] for person in data["results"]] == [memtimin.pk]
    data = client.get(f"{BASE}/persons", {"per_page": 1, "page": 2}).json()
    assert (data["count"], data["pages"], data["page"]) == (2, 2, 2)
    assert client.get(f"{BASE}/persons/{memtimin.pk}").json()["names"][0]["text"]


def test_each_address_is_limited(client: Client, memtimin: Any, settings: Any) -> None:
    cache.clear()  # the requests of earlier tests, from the same address
    settings.GUWAH_API_RATE = "3/m"
    answers = [client.get(f"{BASE}/facilities").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_the_downloads_hold_every_published_person_at_its_level(
    client: Client, memtimin: Any, partial: Any, anonymous: Any, unpublished: Any
) -> None:
    response = client.get(f"{BASE}/download/persons.csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["entry"] for row in rows] == [str(p.pk) for p in (memtimin, partial, anonymous)]
    assert [row["name"] for row in rows] == ["مەمتىمىن ھوشۇر", "Rahile D.", ""]
    for withheld in ("Dawutqiz", "Zulpiye", "Yengi Awat", "1975", "Restricted", "Internal"):
        assert withheld not in text
    lines = b"".join(client.get(f"{BASE}/download/persons.json").streaming_content).decode()
    assert [json.loads(line)["entry"] for line in lines.splitlines()] == [
        p.pk for p in (memtimin, partial, anonymous)
    ]


def test_a_number_too_large_for_any_record_is_refused_or_not_found(
    client: Client, memtimin: Any
) -> None:
    huge = 2**70
    assert client.get(f"{BASE}/persons/{huge}").status_code == 422
    assert client.get(f"{BASE}/persons", {"prefecture": huge}).status_code == 422
    for url in (f"/memorial/{huge}/", f"/memorial/{huge}/photo", f"/memorial/facilities/{huge}/"):
        assert client.get(url).status_code == 404
    assert client.get("/memorial/", {"county": huge, "facility": huge}).status_code == 200
