"""How much of a published person is shown is the family's choice, recorded through the
visibility service: anyone who may edit the record may show less; on a public record only a
reviewer or an administrator may show more; a level that does not exist is refused and changes
nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guwah.registry import services
from guwah.registry.models import PublicationLevel, Visibility

pytestmark = pytest.mark.django_db


def test_consent_to_publish_means_the_full_identity_until_the_family_chooses_less(
    aynurs_father,
):
    assert aynurs_father.publication_level == PublicationLevel.FULL
    assert aynurs_father.consent_publish_photo is False


def test_the_family_chooses_a_partial_level_and_the_photo_separately(owner, aynurs_father):
    services.set_publication_level(owner, aynurs_father, level="partial", photo=True)
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.PARTIAL
    assert aynurs_father.consent_publish_photo is True
    assert aynurs_father.history.first().history_user == owner


def test_an_unknown_level_is_refused_and_changes_nothing(owner, aynurs_father):
    with pytest.raises(ValidationError) as refused:
        services.set_publication_level(owner, aynurs_father, level="everything", photo=True)
    assert "publication_level" in refused.value.message_dict
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.FULL
    assert aynurs_father.consent_publish_photo is False


def test_someone_who_may_not_edit_the_record_may_not_choose_its_level(outsider, aynurs_father):
    with pytest.raises(PermissionDenied):
        services.set_publication_level(outsider, aynurs_father, level="anonymous")
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.FULL


def test_on_a_public_record_only_a_reviewer_shows_more(owner, colleague, reviewer, aynurs_father):
    services.set_publication_level(owner, aynurs_father, level="anonymous")
    services.set_consent(owner, aynurs_father, publish=True)
    services.set_visibility(reviewer, aynurs_father, Visibility.PUBLIC)
    for actor in (owner, colleague):
        with pytest.raises(PermissionDenied):
            services.set_publication_level(actor, aynurs_father, level="full")
        with pytest.raises(PermissionDenied):
            services.set_publication_level(actor, aynurs_father, photo=True)
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.ANONYMOUS
    # Showing less is always allowed: the family may take back what it agreed to.
    services.set_publication_level(reviewer, aynurs_father, level="partial")
    services.set_publication_level(owner, aynurs_father, level="anonymous")
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.ANONYMOUS


def test_the_visibility_page_records_the_level(client, owner, aynurs_father):
    client.force_login(owner)
    url = reverse("registry:person_visibility", kwargs={"pk": aynurs_father.pk})
    page = client.get(url).content.decode()
    assert 'name="publication_level"' in page and 'name="consent_publish_photo"' in page
    response = client.post(
        url,
        {"visibility": "restricted", "consent_publish": "on", "publication_level": "partial"},
    )
    assert response.status_code == 302
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.PARTIAL
    assert aynurs_father.consent_publish is True
    refused = client.post(url, {"visibility": "restricted", "publication_level": "everything"})
    assert refused.status_code == 200
    aynurs_father.refresh_from_db()
    assert aynurs_father.publication_level == PublicationLevel.PARTIAL
