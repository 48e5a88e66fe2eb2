"""The registry as the records the linkage model compares: one record per name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _
from tqdm import tqdm

from guwah.linkage import features as feature_columns
from guwah.registry.models import (
    Event,
    FamilyTie,
    IdentityDocument,
    Name,
    Person,
    Place,
    Script,
)

# Names written in Latin letters are read again rather than taken from their stored ULY form:
# a Latin name that reads as ULY is stored as it was typed, while matching reads each of its
# words as the informal spelling it may be (Muhemmet is Memet), with the whole name in view.
_READ_AGAIN = frozenset({Script.UYGHUR_LATIN, Script.INFORMAL_LATIN})
_READ_CHUNK = 20_000


def _place_codes() -> dict[int, tuple[str | None, str | None]]:
    """County and prefecture code of every place, found by walking up its parents."""
    places = {row["pk"]: row for row in Place.objects.values("pk", "code", "level", "parent_id")}

    def code(row: Mapping[str, Any]) -> str:
        return row["code"] or f"place:{row['pk']}"

    codes: dict[int, tuple[str | None, str | None]] = {}
    for pk in places:
        county = prefecture = None
        node: Mapping[str, Any] | None = places[pk]
        for _depth in range(10):
            if node is None:
                break
            if node["level"] == Place.Level.COUNTY and county is None:
                county = code(node)
            if node["level"] == Place.Level.PREFECTURE and prefecture is None:
                prefecture = code(node)
            node = places.get(node["parent_id"]) if node["parent_id"] else None
        codes[pk] = (county, prefecture)
    return codes


def _identity_numbers() -> dict[int, str]:
    # The resident identity card when there is one (it is what official lists carry), else
    # the first document recorded.
    documents: dict[int, str] = {}
    resident_cards: dict[int, str] = {}
    for person_id, number, kind in IdentityDocument.objects.values_list(
        "person_id", "number", "kind"
    ).order_by("pk"):
        documents.setdefault(person_id, number)
        if kind == IdentityDocument.Kind.PRC_RESIDENT_ID:
            resident_cards.setdefault(person_id, number)
    documents.update(resident_cards)
    return documents


def _mother_names() -> dict[int, str]:
    mothers: dict[int, int] = dict(
        FamilyTie.objects.filter(
            relation=FamilyTie.Relation.PARENT, relative__sex=Person.Sex.FEMALE
        ).values_list("person_id", "relative_id")
    )
    first_names: dict[int, str] = {}
    for mother_id, text in (
        Name.objects.filter(person_id__in=set(mothers.values()))
        .order_by("pk")
        .values_list("person_id", "text")
    ):
        first_names.setdefault(mother_id, text)
    return {
        person_id: first_names[mother_id]
        for person_id, mother_id in mothers.items()
        if mother_id in first_names
    }


def _first_detentions() -> dict[int, tuple[str, int | None]]:
    detentions: dict[int, tuple[str, int | None]] = {}
    for person_id, facility_id, date_sort in (
        Event.objects.filter(facility__isnull=False)
        .order_by("date_sort", "pk")
        .values_list("person_id", "facility_id", "date_sort")
    ):
        detentions.setdefault(
            person_id, (f"facility:{facility_id}", date_sort.year if date_sort else None)
        )
    return detentions


def registry_records(
    persons: Iterable[int] | None = None, *, progress: bool = False
) -> pd.DataFrame:
    """One record per name of every person (a person written in three scripts gives three).

    ``unique_id`` is the name's id and ``person_id`` the person's, so that pairs between two
    names of one person can be dropped and pairs of names summed up per pair of persons. The
    ULY form the registry stores with each name is passed on (``uly``), so that the names
    engine does not transliterate every name again.
    """
    name_rows = Name.objects.order_by("pk")
    person_rows = Person.objects.all()
    if persons is not None:
        wanted = list(persons)
        name_rows = name_rows.filter(person_id__in=wanted)
        person_rows = person_rows.filter(pk__in=wanted)
    read = list(
        tqdm(
            name_rows.values_list("pk", "person_id", "text", "uly", "script").iterator(
                chunk_size=_READ_CHUNK
            ),
            total=name_rows.count() if progress else None,
            desc=_("Reading the registry"),
            unit=" names",
            disable=not progress,
        )
    )
    names = pd.DataFrame.from_records(read, columns=["pk", "person_id", "text", "uly", "script"])
    people = pd.DataFrame.from_records(
        list(person_rows.values_list("pk", "sex", "birth_year", "hometown_id")),
        columns=["person_id", "sex", "birth_year", "hometown_id"],
    )
    # Names of a person outside ``persons`` (or deleted meanwhile) are left out by the join.
    frame = names.merge(people, on="person_id", how="inner", sort=False)
    places = _place_codes()
    # A missing hometown reads as NaN, which no place's id equals.
    homes = [places.get(pk, (None, None)) for pk in frame["hometown_id"]]
    first_detentions = _first_detentions()
    detentions = [first_detentions.get(pk, (None, None)) for pk in frame["person_id"]]
    stored_uly = frame["uly"].where(~frame["script"].isin(_READ_AGAIN) & (frame["uly"] != ""))
    records = pd.DataFrame(
        {
            "unique_id": frame["pk"].astype(str),
            "person_id": frame["person_id"],
            "name": frame["text"],
            "sex": frame["sex"].where(frame["sex"] != "").astype(object),
            "birth_year": frame["birth_year"].astype("Int64"),
            "county_code": [home[0] for home in homes],
            "prefecture_code": [home[1] for home in homes],
            "id_number": frame["person_id"].map(_identity_numbers()).astype(object),
            "mother_name": frame["person_id"].map(_mother_names()).astype(object),
            "facility_code": [found[0] for found in detentions],
            "detention_year": pd.array([found[1] for found in detentions], dtype="Int64"),
            "uly": stored_uly.astype(object),
        }
    )
    records = records.reindex(
        columns=["unique_id", "person_id", *feature_columns.RECORD_COLUMNS[1:]]
    )
    return records.astype(
        {column: object for column in records.columns if records[column].dtype == float}
    )
