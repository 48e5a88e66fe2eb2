"""Each record a user may see as the export's JSON-ready dictionary, read in chunks.

Records are named by the IDs they were imported under, or ``guwah-<kind>-<number>``, and come
in the order of those IDs. Persons and acts, the sections that grow with the registry, are read
a chunk at a time in that order, so that an export of 100,000 persons never holds them all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.fields.files import FieldFile

from guwah.imports.export.reference import facility_records, place_records
from guwah.imports.models import ImportedRecord
from guwah.registry import access
from guwah.registry.models import (
    Event,
    Evidence,
    Facility,
    FamilyTie,
    Incident,
    Person,
    Place,
    Testimony,
)

PERSON_FIELDS = (
    "sex",
    "birth_date",
    "ethnicity",
    "occupation",
    "notes",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
TESTIMONY_FIELDS = (
    "witness_name",
    "witness_relationship",
    "given_on",
    "language",
    "text",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
EVIDENCE_FIELDS = (
    "kind",
    "title",
    "reference",
    "reliability",
    "description",
    "visibility",
    "consent_publish",
    "consent_share_un",
    "consent_name_witness",
    "synthetic",
)
ACT_FIELDS = (
    "kind",
    "date",
    "sentence_months",
    "stated_reason",
    "description",
    "basis",
    "synthetic",
)
KIND_ORDER = {"primary": 0, "official_zh": 1, "alias": 2}
CHUNK = 1000
# Files named in the document by their SHA-256 (photos, recordings), for the archive to carry.
Files = dict[str, FieldFile]


class ExternalIds:
    """The ID each exported record goes by: the one it was imported under, or its own."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, int], str] = {}
        for row in ImportedRecord.objects.values(
            "kind", "external_id", "person_id", "act_id", "event_id", "testimony_id", "evidence_id"
        ):
            pk = row[f"{row['kind']}_id"]  # type: ignore[literal-required]
            if pk is not None:
                self._known[(row["kind"], pk)] = row["external_id"]

    def of(self, kind: str, pk: int) -> str:
        return self._known.get((kind, pk), f"guwah-{kind}-{pk}")


def place_ref(place: Place | None) -> str | None:
    if place is None:
        return None
    return place.code or place.name_en


def _fields(record: Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(record, name) for name in names}


def sorted_by_id(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(records, key=lambda record: record["id"])


def file_digest(stored: FieldFile, files: Files | None) -> str | None:
    """The SHA-256 of a stored photo or recording, read in pieces; None if there is none."""
    if not stored:
        return None
    digest = hashlib.sha256()
    # Opened from its storage each time: a field's own file, once closed, cannot be reopened.
    with stored.storage.open(str(stored.name), "rb") as handle:
        for piece in iter(lambda: handle.read(1 << 16), b""):
            digest.update(piece)
    found = digest.hexdigest()
    if files is not None:
        files[found] = stored
    return found


def in_order_of_ids(
    queryset: QuerySet[Any], external: dict[int, str], chunk: int = CHUNK
) -> Iterator[Any]:
    """The records of ``queryset`` whose pks ``external`` names, in the order of their
    external IDs, read ``chunk`` at a time."""
    order = sorted(external, key=external.__getitem__)
    for start in range(0, len(order), chunk):
        pks = order[start : start + chunk]
        found = queryset.in_bulk(pks)
        for pk in pks:
            if pk in found:
                yield found[pk]


def person_record(person: Person, external_id: str, files: Files | None = None) -> dict[str, Any]:
    names = sorted(
        person.names.all(), key=lambda n: (KIND_ORDER.get(n.kind, 9), n.kind, n.script, n.text)
    )
    record = {
        "id": external_id,
        "names": [{"text": n.text, "script": n.script, "kind": n.kind} for n in names],
        "hometown": place_ref(person.hometown),
        "documents": sorted(
            (
                {"kind": d.kind, "number": d.number, "issuer": d.issuer}
                for d in person.documents.all()
            ),
            key=lambda d: (d["kind"], d["number"]),
        ),
        **_fields(person, PERSON_FIELDS),
    }
    photo = file_digest(person.photo, files)
    if photo:
        record["photo"] = photo
    return record


def incident_record(incident: Incident, external_id: str) -> dict[str, Any]:
    return {
        "id": external_id,
        "title": incident.title,
        "date": incident.date,
        "place": place_ref(incident.place),
        "description": incident.description,
        "synthetic": incident.synthetic,
    }


def act_record(
    act: Event,
    ids: ExternalIds,
    person_ids: dict[int, str],
    source_ids: dict[tuple[str, int], str],
) -> dict[str, Any]:
    cited = [source_ids.get(("testimony", t.pk)) for t in act.testimonies.all()]
    cited += [source_ids.get(("evidence", e.pk)) for e in act.evidence.all()]
    return {
        "id": ids.of("act", act.pk),
        "victim": person_ids[act.person_id],
        "event": ids.of("event", act.incident_id) if act.incident_id else None,
        "facility": act.facility.name_en if act.facility else None,
        "place": place_ref(act.place),
        "sources": sorted(source for source in cited if source),
        **_fields(act, ACT_FIELDS),
    }


def relationship_records(person_ids: dict[int, str]) -> list[dict[str, Any]]:
    # Each tie is stored with its inverse; the export names it once, from the person whose
    # ID sorts first, and an import adds the inverse again.
    rows = []
    ties = FamilyTie.objects.filter(person__in=list(person_ids), relative__in=list(person_ids))
    for tie in ties:
        person, relative = person_ids[tie.person_id], person_ids[tie.relative_id]
        if person < relative:
            rows.append(
                {"person": person, "relative": relative, "relation": tie.relation, "note": tie.note}
            )
    return sorted(rows, key=lambda row: (row["person"], row["relative"], row["relation"]))


def _about(record: Testimony | Evidence, person_ids: dict[int, str]) -> list[str]:
    return sorted(person_ids[p.pk] for p in record.persons.all() if p.pk in person_ids)


def testimony_record(
    testimony: Testimony,
    source_ids: dict[tuple[str, int], str],
    person_ids: dict[int, str],
    files: Files | None = None,
) -> dict[str, Any]:
    record = {
        "id": source_ids[("testimony", testimony.pk)],
        "type": "testimony",
        "about": _about(testimony, person_ids),
        **_fields(testimony, TESTIMONY_FIELDS),
    }
    media = file_digest(testimony.media, files)
    if media:
        record["media"] = media
    return record


def evidence_record(
    evidence: Evidence, source_ids: dict[tuple[str, int], str], person_ids: dict[int, str]
) -> dict[str, Any]:
    return {
        "id": source_ids[("evidence", evidence.pk)],
        "type": "evidence",
        "about": _about(evidence, person_ids),
        "facility": evidence.facility.name_en if evidence.facility else None,
        "sha256": evidence.sha256 or None,
        **_fields(evidence, EVIDENCE_FIELDS),
    }


class Selection:
    """What ``actor`` may see, as the export's sections: the small ones read at once, persons
    and acts read as they are written out."""

    def __init__(self, actor: Any, files: Files | None = None) -> None:
        self.files = files
        self.ids = ids = ExternalIds()
        self.visible = access.persons_visible_to(actor)
        self.person_ids = {
            pk: ids.of("person", pk) for pk in self.visible.values_list("pk", flat=True)
        }
        self.testimonies = [
            testimony
            for testimony in access.testimonies_visible_to(actor).prefetch_related("persons")
            if any(p.pk in self.person_ids for p in testimony.persons.all())
        ]
        # A testimony's recording kept as an evidence item travels with its testimony, which
        # keeps it again when the archive is restored: it is not a source of its own here.
        self.evidence = list(
            access.evidence_visible_to(actor)
            .exclude(file__in=Testimony.objects.exclude(media="").values("media"))
            .select_related("facility")
            .prefetch_related("persons")
        )
        self.source_ids = {("testimony", t.pk): ids.of("testimony", t.pk) for t in self.testimonies}
        self.source_ids.update(
            {("evidence", e.pk): ids.of("evidence", e.pk) for e in self.evidence}
        )
        self.acts = Event.objects.filter(person__in=self.visible.values("pk"))

    def persons(self) -> Iterator[dict[str, Any]]:
        chosen = self.visible.select_related("hometown").prefetch_related("names", "documents")
        for person in in_order_of_ids(chosen, self.person_ids):
            yield person_record(person, self.person_ids[person.pk], self.files)

    def act_records(self) -> Iterator[dict[str, Any]]:
        act_ids = {pk: self.ids.of("act", pk) for pk in self.acts.values_list("pk", flat=True)}
        chosen = self.acts.select_related("facility", "place").prefetch_related(
            "testimonies", "evidence"
        )
        for act in in_order_of_ids(chosen, act_ids):
            yield act_record(act, self.ids, self.person_ids, self.source_ids)

    def events(self) -> list[dict[str, Any]]:
        incidents = Incident.objects.filter(
            pk__in=self.acts.exclude(incident=None).values("incident_id")
        ).select_related("place")
        return sorted_by_id([incident_record(i, self.ids.of("event", i.pk)) for i in incidents])

    def facilities(self) -> list[dict[str, Any]]:
        return facility_records(self._facility_ids())

    def _facility_ids(self) -> set[int]:
        ids = set(self.acts.exclude(facility=None).values_list("facility_id", flat=True))
        return ids | {e.facility_id for e in self.evidence if e.facility_id is not None}

    def places(self) -> list[dict[str, Any]]:
        """Every place a record of the export names, and the places those lie in."""
        ids: set[int | None] = set(
            self.visible.order_by().values_list("hometown_id", flat=True).distinct()
        )
        ids |= set(self.acts.order_by().values_list("place_id", flat=True).distinct())
        ids |= set(
            Incident.objects.filter(pk__in=self.acts.exclude(incident=None).values("incident_id"))
            .order_by()
            .values_list("place_id", flat=True)
        )
        ids |= set(
            Facility.objects.filter(pk__in=self._facility_ids()).values_list("place_id", flat=True)
        )
        return place_records(ids)

    def relationships(self) -> list[dict[str, Any]]:
        return relationship_records(self.person_ids)

    def sources(self) -> list[dict[str, Any]]:
        return sorted_by_id(
            [
                testimony_record(t, self.source_ids, self.person_ids, self.files)
                for t in self.testimonies
            ]
            + [evidence_record(e, self.source_ids, self.person_ids) for e in self.evidence]
        )
