"""Anonymous users are sent to sign in; an account without a role is refused everywhere."""

import pytest
from django.urls import reverse

from guwah.registry.models import Person

pytestmark = pytest.mark.django_db


def person_urls(pk: int) -> list[str]:
    return [
        reverse(name, args=[pk])
        for name in (
            "registry:person_detail",
            "registry:person_json",
            "registry:person_edit",
            "registry:person_history",
            "registry:person_visibility",
            "registry:name_add",
            "registry:relatives_add",
            "registry:tie_add",
            "registry:event_add",
            "registry:testimony_add",
            "registry:evidence_add",
        )
    ]


LIST_URLS = [
    "registry:dashboard",
    "registry:person_list",
    "registry:person_create",
    "registry:facility_list",
    "registry:place_list",
    "registry:evidence_list",
]


def test_anonymous_users_are_sent_to_sign_in(client, aynurs_father):
    for url in [reverse(name) for name in LIST_URLS] + person_urls(aynurs_father.pk):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_anonymous_users_cannot_post_changes(client, aynurs_father):
    response = client.post(reverse("registry:person_delete", args=[aynurs_father.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    aynurs_father.refresh_from_db()


def test_an_account_without_a_role_is_refused(client, django_user_model, aynurs_father, password):
    django_user_model.objects.create_user("bare", password=password)
    client.login(username="bare", password=password)
    for url in [reverse(name) for name in LIST_URLS] + person_urls(aynurs_father.pk):
        assert client.get(url).status_code == 403, url


def test_a_person_a_family_member_records_is_hers(client, owner, password):
    client.login(username="aynur", password=password)
    client.post(
        reverse("registry:person_create"),
        {
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-text": "Alim",
            "names-0-script": "ug-Latn",
            "names-0-kind": "primary",
            "visibility": "restricted",
            "ethnicity": "Uyghur",
        },
    )
    assert Person.objects.get().created_by == owner
