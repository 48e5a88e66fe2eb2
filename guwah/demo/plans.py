"""What a generated plan says of each record, as the record's own fields.

The two writers (:mod:`guwah.demo.records` through the services, :mod:`guwah.demo.bulk` in
batches) store the same plans; taking the fields from here keeps what they store the same.
Only what both store as it is comes from here: dates, places and keys each writer resolves
its own way.
"""

from __future__ import annotations

from typing import Any

from guwah.registry.synthetic import (
    SYNTHETIC_DOCUMENT_NOTE,
    SYNTHETIC_NOTE,
    EventPlan,
    EvidencePlan,
    FacilityPlan,
    PersonPlan,
    TestimonyPlan,
)


def _copied(plan: object, *names: str) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in names}


def person_fields(plan: PersonPlan) -> dict[str, Any]:
    fields = _copied(plan, "sex", "occupation", "consent_publish", "consent_share_un")
    return fields | {"notes": SYNTHETIC_NOTE}


def facility_fields(plan: FacilityPlan) -> dict[str, Any]:
    names = ("kind", "name_en", "name_ug", "name_zh", "place_id", "latitude", "longitude")
    return _copied(plan, *names, "security_tier")


def testimony_fields(plan: TestimonyPlan) -> dict[str, Any]:
    names = ("witness_name", "witness_relationship", "given_on", "language", "text")
    return _copied(plan, *names, "consent_name_witness")


def evidence_fields(plan: EvidencePlan) -> dict[str, Any]:
    fields = _copied(plan, "kind", "title", "reference", "reliability")
    return fields | {"description": SYNTHETIC_DOCUMENT_NOTE}


def event_fields(plan: EventPlan) -> dict[str, Any]:
    return _copied(plan, "kind", "sentence_months", "stated_reason", "description", "basis")
