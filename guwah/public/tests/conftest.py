"""A small memorial: one published person entered in Arabic script, with a public testimony
and source, beside records that must never reach a visitor."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections

from guwah.registry import services
from guwah.registry.models import Evidence, Place, Visibility


def publish(reviewer: Any, record: Any) -> Any:
    return services.set_visibility(reviewer, record, Visibility.PUBLIC)


@pytest.fixture
def kashgar() -> Place:
    return Place.objects.create(code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar")


@pytest.fixture
def kashgar_town(kashgar: Place) -> Place:
    return Place.objects.create(
        code="653101", level=Place.Level.COUNTY, name_en="Kashgar City", parent=kashgar
    )


@pytest.fixture
def hotan() -> Place:
    return Place.objects.create(code="653200", level=Place.Level.PREFECTURE, name_en="Hotan")


@pytest.fixture
def memtimin(owner: Any, reviewer: Any, kashgar_town: Place) -> Any:
    """Published with his family's consent, his name written in Arabic script."""
    person = services.create_person(
        owner,
        names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}],
        sex="m",
        birth_date="1961",
        hometown=kashgar_town,
        consent_publish=True,
        synthetic=True,
    )
    services.add_event(owner, person, kind="camp", date="2017-05")
    testimony = services.add_testimony(
        owner,
        [person],
        witness_name="Witness Ayshem",
        text="He was taken from the mosque at night.",
        consent_publish=True,
    )
    publish(reviewer, testimony)
    evidence = services.add_evidence(
        reviewer,
        [person],
        kind=Evidence.Kind.NEWS_REPORT,
        title="Report on the imams of Kashgar",
        reference="https://example.org/report",
        reliability=Evidence.Reliability.B,
        consent_publish=True,
    )
    publish(reviewer, evidence)
    return publish(reviewer, person)


@pytest.fixture
def gulbahar(colleague: Any, reviewer: Any, hotan: Place) -> Any:
    """Published too, released, from another prefecture."""
    person = services.create_person(
        colleague,
        names=[{"text": "Gulbahar Tursun", "script": "ug-Latn"}],
        sex="f",
        hometown=hotan,
        consent_publish=True,
        synthetic=True,
    )
    services.add_event(colleague, person, kind="camp", date="2018")
    services.add_event(colleague, person, kind="release", date="2019-03")
    return publish(reviewer, person)


@pytest.fixture
def unpublished(owner: Any, colleague: Any) -> list[Any]:
    """Restricted, internal, and public-but-unconsented records are not on the memorial."""
    restricted = services.create_person(
        owner, names=[{"text": "Abduweli Restricted", "script": "ug-Latn"}], synthetic=True
    )
    internal = services.create_person(
        colleague,
        names=[{"text": "Nurmuhammed Internal", "script": "ug-Latn"}],
        visibility=Visibility.INTERNAL,
        consent_publish=True,
        synthetic=True,
    )
    return [restricted, internal]


@pytest.fixture
def yengi_awat(kashgar: Place) -> Place:
    """A village, two steps below its prefecture: what a partial entry must not name."""
    county = Place.objects.create(
        code="653125", level=Place.Level.COUNTY, name_en="Yarkand County", parent=kashgar
    )
    township = Place.objects.create(
        level=Place.Level.TOWNSHIP, name_en="Ishqol Township", parent=county
    )
    return Place.objects.create(
        level=Place.Level.VILLAGE, name_en="Yengi Awat Village", parent=township
    )


def published_at(
    level: str, owner: Any, reviewer: Any, village: Place, given: str, family: str, chinese: str
) -> Any:
    """A person with every identifying fact filled in, published at ``level``."""
    person = services.create_person(
        owner,
        names=[
            {"text": f"{given} {family}", "script": "ug-Latn"},
            {"text": chinese, "script": "zh-Hans", "kind": "alias"},
        ],
        sex="f",
        birth_date="1975-03-14",
        hometown=village,
        consent_publish=True,
        publication_level=level,
        synthetic=True,
    )
    services.add_event(owner, person, kind="camp", date="2017-05-20", place=village)
    testimony = services.add_testimony(
        owner,
        [person],
        witness_name="Witness Hidden",
        text=f"My sister {given} {family} was taken from {village.name_en}.",
        consent_publish=True,
    )
    publish(reviewer, testimony)
    evidence = services.add_evidence(
        reviewer,
        [person],
        kind=Evidence.Kind.NEWS_REPORT,
        title=f"The detention of {given} {family}",
        reference="https://example.org/report",
        reliability=Evidence.Reliability.B,
        consent_publish=True,
    )
    publish(reviewer, evidence)
    return publish(reviewer, person)


@pytest.fixture
def partial(owner: Any, reviewer: Any, yengi_awat: Place) -> Any:
    names = ("Rahile", "Dawutqiz", "热依拉·达吾提克孜")
    return published_at("partial", owner, reviewer, yengi_awat, *names)


@pytest.fixture
def anonymous(owner: Any, reviewer: Any, yengi_awat: Place) -> Any:
    names = ("Zulpiye", "Qadirqiz", "祖丽皮耶·卡迪尔克孜")
    return published_at("anonymous", owner, reviewer, yengi_awat, *names)


@pytest.fixture(autouse=True)
def _fresh_statistics() -> None:
    """Each test counts its own records: the statistics cached by another test are dropped."""
    from django.core.cache import caches

    caches["memorial"].clear()


# Headless Chromium for the memorial's browser tests, against the live test server.
@pytest.fixture
def browser(live_server: Any, chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
