"""An entry shows its step on the verification ladder with what that step means, each public
source's step, and every government rebuttal with its source and the organisation's answer;
below the full level a rebuttal shows only who made it and when (its text names the person)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from guwah.registry import services

pytestmark = pytest.mark.django_db

CLAIM = "He is living a normal life with his family in Kashgar."
ANSWER = "His son has had no word from him since May 2017; no proof of life was offered."


def _rebut(colleague: Any, person: Any, claim: str = CLAIM) -> Any:
    rebuttal = services.add_rebuttal(
        colleague,
        person,
        claimant="Regional government spokesperson (synthetic)",
        claim=claim,
        source="Press conference, synthetic example",
        source_url="https://example.org/press",
        claimed_on="2019-03",
    )
    return services.answer_rebuttal(colleague, rebuttal, ANSWER)


def test_the_entry_shows_its_step_on_the_ladder_and_what_it_means(
    client: Client, memtimin: Any, colleague: Any
) -> None:
    url = reverse("memorial:person", kwargs={"pk": memtimin.pk})
    body = client.get(url).content.decode()
    assert "Reported" in body and "has not yet been checked" in body
    services.add_testimony(colleague, [memtimin], witness_name="W", text="Internal account.")
    services.corroborate(colleague, memtimin)
    body = client.get(url).content.decode()
    assert "Corroborated by a second source" in body and "independent source" in body
    api = client.get(reverse("memorial:api_person", kwargs={"pk": memtimin.pk})).json()
    assert api["verification"] == "corroborated"
    assert [item["verification"] for item in api["evidence"]] == ["reported"]


def test_a_disputed_entry_shows_the_rebuttal_its_source_and_the_answer(
    client: Client, memtimin: Any, colleague: Any
) -> None:
    _rebut(colleague, memtimin)
    body = client.get(reverse("memorial:person", kwargs={"pk": memtimin.pk})).content.decode()
    assert "Disputed" in body
    assert CLAIM in body
    assert "Press conference, synthetic example" in body and "https://example.org/press" in body
    assert ANSWER in body
    api = client.get(reverse("memorial:api_person", kwargs={"pk": memtimin.pk})).json()
    assert api["rebuttals"][0]["claim"] == CLAIM
    assert api["rebuttals"][0]["answer"] == ANSWER


def test_below_the_full_level_a_rebuttal_shows_only_who_made_it_and_when(
    client: Client, partial: Any, colleague: Any
) -> None:
    _rebut(colleague, partial, claim="Rahile Dawutqiz of Yengi Awat is at home.")
    for name in ("memorial:person", "memorial:api_person"):
        body = client.get(reverse(name, kwargs={"pk": partial.pk})).content.decode()
        assert "Regional government spokesperson (synthetic)" in body
        for withheld in ("Dawutqiz", "Yengi Awat", "Press conference", ANSWER):
            assert withheld not in body
