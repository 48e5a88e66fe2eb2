"""An identity-document number is encrypted, and found again by its keyed hash; SQL cannot be
asked to compare an encrypted column with a value, and says so instead of finding nothing."""

from __future__ import annotations

import pytest

from guwah.registry import models as registry
from guwah.registry.encryption import lookup_hash
from guwah.registry.models import IdentityDocument
from guwah.safekeeping.tests.conftest import SECRETS

pytestmark = pytest.mark.django_db

LABEL = "registry.identitydocument.number"


def test_a_number_is_found_by_its_keyed_hash_whatever_its_case_and_spaces(case) -> None:
    found = IdentityDocument.objects.filter(
        number_hash=lookup_hash(" " + SECRETS["number"].upper() + " ", LABEL)
    )
    assert list(found) == [case.document]
    assert case.document.number_hash != SECRETS["number"]
    assert len(case.document.number_hash) == 64


def test_comparing_an_encrypted_column_in_sql_is_refused_with_a_clear_error(case) -> None:
    with pytest.raises(TypeError, match=r"registry\.testimony\.witness_name is encrypted"):
        list(registry.Testimony.objects.filter(witness_name=SECRETS["witness"]))
    with pytest.raises(TypeError, match="cannot be searched with __icontains"):
        list(registry.Testimony.objects.filter(text__icontains="bazaar"))
    assert registry.Testimony.objects.exclude(text="").count() == 1
