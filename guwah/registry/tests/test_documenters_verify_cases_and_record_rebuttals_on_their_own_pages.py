"""The documenters' screens for the verification ladder and for government rebuttals: a
corroboration needs a second source, a verification a second documenter with every item of the
checklist ticked, and a refused step is explained and changes nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from guwah.registry import services
from guwah.registry.models import Evidence, Rebuttal, Verification
from guwah.registry.verification import CHECKLIST

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _two_sources(actor, person) -> None:
    for title in ("Synthetic report one", "Synthetic report two"):
        services.add_evidence(
            actor,
            [person],
            kind=Evidence.Kind.NEWS_REPORT,
            title=title,
            reference="https://example.org/synthetic",
        )


def test_the_person_page_links_documenters_to_the_ladder_but_not_the_family(
    aynurs_father, owner, colleague
):
    link = reverse("registry:person_verification", args=[aynurs_father.pk])
    detail = reverse("registry:person_detail", args=[aynurs_father.pk])
    assert link in _client(colleague).get(detail).content.decode()
    assert link not in _client(owner).get(detail).content.decode()


def test_a_case_with_one_source_is_not_corroborated_and_the_page_says_why(aynurs_father, colleague):
    url = reverse("registry:person_verification", args=[aynurs_father.pk])
    response = _client(colleague).post(url, {"step": "corroborate"})
    assert response.status_code == 200
    assert "second, independent source is needed" in response.content.decode()
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.REPORTED


def test_a_case_is_corroborated_then_verified_by_a_second_documenter_with_the_checklist(
    aynurs_father, colleague, reviewer
):
    _two_sources(colleague, aynurs_father)
    url = reverse("registry:person_verification", args=[aynurs_father.pk])
    assert _client(colleague).post(url, {"step": "corroborate"}).status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.CORROBORATED

    # The checklist is shown; a partial tick is refused and names what is missing.
    page = _client(reviewer).get(url).content.decode()
    assert 'name="checklist"' in page
    partial = _client(reviewer).post(url, {"step": "verify", "checklist": ["identity"]})
    assert escape(str(CHECKLIST["consent"])) in partial.content.decode()
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.CORROBORATED

    # Whoever corroborated it may not verify it.
    same = _client(colleague).post(url, {"step": "verify", "checklist": list(CHECKLIST)})
    assert "second documenter" in same.content.decode()

    done = _client(reviewer).post(url, {"step": "verify", "checklist": list(CHECKLIST)})
    assert done.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.VERIFIED
    assert aynurs_father.verified_by == reviewer


def test_an_unknown_step_is_refused_and_changes_nothing(aynurs_father, colleague):
    url = reverse("registry:person_verification", args=[aynurs_father.pk])
    response = _client(colleague).post(url, {"step": "publish everything"})
    assert response.status_code == 200
    assert "Choose whether to corroborate or to verify" in response.content.decode()
    aynurs_father.refresh_from_db()
    assert aynurs_father.verification == Verification.REPORTED


def test_a_rebuttal_is_recorded_with_its_source_and_answered_later(aynurs_father, colleague):
    client = _client(colleague)
    added = client.post(
        reverse("registry:rebuttal_add", args=[aynurs_father.pk]),
        {
            "claimant": "Synthetic regional spokesperson",
            "claim": "He is living a normal life.",
            "source": "Synthetic press conference",
            "source_url": "https://example.org/press",
            "claimed_on": "2021-03",
        },
    )
    assert added.status_code == 302
    rebuttal = Rebuttal.objects.get(person=aynurs_father)
    assert rebuttal.claimed_on == "2021-03"
    assert rebuttal.answer == ""
    page = client.get(reverse("registry:person_verification", args=[aynurs_father.pk]))
    assert "He is living a normal life." in page.content.decode()

    answered = client.post(
        reverse("registry:rebuttal_answer", args=[rebuttal.pk]),
        {"answer": "His daughter has not heard from him since 2017."},
    )
    assert answered.status_code == 302
    rebuttal.refresh_from_db()
    assert rebuttal.answer.startswith("His daughter")
    assert rebuttal.answered_at is not None


def test_a_rebuttal_without_its_source_or_with_a_bad_date_is_refused_and_nothing_is_saved(
    aynurs_father, colleague
):
    client = _client(colleague)
    url = reverse("registry:rebuttal_add", args=[aynurs_father.pk])
    no_source = client.post(url, {"claimant": "Synthetic official", "claim": "Fine."})
    assert no_source.status_code == 200
    bad_date = client.post(
        url,
        {"claimant": "Synthetic official", "claim": "Fine.", "source": "A", "claimed_on": "soon"},
    )
    assert bad_date.status_code == 200
    assert 'class="errorlist' in bad_date.content.decode()
    assert not Rebuttal.objects.exists()


def test_an_empty_answer_is_refused_and_keeps_the_old_one(aynurs_father, colleague):
    rebuttal = services.add_rebuttal(
        colleague,
        aynurs_father,
        claimant="Synthetic official",
        claim="Fine.",
        source="Synthetic newspaper",
        answer="First answer.",
    )
    response = _client(colleague).post(
        reverse("registry:rebuttal_answer", args=[rebuttal.pk]), {"answer": "  "}
    )
    assert response.status_code == 400
    rebuttal.refresh_from_db()
    assert rebuttal.answer == "First answer."


def test_a_family_member_cannot_record_a_rebuttal_about_her_own_relative(aynurs_father, owner):
    url = reverse("registry:rebuttal_add", args=[aynurs_father.pk])
    response = _client(owner).post(url, {"claimant": "X", "claim": "Y", "source": "Z"})
    assert response.status_code == 403
    assert not Rebuttal.objects.exists()
