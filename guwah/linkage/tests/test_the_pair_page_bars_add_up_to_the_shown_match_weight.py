"""A reviewer reading the pair page can add the bars up: they make the match weight shown."""

from __future__ import annotations

import math
import re

from django.urls import reverse

from guwah.linkage import services
from guwah.linkage.models import CandidatePair


def test_every_stored_explanation_starts_from_the_prior_and_adds_up(reported_twice) -> None:
    services.run_dedupe(threshold=0.001)
    pairs = list(CandidatePair.objects.all())
    assert pairs
    for pair in pairs:
        assert pair.explanation[0]["comparison"] == "prior"
        total = sum(step["weight"] for step in pair.explanation)
        assert math.isclose(total, pair.match_weight, abs_tol=0.001 * len(pair.explanation))


def test_the_page_shows_the_prior_and_bars_that_sum_to_its_match_weight(
    client, colleague, password, reported_twice
) -> None:
    services.run_dedupe()
    pair = CandidatePair.objects.order_by("-match_probability").first()
    assert pair is not None
    client.login(username=colleague.username, password=password)
    page = client.get(reverse("linkage:pair_detail", args=[pair.pk])).content.decode()
    assert "Before any evidence" in page
    waterfall = page[page.index('class="waterfall"') : page.index("</ul>", page.index("waterfall"))]
    bars = [float(n) for n in re.findall(r'<span class="num">(-?[\d.]+)</span>', waterfall)]
    shown = float(re.search(r"match weight\s+(-?[\d.]+)", page).group(1))
    assert len(bars) >= 5
    assert math.isclose(sum(bars), shown, abs_tol=0.01 * len(bars))
