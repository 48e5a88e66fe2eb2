"""No page answers 500 to what a visitor can type into its address: every query parameter any
view reads, filled with junk, on every URL of the project, as the administrator (who reaches the
most pages) and as an anonymous visitor. A page may refuse (400), ignore the junk, redirect or
not find; it never breaks."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from test_every_role_on_every_url import url_names, url_of, world  # noqa: F401

pytestmark = pytest.mark.django_db

# Every query parameter a view reads (``request.GET``, and the fields of the filter forms).
PARAMETERS = (
    "page", "per_page", "rows", "q", "status", "prefecture", "kind", "format", "show", "state",
    "instrument", "year", "minimum", "maximum", "place", "facility", "sex", "county", "next",
)  # fmt: skip
JUNK = ("abc", "-1", "1e9", "99999999999999999999", "\x00", "%", "' OR 1=1 --", "\u202e", "")


@pytest.mark.parametrize("junk", JUNK, ids=repr)
@pytest.mark.parametrize("who", ["administrator", "anonymous"])
def test_junk_in_every_parameter_of_every_page_is_never_a_server_error(
    request: pytest.FixtureRequest, who: str, junk: str
) -> None:
    records: dict[str, Any] = request.getfixturevalue("world")
    client = Client(raise_request_exception=False)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    broken = {}
    for name in url_names():
        response = client.get(url_of(name, records), {parameter: junk for parameter in PARAMETERS})
        if response.status_code >= 500:
            broken[name] = response.status_code
    assert broken == {}
