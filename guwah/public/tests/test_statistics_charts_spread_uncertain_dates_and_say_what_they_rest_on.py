"""Each chart of the statistics has its table, its CSV and the number of records it rests on;
a date or an age known only as a range is spread over it rather than dropped; the page says
what the figures cannot show; the figures are cached, and a change to the record is counted at
once."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.public import reading
from guwah.public.reading.charts import spread
from guwah.registry import services

pytestmark = pytest.mark.django_db


def test_a_range_is_spread_evenly_over_its_values() -> None:
    assert spread([(2017, 2018, 1), (2019, 2019, 2)]) == {2017: 0.5, 2018: 0.5, 2019: 2.0}
    assert spread([]) == {}


@pytest.fixture
def uncertain(memtimin: Any, gulbahar: Any, owner: Any, reviewer: Any, kashgar_town: Any) -> Any:
    """A third person, taken "2017 or 2018", born 1980."""
    person = services.create_person(
        owner,
        names=[{"text": "Tursun Qasim", "script": "ug-Latn"}],
        birth_date="1980",
        hometown=kashgar_town,
        consent_publish=True,
        synthetic=True,
    )
    services.add_event(owner, person, kind="camp", date="2017/2018")
    return services.set_visibility(reviewer, person, "public")


def _chart(name: str) -> Any:
    return next(c for c in reading.public_statistics().charts if c.name == name)


def test_the_years_chart_spreads_an_uncertain_year_and_rests_on_every_dated_detention(
    uncertain: Any,
) -> None:
    chart = _chart("year")
    assert {row.label: row.count for row in chart.rows} == {"2017": 1.5, "2018": 1.5}
    assert chart.rests_on == 3


def test_the_ages_chart_spreads_an_age_across_bands(uncertain: Any) -> None:
    # Memtimin was 56 in 2017; Tursun 37 or 38 (both in 30–39); Gulbahar's birth is unknown.
    chart = _chart("age")
    assert {row.label: row.count for row in chart.rows} == {"30–39": 1.0, "50–59": 1.0}
    assert chart.rests_on == 2


def test_the_page_shows_each_chart_with_its_table_csv_and_a_note_on_what_is_missing(
    client: Client, uncertain: Any
) -> None:
    body = client.get(reverse("memorial:statistics")).content.decode()
    assert 'id="chart-year"' in body and 'id="memorial-charts"' in body
    assert "Rests on 3 records." in body
    assert "What these figures cannot show" in body
    assert "vendor/chart.js/chart.umd.min.js" in body
    response = client.get(reverse("memorial:statistics_csv"), {"chart": "year"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["chart", "value", "label", "count", "records_it_rests_on"]
    assert rows[1:] == [["year", "2017", "2017", "1.5", "3"], ["year", "2018", "2018", "1.5", "3"]]


def test_the_cached_figures_change_in_the_same_request_cycle_as_the_record(
    client: Client, uncertain: Any, owner: Any, django_assert_num_queries: Any
) -> None:
    assert client.get(reverse("memorial:api_statistics")).json()["total"] == 3
    with django_assert_num_queries(0):  # read from the cache
        assert reading.public_statistics().total == 3
    services.set_consent(owner, uncertain, publish=False)
    assert client.get(reverse("memorial:api_statistics")).json()["total"] == 2


def test_right_after_a_change_nothing_is_cached(settings: Any) -> None:
    # Another worker may count before the change's transaction commits; what it counted then
    # must not be kept.
    from guwah.public.reading.counted import counted, forget_counts

    settings.GUWAH_STATISTICS_UNSETTLED_SECONDS = 60
    forget_counts()
    calls: list[int] = []
    for _ in range(2):
        counted("probe", lambda: calls.append(1) or len(calls))
    assert len(calls) == 2
