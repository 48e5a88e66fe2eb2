"""Sorted by uncertainty, the queue puts first the pairs nearest an even chance."""

from __future__ import annotations

import re

from django.urls import reverse

from guwah.linkage.models import CandidatePair


def test_the_most_uncertain_pair_comes_first(client, colleague, password, reported_twice) -> None:
    people = reported_twice
    for probability, (a, b) in zip(
        (0.99, 0.55, 0.8),
        (("memet_arabic", "memet_pinyin"), ("gulnar", "gulzire"), ("memet_arabic", "gulnar")),
        strict=True,
    ):
        CandidatePair.objects.create(
            person=people[a],
            other_person=people[b],
            left_ref=f"person:{people[a].pk}",
            right_ref=f"person:{people[b].pk}",
            match_probability=probability,
            match_weight=0.0,
        )
    client.login(username=colleague.username, password=password)
    page = client.get(reverse("linkage:queue"), {"order": "uncertain"}).content.decode()
    shown = re.findall(r'class="num probability">([\d.]+)<', page)
    assert shown == ["0.550", "0.800", "0.990"]
    strongest = client.get(reverse("linkage:queue")).content.decode()
    assert re.findall(r'class="num probability">([\d.]+)<', strongest)[0] == "0.990"
