"""Whatever is put in a query parameter, the answer is a page or a 400/404, never a 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from guwah.positions import services

pytestmark = pytest.mark.django_db

JUNK = [
    "abc",
    "",
    " ",
    "\x00",
    "FR\x00",
    "x" * 5000,
    "../../etc/passwd",
    "' OR 1=1 --",
    '=HYPERLINK("https://evil.example")',
    "%",
    "法国",
    "\ud7ff",
    "[]",
]

# Every query parameter each positions page reads.
PARAMETERS = [
    ("positions:map", "show"),
    ("positions:api_map", "show"),
    ("positions:export_positions_csv", "state"),
    ("positions:export_positions_csv", "instrument"),
    ("positions:export_json", "state"),
    ("positions:export_json", "instrument"),
    ("positions:position_add", "state"),
    ("positions:position_add", "instrument"),
]


@pytest.mark.parametrize(("name", "parameter"), PARAMETERS)
def test_junk_in_a_query_parameter_is_refused_or_ignored(
    name: str, parameter: str, colleague, password: str, loaded: services.LoadReport
) -> None:
    client = Client(raise_request_exception=False)
    client.login(username=colleague.username, password=password)

    for junk in JUNK:
        response = client.get(reverse(name), {parameter: junk})
        assert response.status_code in (200, 400), (junk, response.status_code)


@pytest.mark.parametrize(("name", "parameter"), PARAMETERS)
def test_a_repeated_query_parameter_is_refused_or_ignored(
    name: str, parameter: str, colleague, password: str, loaded: services.LoadReport
) -> None:
    client = Client(raise_request_exception=False)
    client.login(username=colleague.username, password=password)

    response = client.get(reverse(name), {parameter: ["FRA", "HRC50-critical", "\x00"]})

    assert response.status_code in (200, 400)


def test_an_export_filter_naming_nothing_is_a_bad_request(
    client: Client, loaded: services.LoadReport
) -> None:
    assert (
        client.get(reverse("positions:export_positions_csv"), {"state": "ZZZ"}).status_code == 400
    )
    response = client.get(reverse("positions:export_json"), {"instrument": "HRC99-imaginary"})
    assert response.status_code == 400


def test_an_unknown_instrument_on_the_map_shows_the_summary(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.get(reverse("positions:map"), {"show": "HRC99-imaginary"})

    assert response.status_code == 200
    assert response.context["selected"] == "summary"


@pytest.mark.parametrize("code", ["abc1", "\x00\x00\x00", "x" * 300, "法国", "a.b"])
def test_junk_in_a_code_in_the_path_is_not_found(
    client: Client, code: str, loaded: services.LoadReport
) -> None:
    for name in ("positions:state", "positions:api_state", "positions:letter"):
        assert client.get(reverse(name, args=[code])).status_code == 404
    for name in ("positions:instrument", "positions:api_instrument"):
        assert client.get(reverse(name, args=[code])).status_code == 404


def test_a_letter_pasted_with_control_characters_still_downloads(
    client: Client, loaded: services.LoadReport
) -> None:
    response = client.post(
        reverse("positions:letter", args=["FRA"]), {"text": "Dear Minister,\x00\x07\x1b done"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="letter-fra.docx"'


@pytest.mark.parametrize("junk", ["\x00", "abc", "x" * 5000, "HRC99-imaginary"])
def test_junk_posted_to_the_position_form_is_shown_as_an_error(
    junk: str, colleague, password: str, loaded: services.LoadReport
) -> None:
    client = Client(raise_request_exception=False)
    client.login(username=colleague.username, password=password)

    response = client.post(
        reverse("positions:position_add"),
        {
            "instrument": junk,
            "state": junk,
            "stance": junk,
            "date": junk,
            "source_url": junk,
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "instrument",
        "state",
        "stance",
        "date",
        "source_url",
    }
