"""Every change is kept: who made it, when, and what changed; an earlier version can be
restored, and the restore is itself a change in the history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from guwah.registry import history, services

pytestmark = pytest.mark.django_db


def test_the_history_names_who_changed_what(owner, colleague, aynurs_father):
    services.update_person(colleague, aynurs_father, birth_date="1957", occupation="تىجارەتچى")
    changes = history.person_history(aynurs_father)
    latest = changes[0]
    assert latest.who == colleague
    assert latest.action == "~"
    diff = {change.label: (change.old, change.new) for change in latest.changes}
    assert diff["birth date"] == ("1956", "1957")
    assert diff["occupation"] == ("", "تىجارەتچى")
    assert changes[-1].who == owner
    assert changes[-1].action == "+"


def test_the_history_gathers_names_events_and_ties(owner, aynurs_father):
    services.add_event(owner, aynurs_father, kind="camp", date="2017")
    services.add_relative(owner, aynurs_father, name="Alim", script="ug-Latn", relation="child")
    name = aynurs_father.names.first()
    services.delete_name(owner, name)
    models_changed = {change.model for change in history.person_history(aynurs_father)}
    assert {"person", "name", "event", "familytie"} <= models_changed
    deleted = [c for c in history.person_history(aynurs_father) if c.action == "-"]
    assert deleted[0].record_label == name.text


def test_a_reviewer_reads_the_history_page(client, reviewer, colleague, password, aynurs_father):
    services.update_person(colleague, aynurs_father, occupation="دېھقان")
    client.login(username="rahile", password=password)
    page = client.get(reverse("registry:person_history", args=[aynurs_father.pk])).content.decode()
    assert "دېھقان" in page
    assert "dilnur" in page
    assert "Restore this version" in page


def test_restoring_brings_back_the_earlier_fields(reviewer, colleague, aynurs_father):
    first = aynurs_father.history.latest()
    services.update_person(colleague, aynurs_father, birth_date="1960", notes="wrong")
    services.restore_version(reviewer, aynurs_father, first.history_id)
    aynurs_father.refresh_from_db()
    assert aynurs_father.birth_date == "1956"
    assert aynurs_father.birth_year == 1956
    assert aynurs_father.notes == ""
    latest = aynurs_father.history.latest()
    assert latest.history_user == reviewer
    assert "Restored" in latest.history_change_reason
    # Nothing is lost: the replaced version is still in the history.
    # (Notes are encrypted at rest: compared after reading, not in SQL.)
    assert any(version.notes == "wrong" for version in aynurs_father.history.all())


def test_restoring_through_the_page(client, reviewer, colleague, password, aynurs_father):
    name = aynurs_father.names.get(script="ug-Arab")
    original = name.history.latest()
    services.update_name(colleague, name, text="ئەخمەت")
    client.login(username="rahile", password=password)
    response = client.post(
        reverse("registry:restore_version", args=["name", name.pk, original.history_id])
    )
    assert response.status_code == 302
    name.refresh_from_db()
    assert name.text == "ئەخمەت تۇرسۇن"


def test_restoring_an_event_restores_its_sources(reviewer, colleague, aynurs_father):
    testimony = services.add_testimony(colleague, [aynurs_father], witness_name="Aynur")
    event = services.add_event(colleague, aynurs_father, kind="camp", date="2017")
    services.update_event(colleague, event, testimonies=[testimony])
    cited = event.history.latest()
    services.update_event(colleague, event, date="2018", testimonies=[])
    services.restore_version(reviewer, event, cited.history_id)
    event.refresh_from_db()
    assert event.date == "2017"
    assert list(event.testimonies.all()) == [testimony]


def test_restoring_never_republishes_against_withdrawn_consent(owner, reviewer, aynurs_father):
    services.set_consent(owner, aynurs_father, publish=True)
    services.set_visibility(reviewer, aynurs_father, "public")
    published = aynurs_father.history.latest()
    services.set_consent(owner, aynurs_father, publish=False)
    services.restore_version(reviewer, aynurs_father, published.history_id)
    aynurs_father.refresh_from_db()
    assert aynurs_father.visibility == "internal"
    assert not aynurs_father.consent_publish


@pytest.mark.parametrize("user", ["owner", "colleague"])
def test_only_reviewers_and_administrators_restore(request, user, aynurs_father):
    actor = request.getfixturevalue(user)
    first = aynurs_father.history.latest()
    services.update_person(actor, aynurs_father, occupation="x")
    with pytest.raises(PermissionDenied):
        services.restore_version(actor, aynurs_father, first.history_id)
    aynurs_father.refresh_from_db()
    assert aynurs_father.occupation == "x"


def test_a_restore_that_would_break_the_timeline_is_refused(reviewer, colleague, aynurs_father):
    born_1956 = aynurs_father.history.latest()
    services.update_person(colleague, aynurs_father, birth_date="")
    services.add_event(colleague, aynurs_father, kind="arrest", date="1950")
    with pytest.raises(ValidationError, match="before the birth"):
        services.restore_version(reviewer, aynurs_father, born_1956.history_id)
    aynurs_father.refresh_from_db()
    assert aynurs_father.birth_date == ""
    assert aynurs_father.history.count() == 2


def test_a_deleted_name_is_brought_back(client, reviewer, colleague, password, aynurs_father):
    name = aynurs_father.names.get(script="zh-Hans")
    name_id = name.pk
    services.delete_name(colleague, name)
    deletion = name.history.model.objects.filter(id=name_id).latest()
    client.login(username="rahile", password=password)
    page = client.get(reverse("registry:person_history", args=[aynurs_father.pk])).content.decode()
    assert "Restore as it was when deleted" in page
    client.post(reverse("registry:restore_version", args=["name", name_id, deletion.history_id]))
    assert aynurs_father.names.filter(text="艾合买提·吐尔逊", script="zh-Hans").exists()


def test_a_deleted_tie_comes_back_with_its_inverse(reviewer, owner, aynurs_father):
    son = services.add_relative(
        owner, aynurs_father, name="Alim", script="ug-Latn", relation="child"
    )
    tie = aynurs_father.ties.get()
    deleted = tie.history.model.objects.filter(id=tie.pk)
    services.delete_family_tie(owner, tie)
    services.restore_deleted(reviewer, type(tie), deleted.latest().history_id)
    assert aynurs_father.ties.get().relative == son
    assert son.ties.get().relation == "parent"


def test_a_family_member_cannot_restore_through_the_page(client, owner, password, aynurs_father):
    first = aynurs_father.history.latest()
    services.update_person(owner, aynurs_father, occupation="x")
    client.login(username="aynur", password=password)
    response = client.post(
        reverse("registry:restore_version", args=["person", aynurs_father.pk, first.history_id])
    )
    assert response.status_code == 403
    aynurs_father.refresh_from_db()
    assert aynurs_father.occupation == "x"
