"""What the public may read of the registry: the one door between a visitor and the record.

A person is public when a reviewer made the record public *and* the family consents to its
publication; a testimony or an evidence item about them shows only when it is itself public
and consented. Every public page and the public API read through the functions here, which
load only the columns that may be shown (``.values()`` on named fields) and hand back plain
dataclasses: a witness's name, a testimony's media, an identity number or a documenter's note
is never read from the database on a public request, so no template can show it by mistake.

Each published person is read at the publication level the family chose
(:mod:`guwah.public.levels`): at the full level everything published; at the partial level the
given name and an initial, the county rather than the village, an age band rather than the birth
year, and no testimony excerpt or source title (both name people); at the anonymous level only
the entry number, an age band, the prefecture and what happened, by year. The photo shows only at
the full level and with its own consent. A name search finds full-level entries only: finding an
entry by a name it does not show would tell the name.

Withdrawing consent takes effect on the next read: nothing about a person is cached, and the
counts that are (statistics, facets: ``counted.py``) are forgotten on every change to the record.
"""

from guwah.public.reading.base import (
    MAX_KEY,
    county_or_coarser,
    describe_date,
    verification_ladder,
)
from guwah.public.reading.criteria import AGE_BANDS, GRADES, SENTENCE_BANDS, Criteria
from guwah.public.reading.facets import FACETS, facet
from guwah.public.reading.facilities import (
    PublicFacility,
    map_data,
    public_facilities,
    public_facility,
)
from guwah.public.reading.persons import (
    EXCERPT_LENGTH,
    MAX_PER_PAGE,
    PER_PAGE,
    PHOTO_TYPES,
    public_person,
    public_persons,
    public_photo,
)
from guwah.public.reading.records import (
    Facet,
    PublicEvent,
    PublicEvidence,
    PublicForm,
    PublicName,
    PublicPage,
    PublicPerson,
    PublicPlace,
    PublicRebuttal,
    PublicTestimony,
    Statistics,
)
from guwah.public.reading.statistics import (
    prefecture_facets,
    public_statistics,
    status_facets,
    verification_facets,
)

__all__ = [
    "AGE_BANDS",
    "EXCERPT_LENGTH",
    "FACETS",
    "GRADES",
    "MAX_KEY",
    "MAX_PER_PAGE",
    "PER_PAGE",
    "PHOTO_TYPES",
    "SENTENCE_BANDS",
    "Criteria",
    "Facet",
    "PublicEvent",
    "PublicEvidence",
    "PublicFacility",
    "PublicForm",
    "PublicName",
    "PublicPage",
    "PublicPerson",
    "PublicPlace",
    "PublicRebuttal",
    "PublicTestimony",
    "Statistics",
    "county_or_coarser",
    "describe_date",
    "facet",
    "map_data",
    "prefecture_facets",
    "public_facilities",
    "public_facility",
    "public_person",
    "public_persons",
    "public_photo",
    "public_statistics",
    "status_facets",
    "verification_facets",
    "verification_ladder",
]
