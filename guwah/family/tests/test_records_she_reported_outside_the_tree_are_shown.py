"""Records she reported elsewhere (the registry's quick screen, before the family space) are
shown beside her tree with where each case stands, so nothing she sent is hidden; another
family's never are."""

import pytest

from guwah.family.tests.helpers import add
from guwah.registry import services

pytestmark = pytest.mark.django_db


def test_her_earlier_records_are_shown_beside_the_tree_and_anothers_are_not(
    aynur_client, owner, outsider
):
    services.create_person(owner, names=[{"text": "Ehmet Tursun", "script": "ug-Latn"}])
    services.create_person(outsider, names=[{"text": "Abdulla Qadir", "script": "ug-Latn"}])
    add(aynur_client, name="Memet")
    aynur_client.post("/family/send/")
    page = aynur_client.get("/family/").content.decode()
    beside = page[page.index("Also reported by you") :]
    assert "Ehmet Tursun" in beside and "Received" in beside
    assert "Memet" not in beside
    assert "Abdulla Qadir" not in page
