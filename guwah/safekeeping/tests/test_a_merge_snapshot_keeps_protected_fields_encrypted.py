"""A merge keeps a snapshot of both records to undo it: their protected fields stay encrypted
there, and come back as they were when the merge is undone."""

from __future__ import annotations

import json

import pytest

from guwah.linkage import services as linkage
from guwah.registry import models as registry
from guwah.registry import services
from guwah.registry.models import Person
from guwah.safekeeping.tests.conftest import SECRETS

pytestmark = pytest.mark.django_db


def test_the_snapshot_holds_ciphertext_and_the_undo_gives_the_plaintext_back(
    case, owner, reviewer
) -> None:
    other = services.create_person(
        owner,
        names=[{"text": "Ekrem Tursun", "script": "ug-Latn"}],
        notes="Second record's note (synthetic)",
        synthetic=True,
    )
    merge = linkage.merge_persons(reviewer, case.person, other, "Same person (synthetic).")
    stored = json.dumps(merge.snapshot, ensure_ascii=False)
    for what in ("notes", "witness", "testimony", "number"):
        assert SECRETS[what] not in stored, what
    assert "Second record's note" not in stored

    linkage.undo_merge(reviewer, merge)

    assert Person.objects.get(pk=other.pk).notes == "Second record's note (synthetic)"
    testimony = registry.Testimony.objects.get(pk=case.testimony.pk)
    assert testimony.witness_name == SECRETS["witness"] and testimony.text == SECRETS["testimony"]
