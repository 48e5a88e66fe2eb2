"""In a real browser: a documenter records a person with a Uyghur-script and a Chinese name,
a detention known only by its year and a testimony, and sees it all on the person page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UYGHUR_NAME = "مەمەتجان ئابدۇرېھىم"
CHINESE_NAME = "买买提江·阿不都热依木"
TESTIMONY = "ئۇ 2017-يىلى كېچىدە ئېلىپ كېتىلدى، شۇنىڭدىن كېيىن خەۋەر يوق."


def sign_in(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/registry/")


def test_a_documenter_records_a_person_and_sees_the_timeline(
    page, colleague, password, artifacts_dir
):
    sign_in(page, colleague.username, password)

    page.goto("/registry/people/new/")
    page.fill("#id_names-0-text", UYGHUR_NAME)
    page.select_option("#id_names-0-script", "ug-Arab")
    page.fill("#id_names-1-text", CHINESE_NAME)
    page.select_option("#id_names-1-script", "zh-Hans")
    page.select_option("#id_names-1-kind", "official_zh")
    page.select_option("#id_sex", "m")
    page.fill("#id_birth_date", "1982")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('مەمەتجان')")

    page.click("text=Add an event")
    page.select_option("#id_kind", "camp")
    page.fill("#id_date", "2017")
    page.fill("#id_stated_reason", "ئىبادەت قىلغان")
    page.click("main button[type=submit]")
    page.wait_for_selector("#timeline")

    page.click("text=Add a testimony")
    page.fill("#id_witness_name", "Aynur")
    page.fill("#id_witness_relationship", "ھەمشىرىسى")
    page.fill("#id_text", TESTIMONY)
    page.check("input[name=events]")
    page.click("main button[type=submit]")
    page.wait_for_selector("#testimonies")

    main = page.locator("main")
    assert UYGHUR_NAME in main.inner_text()
    assert CHINESE_NAME in main.inner_text()
    timeline = page.locator(".timeline").inner_text()
    assert "2017" in timeline
    assert "Detention in a camp" in timeline
    assert "Testimony of Aynur" in timeline
    assert page.locator(".status").first.inner_text() == "Detained"
    assert "ئۇ 2017-يىلى" in page.locator("#testimonies + article, .testimony").first.inner_text()

    # The Uyghur name is laid out right to left, the page itself left to right.
    name_direction = page.eval_on_selector(
        "bdi.name.script-arab", "element => getComputedStyle(element).direction"
    )
    assert name_direction == "rtl"
    page.screenshot(path=str(artifacts_dir / "registry-person-page.png"), full_page=True)
