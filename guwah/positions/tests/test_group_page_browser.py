"""In a real browser: the OIC page colours its members by their records and shows the comparison."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from guwah.positions import services


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_oic_page_colours_its_members_and_shows_the_comparison_in_english_and_uyghur(
    page: Any, artifacts_dir: Path, administrator
) -> None:
    services.load(administrator, services.PACKAGED_POSITIONS)
    services.load_groups(administrator, services.PACKAGED_GROUPS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto("/positions/groups/OIC/?show=HRC51-L6-vote")
    page.wait_for_selector("#positions-map.is-ready path.state-PAK", state="attached")
    page.screenshot(path=str(artifacts_dir / "positions-group-oic.png"), full_page=True)

    # Pakistan voted no; Egypt was not on the Council; France is not in the OIC.
    assert page.locator("path.state-PAK").first.get_attribute("fill") == "#b2182b"
    assert page.locator("path.state-EGY").first.get_attribute("fill") == "#e7e1ef"
    assert page.locator("path.state-FRA").first.get_attribute("fill") == "#f4f4f1"
    page.wait_for_selector("#comparison-chart.is-ready")
    chart = page.locator("#comparison-chart").bounding_box()
    assert chart["width"] > 300 and chart["height"] > 300
    page.locator("#comparison-chart").screenshot(
        path=str(artifacts_dir / "positions-group-oic-chart.png")
    )
    bars = page.locator("td.comparison-bar")
    assert bars.count() == 30
    assert bars.first.locator("span").count() >= 1
    assert page.locator("h1").inner_text().startswith("Organisation of Islamic Cooperation")

    page.context.add_cookies([{"name": "django_language", "value": "ug", "url": page.url}])
    page.goto("/positions/groups/OIC/")
    page.wait_for_selector("#positions-map.is-ready path.state-PAK", state="attached")
    assert page.locator("html").get_attribute("lang") == "ug"
    assert page.locator("td.comparison-bar").count() == 30
    page.wait_for_selector("#comparison-chart.is-ready")
    page.screenshot(path=str(artifacts_dir / "positions-group-oic-ug.png"), full_page=True)
    assert errors == []
