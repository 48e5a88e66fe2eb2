"""A reader who chose Uyghur gets right-to-left pages in Uyghur, with names, numbers and web
addresses of the other direction isolated so their punctuation stays where it belongs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import trans_real

from guwah.registry import services

pytestmark = pytest.mark.django_db

# Labels of the pages a family sees, as the English interface writes them.
ENGLISH_LABELS = [
    "Dashboard",
    "Your family",
    "People",
    "Record a person",
    "Memorial",
    "Sign out",
    "Born",
    "Sex",
    "Hometown",
    "Status",
    "History",
    "Family",
    "Events",
    "Testimonies",
    "Evidence",
    "Add relatives",
    "Relation",
    "Lost contact",
    "Save all",
    "More rows",
]


@pytest.fixture(scope="module", autouse=True)
def _compiled_catalogues() -> None:
    # `make install` compiles the catalogues; a checkout tested without it compiles them here.
    call_command(
        "compilemessages",
        locale=["ug"],
        use_fuzzy=True,
        ignore_patterns=[".*", "node_modules", "bench", "data"],
        verbosity=0,
    )
    trans_real._translations = {}
    trans_real._default = None


@pytest.fixture
def uyghur_reader(client: Client, owner: Any, password: str) -> Client:
    client.login(username=owner.username, password=password)
    client.post(reverse("set_language"), {"language": "ug", "next": "/"})
    return client


@pytest.fixture
def grandfather(owner: Any) -> Any:
    return services.create_person(
        owner, names=[{"text": "ئەخمەت تۇرسۇن", "script": "ug-Arab"}], sex="m", birth_date="1956"
    )


def _visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


def test_a_uyghur_page_reads_right_to_left(uyghur_reader: Client) -> None:
    page = uyghur_reader.get(reverse("registry:dashboard"), follow=True).content.decode()
    assert '<html lang="ug" dir="rtl">' in page


def test_the_dashboard_person_page_and_add_relatives_page_speak_uyghur(
    uyghur_reader: Client, grandfather: Any
) -> None:
    dashboard = uyghur_reader.get(reverse("registry:dashboard"), follow=True).content.decode()
    person = uyghur_reader.get(
        reverse("registry:person_detail", args=[grandfather.pk])
    ).content.decode()
    relatives = uyghur_reader.get(
        reverse("registry:relatives_add", args=[grandfather.pk])
    ).content.decode()

    assert "چىقىش" in dashboard  # Sign out
    assert "تۇغۇلغان" in person  # Born
    assert "يۇرتى" in person  # Hometown
    assert "ئاتا-ئانىسى" in relatives or "بالىسى" in relatives  # relation words
    assert "تۇغقىنىڭىزنىڭ" in relatives or "ساقلاش" in relatives
    for page in (dashboard, person, relatives):
        text = _visible_text(page)
        left = [label for label in ENGLISH_LABELS if re.search(rf"\b{label}\b", text)]
        assert not left, left


@pytest.mark.parametrize("page", ["family:home", "family:testimony", "family:consent"])
def test_the_family_pages_have_no_english_word_left(uyghur_reader: Client, page: str) -> None:
    text = _visible_text(uyghur_reader.get(reverse(page), follow=True).content.decode())
    # Latin words a Uyghur reader may meet: her own user name, the language menu's own names,
    # and the name of a technology her browser may lack.
    allowed = {"aynur", "English", "Türkçe", "JavaScript"}
    english = set(re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]+(?: [A-Za-zÀ-ÿ'’]+)*", text)) - allowed
    assert not english, english


def test_a_web_address_inside_a_uyghur_page_is_isolated_left_to_right(
    uyghur_reader: Client, colleague: Any, grandfather: Any
) -> None:
    evidence = services.add_evidence(
        colleague,
        [grandfather],
        kind="news_report",
        title="خەۋەر",
        reference="https://example.org/report/",
        reliability="B",
    )
    colleague_reader = Client()
    colleague_reader.force_login(colleague)
    colleague_reader.cookies["django_language"] = "ug"
    page = colleague_reader.get(
        reverse("registry:evidence_detail", args=[evidence.pk])
    ).content.decode()
    assert 'dir="rtl"' in page
    assert re.search(
        r'<a dir="ltr" href="https://example.org/report/"[^>]*>https://example.org/report/</a>',
        page,
    )
