"""A family member sees and changes only what she submitted; another family's records are,
for her, not there at all."""

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import Event, Name

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_outsider(client, outsider, password):
    client.login(username="murat", password=password)
    return client


def test_the_list_shows_only_her_own_family(client, owner, password, aynurs_father, murats_brother):
    client.login(username="aynur", password=password)
    response = client.get(reverse("registry:person_list"))
    assert response.status_code == 200
    assert "ئەخمەت تۇرسۇن" in response.content.decode()
    assert "Abdulla Qadir" not in response.content.decode()


def test_another_familys_person_page_is_not_found(signed_in_outsider, aynurs_father):
    for name in ("registry:person_detail", "registry:person_json", "registry:person_edit"):
        response = signed_in_outsider.get(reverse(name, args=[aynurs_father.pk]))
        assert response.status_code == 404, name


def test_another_family_cannot_add_to_her_records(signed_in_outsider, aynurs_father):
    response = signed_in_outsider.post(
        reverse("registry:event_add", args=[aynurs_father.pk]), {"kind": "camp", "date": "2017"}
    )
    assert response.status_code == 404
    response = signed_in_outsider.post(
        reverse("registry:name_add", args=[aynurs_father.pk]),
        {"text": "X", "script": "ug-Latn", "kind": "alias"},
    )
    assert response.status_code == 404
    assert not Event.objects.exists()
    assert Name.objects.filter(person=aynurs_father).count() == 2


def test_another_family_cannot_change_or_delete_her_names_and_events(
    signed_in_outsider, owner, aynurs_father
):
    event = services.add_event(owner, aynurs_father, kind="camp", date="2017")
    name = aynurs_father.names.first()
    assert (
        signed_in_outsider.post(reverse("registry:event_delete", args=[event.pk])).status_code
        == 404
    )
    assert (
        signed_in_outsider.post(reverse("registry:name_delete", args=[name.pk])).status_code == 404
    )
    response = signed_in_outsider.post(
        reverse("registry:event_edit", args=[event.pk]), {"kind": "release", "date": "2019"}
    )
    assert response.status_code == 404
    event.refresh_from_db()
    assert event.kind == "camp"
    assert Name.objects.filter(pk=name.pk).exists()


def test_another_familys_testimony_is_not_found(signed_in_outsider, owner, aynurs_father):
    testimony = services.add_testimony(owner, [aynurs_father], witness_name="Aynur", text="x")
    response = signed_in_outsider.get(reverse("registry:testimony_detail", args=[testimony.pk]))
    assert response.status_code == 404


def test_her_relatives_of_another_family_are_not_shown_on_her_page(
    client, owner, colleague, password, aynurs_father, murats_brother
):
    # A documenter links the two families; Aynur still sees only her own relative.
    services.add_family_tie(colleague, aynurs_father, murats_brother, "sibling")
    client.login(username="aynur", password=password)
    page = client.get(reverse("registry:person_detail", args=[aynurs_father.pk])).content.decode()
    assert "Abdulla Qadir" not in page


def test_a_family_member_may_not_see_history_or_file_evidence(
    client, owner, password, aynurs_father
):
    client.login(username="aynur", password=password)
    assert (
        client.get(reverse("registry:person_history", args=[aynurs_father.pk])).status_code == 403
    )
    assert client.get(reverse("registry:evidence_add", args=[aynurs_father.pk])).status_code == 403


@pytest.mark.parametrize("staff", ["colleague", "reviewer", "administrator"])
def test_the_organisation_sees_every_family(
    request, client, staff, password, aynurs_father, murats_brother
):
    user = request.getfixturevalue(staff)
    client.login(username=user.username, password=password)
    page = client.get(reverse("registry:person_list")).content.decode()
    assert "ئەخمەت تۇرسۇن" in page
    assert "Abdulla Qadir" in page
    assert client.get(reverse("registry:person_detail", args=[aynurs_father.pk])).status_code == 200
