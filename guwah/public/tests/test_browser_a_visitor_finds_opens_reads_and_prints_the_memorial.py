"""In a real browser: a visitor finds a person entered in Arabic script from the Latin and the
Chinese-pinyin spelling of his name, opens a facility from the map, reads the memorial in
Uyghur right to left without sideways scrolling on a phone, and prints a person's page to a
PDF that holds the record and none of the site's navigation. Records are synthetic."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Facility, Place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def camp(owner: Any, memtimin: Any, kashgar_town: Place) -> Facility:
    """A facility with sourced coordinates, where Memtimin was held."""
    facility = Facility.objects.create(
        kind=Facility.Kind.CAMP,
        name_en="Kashgar City Vocational Training Centre No. 2 (synthetic)",
        place=kashgar_town,
        latitude=39.47,
        longitude=75.99,
        security_tier=3,
        coordinates_source="Synthetic satellite-imagery study",
    )
    services.add_event(owner, memtimin, kind="camp", date="2018-02", facility=facility)
    return facility


def _visit(browser: Any, live_server: Any, language: str = "en", phone: bool = False) -> Any:
    options: dict[str, Any] = {"base_url": live_server.url, "locale": language}
    if phone:
        options.update(viewport=PHONE, is_mobile=True, has_touch=True)
    context = browser.new_context(**options)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.mark.parametrize("spelling", ["Memtimin Hoshur", "Maimaitiming Wushouer"])
def test_a_latin_or_pinyin_spelling_finds_the_person_entered_in_arabic_script(
    browser: Any, live_server: Any, memtimin: Any, gulbahar: Any, spelling: str
) -> None:
    page = _visit(browser, live_server, phone=True)
    page.goto(reverse("memorial:person_list"))
    page.fill("#memorial-q", spelling)
    page.press("#memorial-q", "Enter")
    page.wait_for_load_state("networkidle")
    entry = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    page.click(f'a[href="{entry}"]')
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(entry)
    assert "مەمتىمىن ھوشۇر" in page.inner_text("main")
    assert "Gulbahar" not in page.inner_text("main")


def test_the_search_box_is_not_squeezed_on_a_phone(
    browser: Any, live_server: Any, memtimin: Any
) -> None:
    page = _visit(browser, live_server, phone=True)
    page.goto(reverse("memorial:person_list"))
    box = page.locator("#memorial-q").bounding_box()
    assert box is not None and box["width"] >= 12 * 16 - 1, box


def test_clicking_a_facility_on_the_map_opens_its_page(
    browser: Any, live_server: Any, memtimin: Any, camp: Facility
) -> None:
    page = _visit(browser, live_server)
    page.goto(reverse("memorial:map"))
    page.wait_for_selector("#memorial-map.is-ready")
    # Memtimin's county has no coordinates, so the one mark drawn is the facility.
    page.locator("#memorial-map path.leaflet-interactive").last.click(force=True)
    page.wait_for_url(f"**{reverse('memorial:facility', kwargs={'pk': camp.pk})}")
    assert "Kashgar City Vocational Training Centre No. 2" in page.inner_text("main")
    assert "مەمتىمىن ھوشۇر" in page.inner_text("main")


def test_in_uyghur_the_memorial_runs_right_to_left_and_fits_a_phone(
    browser: Any, live_server: Any, memtimin: Any, gulbahar: Any, camp: Facility
) -> None:
    page = _visit(browser, live_server, language="ug", phone=True)
    urls = [
        reverse("memorial:person_list"),
        reverse("memorial:person_list") + "?q=Memtimin",
        reverse("memorial:person", kwargs={"pk": memtimin.pk}),
        reverse("memorial:statistics"),
        reverse("memorial:facility_list"),
        reverse("memorial:facility", kwargs={"pk": camp.pk}),
        reverse("memorial:map"),
    ]
    problems = []
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("networkidle")
        direction, width, inner = page.evaluate(
            "[document.documentElement.dir, document.documentElement.scrollWidth, innerWidth]"
        )
        if direction != "rtl":
            problems.append(f"{url}: dir={direction!r}")
        if width > inner:
            problems.append(f"{url}: {width}px wide on a {inner}px screen")
    assert problems == []


def test_a_printed_person_page_holds_the_record_and_no_navigation(
    browser: Any, live_server: Any, memtimin: Any, tmp_path: Any
) -> None:
    import pymupdf

    page = _visit(browser, live_server)
    page.goto(reverse("memorial:person", kwargs={"pk": memtimin.pk}))
    page.wait_for_load_state("networkidle")
    # The words of the site's menus and forms, as the screen shows them.
    navigation = page.evaluate(
        """() => [...document.querySelectorAll('nav a, nav button, form label, form button')]
          .map(e => e.textContent.trim()).filter(t => t.length > 3)"""
    )
    assert navigation, "the screen page has navigation to leave out"
    path = tmp_path / "entry.pdf"
    page.pdf(path=str(path), format="A4")
    with pymupdf.open(path) as document:
        text = " ".join(sheet.get_text() for sheet in document)
        pages = document.page_count
    assert "He was taken from the mosque at night." in text
    assert "Report on the imams of Kashgar" in text
    assert [words for words in navigation if words in text] == []
    assert pages <= 2
