"""In a real browser: the map draws, an instrument is picked, and France leads to its record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guwah.positions import services
from guwah.positions.models import Position


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_visitor_picks_an_instrument_and_clicks_france_to_reach_its_sources(
    page: Any, artifacts_dir: Path, administrator
) -> None:
    services.load(administrator, services.PACKAGED_POSITIONS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/positions/")
    page.wait_for_selector("#positions-map.is-ready path.state-FRA", state="attached")
    page.locator("#positions-map").screenshot(path=str(artifacts_dir / "positions-map-summary.png"))
    page.select_option("#show", "HRC51-L6-vote")
    page.wait_for_url("**/positions/?show=HRC51-L6-vote")
    page.wait_for_selector("#positions-map.is-ready path.state-FRA", state="attached")
    page.locator("#positions-map").screenshot(path=str(artifacts_dir / "positions-map.png"))
    page.screenshot(path=str(artifacts_dir / "positions-map-page.png"), full_page=False)

    # Each country is coloured by its vote: France yes, China no.
    assert page.locator("path.state-FRA").first.get_attribute("fill") == "#2166ac"
    assert page.locator("path.state-CHN").first.get_attribute("fill") == "#b2182b"
    # France's shape includes French Guiana; the largest polygon is the mainland.
    shapes = page.locator("path.state-FRA")
    boxes = [shapes.nth(index).bounding_box() for index in range(shapes.count())]
    mainland = max(range(len(boxes)), key=lambda i: boxes[i]["width"] * boxes[i]["height"])
    shapes.nth(mainland).click()

    page.wait_for_url("**/positions/states/FRA/")
    assert page.locator("h1").inner_text() == "France"
    sources = page.locator("a.source-link")
    assert sources.count() == Position.objects.filter(state_id="FRA").count() > 5
    assert errors == []
