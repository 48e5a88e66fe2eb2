"""In a real browser, in Uyghur, on a phone-sized screen: a grandmother signs in, adds 35
relatives over three generations on her tree, records her voice, chooses two uses, and sees
where each relative's case stands. No page scrolls sideways; the page loads and fields she
filled are counted and kept with the screenshots (test-artifacts/family/)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

from guwah.evidence.sniff import SNIFF_BYTES, sniff
from guwah.family.models import DraftRelative, FamilySpace
from guwah.registry import models as registry_models
from guwah.registry.models import FamilyTie, Person, Place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Synthetic given names, as a family writes them in Uyghur Arabic script.
GIVEN = [
    "مەمەت",
    "ئەخمەت",
    "تۇرسۇن",
    "ئابدۇللا",
    "قادىر",
    "ئايگۈل",
    "گۈلنار",
    "پاتىگۈل",
    "مەريەم",
    "زۆھرە",
]


@pytest.fixture
def phone(live_server: Any, chromium_path: str) -> Iterator[Any]:
    """Chromium at 390×844 in Uyghur, with a fake microphone that needs no permission prompt."""
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
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        )
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 390, "height": 844}, locale="ug"
        )
        context.add_cookies([{"name": "django_language", "value": "ug", "url": live_server.url}])
        context.grant_permissions(["microphone"])
        page = context.new_page()
        page.set_default_timeout(20_000)
        try:
            yield page
        finally:
            context.close()
            browser.close()
            connections.close_all()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class Journey:
    """Counts what the grandmother does: page loads, fields filled; checks every page fits."""

    def __init__(self, page: Any, shots: Path) -> None:
        self.page = page
        self.shots = shots
        self.loads = 0
        self.fields = 0
        self.pages: list[str] = []
        page.on("load", self._loaded)

    def _loaded(self, _page: Any) -> None:
        self.loads += 1

    def fill(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.fields += 1

    def choose(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.fields += 1

    def check_fits(self, name: str) -> None:
        fits = self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        widths = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)
        self.pages.append(name)
        assert fits, f"{name} scrolls sideways: {widths}"


def _add(journey: Journey, anchor: str, edge: str, name: str, sex: str) -> str:
    page = journey.page
    page.click(f'button.family-add[data-anchor="{anchor}"][data-edge="{edge}"]')
    journey.fill("#relative-name", name)
    journey.choose("#relative-sex", sex)
    with page.expect_response("**/family/relatives/") as answer:
        page.click("#relative-form button[type=submit]")
    key = answer.value.json()["key"]
    page.wait_for_selector(f'.family-node[data-key="{key}"]')
    return key


def test_a_grandmother_records_35_relatives_her_voice_and_her_consent(
    phone: Any, owner: Any, password: str, artifacts_dir: Path
) -> None:
    shots = artifacts_dir / "family"
    shots.mkdir(exist_ok=True)
    ili = Place.objects.create(
        code="654000", level=Place.Level.PREFECTURE, name_en="Ili", name_ug_arab="ئىلى"
    )
    ghulja = Place.objects.create(
        code="654002", level=Place.Level.COUNTY, parent=ili,
        name_en="Yining City", name_ug_arab="غۇلجا", name_zh="伊宁市",
    )  # fmt: skip
    journey = Journey(phone, shots)
    page = phone

    page.goto("/accounts/login/")
    journey.check_fits("01-sign-in")
    journey.fill("#id_username", owner.username)
    journey.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_url("**/family/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    journey.check_fits("02-empty-family")

    # Asked once: the hometown and when contact was lost.
    journey.choose("#defaults-hometown", str(ghulja.pk))
    journey.fill("#defaults-village", "ئۈچ ئۆي")
    journey.fill("#defaults-lost", "2017-يىلى يازدا")
    page.click("#family-defaults button[type=submit]")
    page.wait_for_load_state()
    loads_before_relatives = journey.loads

    # Five children; each with a spouse and five children of their own: 35 relatives.
    son_keys = []
    for child in range(5):
        son = _add(journey, "me", "child", f"{GIVEN[child]} {child + 1}", "m")
        son_keys.append(son)
        _add(journey, son, "spouse", f"{GIVEN[5 + child]} {child + 1}", "f")
        for grandchild in range(5):
            sex = "f" if grandchild % 2 else "m"
            name = f"{GIVEN[(child + grandchild) % 10]} {child + 1}-{grandchild + 1}"
            _add(journey, son, "child", name, sex)
        if child == 0:
            journey.check_fits("03-adding-relatives")
    loads_while_adding = journey.loads - loads_before_relatives
    assert loads_while_adding == 0, "adding a relative loaded a page"
    assert page.locator(".family-card.is-draft").count() == 35
    assert DraftRelative.objects.count() == 35
    fields_for_relatives = journey.fields

    # A relative is corrected in place, without a page load, and keeps those under him.
    page.click(f'button.family-change[data-key="{son_keys[0][1:]}"]')
    assert page.input_value("#relative-name") == f"{GIVEN[0]} 1"
    journey.fill("#relative-born", "1975")
    with page.expect_response("**/family/relatives/"):
        page.click("#relative-form button[type=submit]")
    page.wait_for_selector("#relative-form:not(.is-open)")
    assert journey.loads - loads_before_relatives == 0
    assert DraftRelative.objects.get(key=son_keys[0][1:]).birth_date == "1975"
    assert DraftRelative.objects.filter(anchor_draft_id=son_keys[0][1:]).count() == 6

    # A half-finished family survives a closed browser: a new tab shows every draft.
    page.goto("/family/")
    assert page.locator(".family-card.is-draft").count() == 35
    draft = DraftRelative.objects.filter(edge="spouse").first()
    assert draft is not None and draft.hometown == ghulja and draft.lost_contact
    journey.check_fits("04-family-before-sending")

    page.click("#family-send button[type=submit]")
    page.wait_for_load_state()
    me = FamilySpace.objects.get(user=owner).me
    assert Person.objects.filter(created_by=owner).count() == 36
    assert FamilyTie.objects.filter(person=me, relation="child").count() == 5
    journey.check_fits("05-family-sent")

    # Her voice, recorded in the browser from the fake microphone.
    page.goto("/family/testimony/")
    journey.check_fits("06-testimony")
    journey.fill("#testimony-text", "2017-يىلى يازدا ئۇلارنى ئېلىپ كەتتى.")
    page.click("#record-start")
    page.wait_for_timeout(1500)
    page.click("#record-stop")
    page.wait_for_selector("#record-playback:not([hidden])")
    with page.expect_response("**/family/testimony/") as answer:
        page.click("#testimony-form button[type=submit]")
    assert answer.value.status == 200
    # Kept by the evidence store, under the SHA-256 of its bytes.
    page.wait_for_selector("audio[src^='/files/blobs/']")
    told = registry_models.Testimony.objects.get()
    assert told.media and told.persons.count() == 35
    with told.media.open("rb") as voice:
        assert sniff(voice.read(SNIFF_BYTES)).mime == "audio/webm"
    journey.check_fits("07-testimony-kept")

    # Two uses agreed, one refused.
    page.goto("/family/consent/")
    journey.check_fits("08-consent")
    page.check("input[name=share_un][value=yes]")
    page.check("input[name=name_witness][value=yes]")
    journey.fields += 2
    page.click(".consent-form button[type=submit]")
    page.wait_for_load_state()
    relatives = Person.objects.filter(created_by=owner).exclude(pk=me.pk)
    assert all(p.consent_share_un and p.consent_name_witness for p in relatives)
    assert not any(p.consent_publish for p in relatives)

    # Each relative's case, in her tree.
    page.goto("/family/")
    cards = page.locator(".family-card:not(.is-root)")
    assert cards.count() == 35
    assert page.locator(".family-card:not(.is-root) .family-stage").count() == 35
    journey.check_fits("09-cases")

    figures = {
        "relatives": 35,
        "page_loads_total": journey.loads,
        "page_loads_while_adding_relatives": loads_while_adding,
        "fields_filled_total": journey.fields,
        # Less the two of signing in and the three asked once.
        "fields_filled_for_35_relatives": fields_for_relatives - 5,
        "pages_checked": journey.pages,
        "viewport": "390x844",
        "language": "ug",
    }
    (shots / "journey.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
