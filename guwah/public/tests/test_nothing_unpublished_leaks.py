"""Nothing that may not be published reaches a visitor: a crawl of every public page and API
response, following links from the home page as a visitor or a search engine would, finds
none of the distinctive strings planted in every field of restricted, internal and public
records. Withdrawing consent takes a person off every public response at once."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Evidence, IdentityDocument, Visibility

pytestmark = pytest.mark.django_db

# Every planted string begins with this, so a crawl can say which one leaked.
MARK = "Zqx"
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)|"(https?://testserver/[^"]+)"|"(/[^"\s]*)\"""")


def plant(owner: Any, colleague: Any, reviewer: Any, visibility: str, tag: str) -> Any:
    """A person with every field filled, at ``visibility``; the public one published."""
    public = visibility == Visibility.PUBLIC
    person = services.create_person(
        owner,
        names=[{"text": f"Abdurehim {MARK}{tag}name", "script": "ug-Latn"}] if not public else [],
        notes=f"{MARK}{tag}notes",
        occupation=f"{MARK}{tag}occupation",
        consent_publish=public,
        synthetic=True,
    )
    if public:
        services.add_name(owner, person, text="Abdurehim Heyit", script="ug-Latn", kind="primary")
    services.add_identity_document(
        owner, person, kind=IdentityDocument.Kind.PRC_RESIDENT_ID, number=f"{MARK}{tag}6531"
    )
    event = services.add_event(
        owner,
        person,
        kind="camp",
        date="2017",
        stated_reason=f"{MARK}{tag}reason",
        description=f"{MARK}{tag}eventnotes",
    )
    services.add_testimony(
        owner,
        [person],
        events=[event],
        witness_name=f"{MARK}{tag}witness",
        witness_relationship=f"{MARK}{tag}relationship",
        text=f"{MARK}{tag}testimony",
    )
    services.add_evidence(
        colleague,
        [person],
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title=f"{MARK}{tag}evidencetitle",
        description=f"{MARK}{tag}evidencedescription",
        file=SimpleUploadedFile(f"{MARK}{tag}file.txt", b"synthetic", content_type="text/plain"),
    )
    if visibility == Visibility.INTERNAL:
        services.set_visibility(colleague, person, Visibility.INTERNAL)
    if public:
        # Published, with public sources whose private parts stay private.
        testimony = services.add_testimony(
            owner,
            [person],
            witness_name=f"{MARK}{tag}publicwitness",
            witness_relationship=f"{MARK}{tag}publicrelationship",
            text="He taught at the village school.",
            consent_publish=True,
        )
        services.set_visibility(reviewer, testimony, Visibility.PUBLIC)
        evidence = services.add_evidence(
            colleague,
            [person],
            kind=Evidence.Kind.NEWS_REPORT,
            title="A published report",
            description=f"{MARK}{tag}publicevidencedescription",
            file=SimpleUploadedFile(f"{MARK}{tag}publicfile.txt", b"x", content_type="text/plain"),
            consent_publish=True,
        )
        services.set_visibility(reviewer, evidence, Visibility.PUBLIC)
        services.set_visibility(reviewer, person, Visibility.PUBLIC)
    return person


@pytest.fixture
def planted(owner: Any, colleague: Any, reviewer: Any) -> dict[str, Any]:
    return {
        visibility: plant(owner, colleague, reviewer, visibility, visibility[:3])
        for visibility in (Visibility.RESTRICTED, Visibility.INTERNAL, Visibility.PUBLIC)
    }


def crawl(client: Client, start: str = "/", limit: int = 400) -> dict[str, Any]:
    """Every same-site address reachable from ``start`` by GET, with its response."""
    seen: dict[str, Any] = {}
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response
        if response.status_code in (301, 302):
            queue.append(urljoin(url, response["Location"]))
            continue
        body = response.content.decode(errors="replace")
        for match in LINK.finditer(body):
            found = next(group for group in match.groups() if group)
            target = urlsplit(urljoin(url, found.replace("&amp;", "&")))
            if target.netloc not in ("", "testserver") or target.path.startswith("/static/"):
                continue
            # One facet at a time: every value of every facet is opened from the unfiltered
            # pages, but combinations of them would multiply the crawl without reaching more.
            if target.query and urlsplit(url).query and urlsplit(url).path == target.path:
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return seen


def body_of(response: Any) -> str:
    """The whole body, a download's streamed one included (read once, then kept)."""
    if response.streaming:
        if not hasattr(response, "_read_body"):
            response._read_body = b"".join(response.streaming_content)
        return response._read_body.decode(errors="replace")
    return response.content.decode(errors="replace")


def crawl_api(client: Client) -> dict[str, Any]:
    """Every operation of the open API's OpenAPI schema, each entry the list names included."""
    document = client.get("/memorial/api/v1/openapi.json")
    seen: dict[str, Any] = {"/memorial/api/v1/openapi.json": document}
    entries = [row["entry"] for row in client.get("/memorial/api/v1/persons").json()["results"]]
    for path in document.json()["paths"]:
        urls = [path.replace("{entry}", str(entry)) for entry in entries] if "{" in path else [path]
        for url in urls:
            seen[url] = client.get(url)
    return seen


def leaks(responses: dict[str, Any]) -> list[tuple[str, str]]:
    found = []
    for url, response in responses.items():
        headers = " ".join(f"{key}: {value}" for key, value in response.items())
        body = body_of(response)
        for text in (headers, body):
            found += [(url, match) for match in re.findall(MARK + r"\w+", text)]
    return found


def test_a_crawl_of_every_public_page_and_api_response_finds_nothing_unpublished(
    client: Client, planted: dict[str, Any]
) -> None:
    responses = crawl(client) | crawl_api(client)
    public = planted[Visibility.PUBLIC]
    # The crawl reached the published entry, on its page and in the API, by following links.
    assert f"/memorial/{public.pk}/" in responses
    assert f"/memorial/api/persons/{public.pk}.json" in responses
    assert any(url.startswith("/memorial/api/persons.json") for url in responses)
    assert "Abdurehim Heyit" in responses[f"/memorial/{public.pk}/"].content.decode()
    assert (
        "He taught at the village school." in responses[f"/memorial/{public.pk}/"].content.decode()
    )
    assert leaks(responses) == []


def test_searching_for_an_unpublished_name_finds_nothing_and_shows_nothing(
    client: Client, planted: dict[str, Any]
) -> None:
    for query in ("Abdurehim", f"{MARK}resname", f"{MARK}intname", f"{MARK}pub6531"):
        for name in ("memorial:person_list", "memorial:api_persons"):
            body = client.get(reverse(name), {"q": query}).content.decode()
            # The visitor's own query is echoed back in the search box and the links.
            assert re.findall(MARK + r"\w+", body.replace(query, "")) == []
    api = client.get(reverse("memorial:api_persons"), {"q": "Abdurehim"}).json()
    assert [person["entry"] for person in api["results"]] == [planted[Visibility.PUBLIC].pk]


def test_withdrawing_consent_removes_the_person_from_every_public_response_at_once(
    client: Client, planted: dict[str, Any], owner: Any
) -> None:
    person = planted[Visibility.PUBLIC]
    page = reverse("memorial:person", kwargs={"pk": person.pk})
    entry_json = reverse("memorial:api_person", kwargs={"pk": person.pk})
    assert client.get(page).status_code == 200

    services.set_consent(owner, person, publish=False)

    assert client.get(page).status_code == 404
    assert client.get(entry_json).status_code == 404
    for name in ("memorial:person_list", "memorial:api_persons"):
        for params in ({}, {"q": "Abdurehim Heyit"}, {"status": "detained"}):
            body = client.get(reverse(name), params).content.decode()
            assert "Heyit" not in body.replace("Abdurehim Heyit", "").replace("Abdurehim+Heyit", "")
            assert f"/memorial/{person.pk}/" not in body
    responses = crawl(client)
    assert not any("Abdurehim Heyit" in r.content.decode() for r in responses.values())


def test_a_crawl_shows_no_name_village_or_birth_date_of_a_partial_or_anonymous_entry(
    client: Client, planted: dict[str, Any], partial: Any, anonymous: Any
) -> None:
    responses = crawl(client) | crawl_api(client)
    assert f"/memorial/api/v1/persons/{anonymous.pk}" in responses
    assert "/memorial/api/v1/download/persons.csv" in responses
    # Both entries were reached by following links, on their pages and in the API.
    for person in (partial, anonymous):
        assert f"/memorial/{person.pk}/" in responses
        assert f"/memorial/api/persons/{person.pk}.json" in responses
    withheld = [
        "Dawutqiz",
        "达吾提克孜",
        "Zulpiye",
        "Qadirqiz",
        "祖丽皮耶",
        "卡迪尔克孜",
        "Yengi Awat",
        "Ishqol",
        "1975",
        "Witness Hidden",
    ]
    for url, response in responses.items():
        headers = " ".join(f"{key}: {value}" for key, value in response.items())
        body = body_of(response)
        for text in withheld:
            assert text not in headers and text not in body, (url, text)
    # The anonymous entry's county is not shown on its own page either.
    assert "Yarkand" not in responses[f"/memorial/{anonymous.pk}/"].content.decode()
    assert leaks(responses) == []
