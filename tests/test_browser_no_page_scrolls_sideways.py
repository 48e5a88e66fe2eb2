"""On a phone (390×844), in Uyghur and in English, no page a family member, a visitor or a
documenter opens scrolls sideways; in Uyghur the page runs right to left; the menu folds away
behind one button until it is opened. Screenshots are kept in test-artifacts/phone/.

The records are synthetic and chosen to stress the layout: long names in two scripts, a long
source address, a table of relatives."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse

from guwah.linkage.models import CandidatePair
from guwah.positions.models import Group, Instrument, Membership, Position, State
from guwah.registry import services
from guwah.registry.models import Evidence, Facility, FamilyTie, Place, Visibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LONG_URL = (
    "https://example.org/statements/2019/07/joint-letter-to-the-president-of-the-human-rights-"
    "council-on-the-treatment-of-uyghurs-and-other-minorities-in-the-region.pdf"
)


@pytest.fixture
def world(owner: Any, colleague: Any, reviewer: Any, outsider: Any) -> dict[str, Any]:
    """Aynur's father with a family, an event and a testimony; a published person on the
    memorial; a state's positions; a candidate match for the documenters. All synthetic."""
    kashgar = Place.objects.create(code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar")
    county = Place.objects.create(
        code="653125", level=Place.Level.COUNTY, name_en="Yarkand County", parent=kashgar
    )
    camp = Facility.objects.create(
        kind=Facility.Kind.CAMP,
        name_en="Yarkand County Vocational Skills Education and Training Centre No. 3 (synthetic)",
        place=county,
    )
    father = services.create_person(
        owner,
        names=[
            {"text": "ئەخمەتجان تۇرسۇنمۇھەممەت ئابدۇرېھىمئوغلى", "script": "ug-Arab"},
            {"text": "Ehmetjan Tursunmuhemmet Abdurehimoghli", "script": "ug-Latn"},
        ],
        sex="m",
        birth_date="1961",
        hometown=county,
        synthetic=True,
    )
    mother = services.create_person(
        owner, names=[{"text": "گۈلنار تۇرسۇن", "script": "ug-Arab"}], sex="f", synthetic=True
    )
    services.add_family_tie(owner, father, mother, FamilyTie.Relation.SPOUSE)
    services.add_event(owner, father, kind="camp", date="2017-04", facility=camp)
    testimony = services.add_testimony(
        owner, [father], witness_name="Aynur", text="ئۇ 2017-يىلى كېچىدە ئېلىپ كېتىلدى."
    )
    evidence = services.add_evidence(
        colleague,
        [father],
        kind=Evidence.Kind.NEWS_REPORT,
        title="Report on the detentions in Yarkand County (synthetic)",
        reference=LONG_URL,
    )
    incident = services.add_incident(
        colleague, title="Night raid on the villages of Yarkand County (synthetic)", date="2017-04"
    )
    published = services.create_person(
        colleague,
        names=[{"text": "مەمتىمىن ھوشۇرئابدۇكېرىمھاجىئوغلى", "script": "ug-Arab"}],
        sex="m",
        birth_date="1961",
        hometown=county,
        consent_publish=True,
        synthetic=True,
    )
    services.add_event(colleague, published, kind="camp", date="2017-05", facility=camp)
    services.set_visibility(reviewer, published, Visibility.PUBLIC)
    brother = services.create_person(
        outsider, names=[{"text": "Abdulla Qadir", "script": "ug-Latn"}], synthetic=True
    )
    pair = CandidatePair.objects.create(
        person=father,
        other_person=brother,
        left_ref=f"person:{father.pk}",
        right_ref=f"person:{brother.pk}",
        match_probability=0.5,
        match_weight=0.0,
    )
    france = State.objects.create(code="FRA", alpha_2="FR", numeric="250", name="France")
    statement = Instrument.objects.create(
        code="JS-SYNTHETIC", kind="joint_statement", date="2019-07", forum="Synthetic forum"
    )
    Position.objects.create(
        state=france, instrument=statement, stance="critical", date="2019-07", source_url=LONG_URL
    )
    group = Group.objects.create(code="G7", name="Group of Seven")
    Membership.objects.create(
        group=group, state=france, name="France", role="member", source_url=LONG_URL
    )
    person = {"pk": father.pk}
    return {
        "family member": (
            owner,
            [
                ("dashboard", reverse("registry:dashboard")),
                ("person-list", reverse("registry:person_list")),
                ("person", reverse("registry:person_detail", kwargs=person)),
                ("person-edit", reverse("registry:person_edit", kwargs=person)),
                ("person-new", reverse("registry:person_create")),
                ("relatives-add", reverse("registry:relatives_add", kwargs=person)),
                ("testimony-add", reverse("registry:testimony_add", kwargs=person)),
                ("testimony", reverse("registry:testimony_detail", kwargs={"pk": testimony.pk})),
                ("event-add", reverse("registry:event_add", kwargs=person)),
                ("facilities", reverse("registry:facility_list")),
                ("facility", reverse("registry:facility_detail", kwargs={"pk": camp.pk})),
                ("incidents", reverse("registry:incident_list")),
                ("places", reverse("registry:place_list")),
                ("place", reverse("registry:place_detail", kwargs={"pk": county.pk})),
                ("un-letters", reverse("un:letters")),
                ("family", reverse("family:home")),
                ("family-testimony", reverse("family:testimony")),
                ("family-consent", reverse("family:consent")),
            ],
        ),
        "visitor": (
            None,
            [
                ("memorial", reverse("memorial:person_list")),
                ("memorial-person", reverse("memorial:person", kwargs={"pk": published.pk})),
                ("memorial-statistics", reverse("memorial:statistics")),
                ("memorial-facilities", reverse("memorial:facility_list")),
                ("memorial-facility", reverse("memorial:facility", kwargs={"pk": camp.pk})),
                ("memorial-map", reverse("memorial:map")),
                ("positions-map", reverse("positions:map")),
                ("positions-timeline", reverse("positions:timeline")),
                ("positions-state", reverse("positions:state", kwargs={"code": "FRA"})),
                ("positions-letter", reverse("positions:letter", kwargs={"code": "FRA"})),
                (
                    "positions-instrument",
                    reverse("positions:instrument", kwargs={"code": statement.code}),
                ),
                ("positions-groups", reverse("positions:groups")),
                ("positions-group", reverse("positions:group", kwargs={"code": "G7"})),
                ("sign-in", reverse("login")),
            ],
        ),
        "documenter": (
            colleague,
            [
                ("review-queue", reverse("linkage:queue")),
                ("review-pair", reverse("linkage:pair_detail", kwargs={"pk": pair.pk})),
                ("imports", reverse("imports:upload")),
                ("un-dashboard", reverse("un:dashboard")),
                ("un-person", reverse("un:person", kwargs=person)),
                ("evidence-list", reverse("registry:evidence_list")),
                ("evidence", reverse("registry:evidence_detail", kwargs={"pk": evidence.pk})),
                ("facilities", reverse("registry:facility_list")),
                ("places", reverse("registry:place_list")),
                ("exports", reverse("registry:export_list")),
                ("incident-new", reverse("registry:incident_create")),
                ("incident", reverse("registry:incident_detail", kwargs={"pk": incident.pk})),
                ("evidence-add", reverse("registry:evidence_add", kwargs=person)),
                ("merges", reverse("linkage:merge_list")),
                ("instrument-new", reverse("positions:instrument_add")),
                ("position-new", reverse("positions:position_add")),
            ],
        ),
    }


@pytest.fixture
def phone(live_server: Any, chromium_path: str) -> Iterator[Any]:
    """A headless Chromium browser; each test opens a phone-sized context of its own."""
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _open_as(
    browser: Any, live_server: Any, user: Any, language: str, javascript: bool = True
) -> Any:
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        locale=language,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
    )
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(
            {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}
        )
    context.add_cookies(cookies)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def _overflowing(page: Any) -> list[str]:
    """What sticks out past the inline end of the viewport, to say why a page is too wide."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
          .filter(e => { const r = e.getBoundingClientRect();
                         return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1); })
          .filter(e => !e.closest('.leaflet-container, .visually-hidden'))
          .slice(0, 5)
          .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ` +
                    `${Math.round(e.getBoundingClientRect().width)}px`)"""
    )


def _check(
    page: Any, shots: Path, name: str, collapses: bool = True, widths: dict[str, int] | None = None
) -> list[str]:
    """Problems of the page now shown; an empty list when it fits a phone."""
    problems = []
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if widths is not None:
        widths[name] = width
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    if width > inner:
        problems.append(f"{name} is {width}px wide on a {inner}px screen: {_overflowing(page)}")
    small = page.evaluate(
        """() => [...document.querySelectorAll('button, summary, select, input[type=submit]')]
          .filter(e => { const r = e.getBoundingClientRect();
                         return r.width > 0 && r.height > 0 && r.height < 44; })
          .filter(e => !e.closest('.leaflet-container'))
          .slice(0, 5)
          .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ` +
                    `${Math.round(e.getBoundingClientRect().height)}px`)"""
    )
    if small:
        problems.append(f"{name}: touch targets under 44 px: {small}")
    if collapses:
        if not page.locator(".site-menu-button").is_visible():
            problems.append(f"{name}: the menu button is not shown")
        if page.locator(".site-menu nav a").first.is_visible():
            problems.append(f"{name}: the menu's links are shown before it is opened")
    return problems


def _walk(
    phone: Any, live_server: Any, world: dict[str, Any], who: str, language: str, shots: Path
) -> list[str]:
    user, pages = world[who]
    page = _open_as(phone, live_server, user, language)
    problems: list[str] = []
    widths: dict[str, int] = {}
    prefix = f"{language}-{who.replace(' ', '-')}"
    for name, url in pages:
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name}: {url}"
        page.wait_for_load_state("networkidle")
        direction = page.evaluate("document.documentElement.dir")
        expected = "rtl" if language == "ug" else "ltr"
        if direction != expected:
            problems.append(f"{name}: dir={direction!r}, not {expected!r}")
        problems += _check(page, shots, f"{prefix}-{name}", widths=widths)
    # Opened, the menu shows its links, and still fits.
    page.click(".site-menu-button")
    assert page.locator(".site-menu nav a").first.is_visible()
    box = page.locator(".site-menu nav a").first.bounding_box()
    assert box is not None and box["height"] >= 44, "a menu link is smaller than a thumb"
    problems += _check(page, shots, f"{prefix}-menu", collapses=False)
    page.context.close()
    # The widths found are kept beside the screenshots, for docs/benchmarks.md.
    found = {"screen": PHONE, "language": language, "who": who, "scroll_width": widths}
    (shots / f"{prefix}.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
    return problems


@pytest.fixture
def shots(artifacts_dir: Path) -> Path:
    path = artifacts_dir / "phone"
    path.mkdir(exist_ok=True)
    return path


@pytest.mark.parametrize("language", ["ug", "en"])
def test_no_page_a_family_member_sees_scrolls_sideways_on_a_phone(
    phone: Any, live_server: Any, world: dict[str, Any], language: str, shots: Path
) -> None:
    assert _walk(phone, live_server, world, "family member", language, shots) == []


@pytest.mark.parametrize("language", ["ug", "en"])
def test_no_page_a_visitor_sees_scrolls_sideways_on_a_phone(
    phone: Any, live_server: Any, world: dict[str, Any], language: str, shots: Path
) -> None:
    assert _walk(phone, live_server, world, "visitor", language, shots) == []


@pytest.mark.parametrize("language", ["ug", "en"])
def test_no_page_a_documenter_works_on_scrolls_sideways_on_a_phone(
    phone: Any, live_server: Any, world: dict[str, Any], language: str, shots: Path
) -> None:
    assert _walk(phone, live_server, world, "documenter", language, shots) == []


def test_on_a_wide_screen_the_menu_is_open_without_a_button(
    phone: Any, live_server: Any, owner: Any, shots: Path
) -> None:
    page = _open_as(phone, live_server, owner, "ug")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(reverse("registry:dashboard"))
    page.screenshot(path=str(shots / "wide-ug-family-member-dashboard.png"))
    assert not page.locator(".site-menu-button").is_visible()
    assert page.locator(".site-menu nav a").first.is_visible()
    assert page.locator(".site-header button[type=submit]").last.is_visible()
    page.context.close()


def test_on_a_phone_the_relatives_table_becomes_one_labelled_card_per_relative(
    phone: Any, live_server: Any, world: dict[str, Any]
) -> None:
    owner, pages = world["family member"]
    page = _open_as(phone, live_server, owner, "ug")
    page.goto(dict(pages)["relatives-add"])
    row = page.locator(".relatives-form tbody tr").first
    assert row.evaluate("row => getComputedStyle(row).display") == "block"
    label = row.locator("td").first.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"ئىسمى، ئۆزىڭىز يازغاندەك"'
    width = page.evaluate("window.innerWidth")
    for field in row.locator("input[name], select").all():
        box = field.bounding_box()
        assert box is not None and box["width"] > width * 0.8 and box["height"] >= 44
    assert (
        page.locator(".relatives-form thead").evaluate(
            "head => head.getBoundingClientRect().height"
        )
        <= 1
    )
    page.context.close()


def test_without_javascript_the_menu_still_opens_and_the_page_still_fits(
    phone: Any, live_server: Any, world: dict[str, Any], shots: Path
) -> None:
    owner, pages = world["family member"]
    page = _open_as(phone, live_server, owner, "ug", javascript=False)
    page.goto(dict(pages)["relatives-add"])
    assert _check(page, shots, "no-script-ug-family-member-relatives-add") == []
    page.click(".site-menu-button")
    assert page.locator(".site-menu nav a").first.is_visible()
    page.context.close()
