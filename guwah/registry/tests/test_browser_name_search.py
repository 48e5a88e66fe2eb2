"""In a real browser: the registry's search box finds a person from any script and spelling."""

from urllib.parse import urlencode

import pytest

from guwah.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_documenter_finds_memtimin_hoshur_from_latin_pinyin_and_chinese(
    page, colleague, password, artifacts_dir
):
    services.create_person(colleague, names=[{"text": "مەمتىمىن ھوشۇر", "script": "ug-Arab"}])
    services.create_person(colleague, names=[{"text": "Erkin Tursun", "script": "ug-Latn"}])

    page.goto("/accounts/login/")
    page.fill("#id_username", colleague.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/registry/")

    for query in ["Memtimin Hoshur", "Maimaitiming Wushouer", "买买提明·吾守尔"]:
        # The address the search form submits to; filling the box would also fire the live
        # search, and two requests at once are more than the in-memory test database can take.
        page.goto(f"/registry/people/?{urlencode({'q': query})}")
        assert page.input_value("#id_q") == query
        results = page.locator("#results").inner_text()
        assert "مەمتىمىن ھوشۇر" in results, query
        assert "Erkin Tursun" not in results, query
    page.screenshot(path=str(artifacts_dir / "names-search-from-chinese.png"), full_page=True)
