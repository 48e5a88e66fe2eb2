"""The registry keeps no file bytes: an evidence file goes to the keeper an app above it
registered, and without one the file is refused and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from guwah.registry import services
from guwah.registry.models import Evidence
from guwah.registry.services import sources

pytestmark = pytest.mark.django_db


def _file_evidence(colleague, person, upload) -> Evidence:
    return services.add_evidence(
        colleague,
        [person],
        file=upload,
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice (synthetic)",
        synthetic=True,
    )


def test_without_a_keeper_a_file_is_refused_and_nothing_is_saved(
    monkeypatch, colleague, aynurs_father
) -> None:
    monkeypatch.setattr(sources, "_file_keepers", [])

    with pytest.raises(ValidationError) as refused:
        _file_evidence(colleague, aynurs_father, SimpleUploadedFile("notice.txt", b"notice"))

    assert "keeps no evidence files" in refused.value.message_dict["file"][0]
    assert not Evidence.objects.exists()


def test_the_registered_keeper_receives_the_actor_the_saved_item_and_the_file(
    monkeypatch, colleague, aynurs_father
) -> None:
    kept = []

    def keeper(actor, evidence, upload) -> None:
        kept.append((actor, evidence.pk, upload.read()))
        services.attach_evidence_file(actor, evidence, name="kept/notice.txt", sha256="a" * 64)

    monkeypatch.setattr(sources, "_file_keepers", [])
    services.keep_evidence_files_with(keeper)

    item = _file_evidence(colleague, aynurs_father, SimpleUploadedFile("notice.txt", b"notice"))

    assert kept == [(colleague, item.pk, b"notice")]
    item.refresh_from_db()
    assert (item.file.name, item.sha256) == ("kept/notice.txt", "a" * 64)
    assert item.history.first().history_user == colleague


def test_a_keeper_refusing_the_file_leaves_no_item_behind(
    monkeypatch, colleague, aynurs_father
) -> None:
    def keeper(actor, evidence, upload) -> None:
        raise ValidationError("Files of this type are not accepted: a program.")

    monkeypatch.setattr(sources, "_file_keepers", [keeper])

    with pytest.raises(ValidationError) as refused:
        _file_evidence(colleague, aynurs_father, SimpleUploadedFile("run.exe", b"MZ"))

    assert refused.value.message_dict["file"] == ["Files of this type are not accepted: a program."]
    assert not Evidence.objects.exists()


def test_an_original_once_attached_is_never_replaced(monkeypatch, colleague, aynurs_father):
    monkeypatch.setattr(sources, "_file_keepers", [])
    item = services.add_evidence(
        colleague,
        [aynurs_father],
        kind=Evidence.Kind.NEWS_REPORT,
        title="Report (synthetic)",
        reference="https://example.org/report",
    )
    services.attach_evidence_file(colleague, item, name="blobs/first", sha256="b" * 64)

    with pytest.raises(ValidationError):
        services.attach_evidence_file(colleague, item, name="blobs/second", sha256="c" * 64)

    item.refresh_from_db()
    assert item.sha256 == "b" * 64
