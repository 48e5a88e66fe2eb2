"""Each relative's card says where the case stands, in plain words, with every step the apps
above the registry report (a UN submission, a reply that waits for her answer)."""

import datetime

import pytest

from guwah.family.tests.helpers import add
from guwah.registry import case_steps, services
from guwah.registry.case_steps import CaseStep
from guwah.registry.models import Person, Visibility

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(aynur_client):
    for name in ("Memet", "Ehmet", "Tursun", "Aygul"):
        add(aynur_client, name=name, sex="m", lost_contact="2017")
    aynur_client.post("/family/send/")
    return {
        p.names.get().text: p
        for p in Person.objects.filter(names__text__in=["Memet", "Ehmet", "Tursun", "Aygul"])
    }


def _card(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</article>", start)]


def test_the_stage_of_each_case_is_said_plainly(aynur_client, family, colleague, reviewer):
    services.update_person(colleague, family["Ehmet"], occupation="teacher")
    # The ladder's top step is a second documenter's; here it is set as its service leaves it.
    Person.objects.filter(pk=family["Tursun"].pk).update(verification="verified")
    services.set_consent(reviewer, family["Aygul"], publish=True)
    services.set_visibility(reviewer, family["Aygul"], Visibility.PUBLIC)
    page = aynur_client.get("/family/").content.decode()
    assert "Received" in _card(page, "Memet")
    assert "Being verified" in _card(page, "Ehmet")
    assert "Verified by the organisation" in _card(page, "Tursun")
    assert "Published on the memorial" in _card(page, "Aygul")
    assert "Kept private, because you said no to publishing" in _card(page, "Memet")
    assert "Kept private" not in _card(page, "Aygul")
    assert "Lost contact" in _card(page, "Memet")


def test_steps_told_by_other_apps_appear_with_the_day_an_answer_is_needed(
    aynur_client, family, monkeypatch
):
    memet = family["Memet"]

    def un_steps(reader, persons):
        return {
            memet.pk: [
                CaseStep("Sent to the UN (case 10.1234/2024)", on=datetime.date(2024, 3, 1)),
                CaseStep(
                    "The government replied",
                    on=datetime.date(2024, 9, 1),
                    answer_by=datetime.date(2024, 11, 30),
                ),
            ]
        }

    monkeypatch.setattr(case_steps, "_providers", [un_steps])
    card = _card(aynur_client.get("/family/").content.decode(), "Memet")
    assert "Sent to the UN (case 10.1234/2024)" in card
    assert "The government replied" in card
    assert "Your answer is needed by" in card
    assert "Sent to the UN" not in _card(aynur_client.get("/family/").content.decode(), "Ehmet")
