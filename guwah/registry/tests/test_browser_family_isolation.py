"""In a real browser: a family member sees her own family and nothing of another's."""

import pytest

from guwah.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_family_member_cannot_see_another_familys_records(
    page, owner, outsider, password, artifacts_dir
):
    hers = services.create_person(owner, names=[{"text": "ئەخمەت تۇرسۇن", "script": "ug-Arab"}])
    his = services.create_person(outsider, names=[{"text": "Abdulla Qadir", "script": "ug-Latn"}])

    page.goto("/accounts/login/")
    page.fill("#id_username", outsider.username)
    page.fill("#id_password", password)
    page.click("button[type=submit]:has-text('Sign in')")
    page.wait_for_url("**/family/")

    page.goto("/registry/people/")
    listing = page.locator("main").inner_text()
    assert "Abdulla Qadir" in listing
    assert "ئەخمەت تۇرسۇن" not in listing

    response = page.goto(f"/registry/people/{hers.pk}/")
    assert response is not None and response.status == 404
    assert "ئەخمەت" not in page.content()

    response = page.goto(f"/registry/people/{his.pk}/")
    assert response is not None and response.status == 200
    page.screenshot(path=str(artifacts_dir / "registry-family-isolation.png"), full_page=True)
