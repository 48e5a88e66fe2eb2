from __future__ import annotations

import pytest

from guwah.registry.models import Evidence, Name, Person, Script


@pytest.fixture
def person(owner):
    """Aynur's brother, as she recorded him."""
    person = Person.objects.create(created_by=owner, birth_date="1978", synthetic=True)
    Name.objects.create(person=person, text="Ekrem Tursun", script=Script.UYGHUR_LATIN)
    Name.objects.create(person=person, text="ئەكرەم تۇرسۇن", script=Script.UYGHUR_ARABIC)
    return person


@pytest.fixture
def evidence_item(person, colleague):
    item = Evidence.objects.create(
        kind=Evidence.Kind.OFFICIAL_DOCUMENT,
        title="Detention notice (synthetic)",
        created_by=colleague,
        synthetic=True,
        consent_share_un=True,
    )
    item.persons.add(person)
    return item
