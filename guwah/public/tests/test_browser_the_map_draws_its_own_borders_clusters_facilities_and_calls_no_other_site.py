"""In a real browser: the memorial's map draws the borders the site ships itself (no tile server,
no request to any other address), gathers nearby facilities into a cluster at low zoom that
opens onto the facilities and from them onto their pages, links each county circle to its list,
and fits a phone in Uyghur, right to left. Records are synthetic."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from guwah.registry.models import Facility, Place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
BOUNDARIES = "vendor/boundaries/xinjiang-region.geojson"


@pytest.fixture(autouse=True)
def _boundaries_vendored() -> None:
    if finders.find(BOUNDARIES) is None:
        pytest.skip("the map's borders are not vendored (run scripts/vendor_assets.py)")


@pytest.fixture
def seat(kashgar_town: Place) -> Place:
    kashgar_town.latitude, kashgar_town.longitude = 39.47, 75.99
    kashgar_town.save(update_fields=["latitude", "longitude"])
    return kashgar_town


@pytest.fixture
def facilities(kashgar_town: Place) -> list[Facility]:
    """Three facilities a few kilometres apart near Kashgar, and one near Ürümqi."""
    spots = [(39.40, 75.90), (39.43, 75.95), (39.38, 76.02), (43.90, 87.50)]
    return [
        Facility.objects.create(
            kind=Facility.Kind.CAMP,
            name_en=f"Synthetic facility {number}",
            place=kashgar_town,
            latitude=lat,
            longitude=lon,
            security_tier=number,
            coordinates_source="Synthetic",
        )
        for number, (lat, lon) in enumerate(spots, start=1)
    ]


def _map(browser: Any, live_server: Any, language: str = "en") -> tuple[Any, list[str]]:
    """The map page on a phone, with every address the page asked for."""
    context = browser.new_context(
        base_url=live_server.url, locale=language, viewport=PHONE, is_mobile=True, has_touch=True
    )
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(reverse("memorial:map"))
    assert response is not None and response.status == 200
    page.wait_for_selector("#memorial-map.is-ready")
    page.wait_for_selector("#memorial-map.has-boundaries")
    page.wait_for_load_state("networkidle")
    assert errors == []
    return page, requested


def test_the_map_draws_its_borders_and_asks_nothing_of_any_other_site(
    browser: Any, live_server: Any, memtimin: Any, seat: Place, facilities: list[Facility]
) -> None:
    page, requested = _map(browser, live_server)
    own = urlsplit(live_server.url).netloc
    assert requested and [url for url in requested if urlsplit(url).netloc != own] == []
    assert not any("tile" in url for url in requested)
    # Two layers of borders (between countries, between provinces), each a path that takes no
    # clicks and runs through hundreds of points; the marks above them do take clicks.
    borders = page.locator("#memorial-map path:not(.leaflet-interactive)")
    assert borders.count() == 2
    assert all(len(path.get_attribute("d") or "") > 5_000 for path in borders.all())


def test_nearby_facilities_form_a_cluster_that_opens_onto_their_pages(
    browser: Any, live_server: Any, memtimin: Any, seat: Place, facilities: list[Facility]
) -> None:
    page, _ = _map(browser, live_server)
    cluster = page.locator("#memorial-map .marker-cluster")
    assert cluster.count() == 1
    assert cluster.inner_text().strip() == "3"
    cluster.click()
    # The map zooms in until the three stand apart; the fourth, far away, was never clustered.
    cluster.first.wait_for(state="detached")
    dots = page.locator("#memorial-map path.leaflet-interactive[stroke='#222']")
    dots.nth(2).wait_for(state="attached")
    page.wait_for_timeout(500)  # the end of the zoom's animation
    dots.first.click(force=True)
    page.wait_for_url("**/memorial/facilities/*/")
    assert "Synthetic facility" in page.inner_text("main")


def test_a_county_circle_opens_the_list_of_that_county(
    browser: Any, live_server: Any, memtimin: Any, seat: Place
) -> None:
    page, _ = _map(browser, live_server)
    page.locator("#memorial-map path.leaflet-interactive").first.click(force=True)
    page.wait_for_url(f"**{reverse('memorial:person_list')}?county={seat.pk}")
    assert "مەمتىمىن ھوشۇر" in page.inner_text("main")


def test_in_uyghur_the_map_runs_right_to_left_and_fits_a_phone(
    browser: Any, live_server: Any, memtimin: Any, seat: Place, facilities: list[Facility]
) -> None:
    page, _ = _map(browser, live_server, language="ug")
    direction, width, inner = page.evaluate(
        "[document.documentElement.dir, document.documentElement.scrollWidth, innerWidth]"
    )
    assert direction == "rtl"
    assert width <= inner, f"{width}px wide on a {inner}px screen"
    box = page.locator("#memorial-map").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= inner
