"""The record of state positions as operations of the project's one open API (django-ninja),
so that they are described by the same OpenAPI schema as the memorial's persons and
statistics. They answer what ``/positions/api/*.json`` answers; those addresses stay."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema
from ninja import Path as PathParam
from ninja.errors import HttpError

from guwah.positions import exports, services
from guwah.positions.models import State
from guwah.positions.views import common, groups

router = Router(tags=["positions"])

Code = PathParam(..., min_length=1, max_length=70)


class Position(Schema):
    date: str
    instrument: str
    forum: str
    stance: str
    country: str
    iso3: str
    source_url: str


class Instrument(Schema):
    code: str
    date: str
    forum: str
    lead: str
    lead_iso3: str
    kind: str
    reported_count: int | None
    named_count: int
    unnamed_count: int | None
    counts_by_stance: dict[str, int]
    listed_note: str
    document_symbol: str
    text_url: str
    url: str


class InstrumentWithPositions(Instrument):
    positions: list[Position]


class StateRecord(Schema):
    iso3: str
    name: str
    official_name: str
    un_status: str
    summary: str | None = Field(description="What the state's whole record adds up to.")
    url: str


class StateWithPositions(StateRecord):
    positions: list[Position]


class GroupMembers(Schema):
    code: str
    name: str
    year: str | None
    url: str
    counts_by_role: dict[str, int]
    members: list[dict[str, Any]]


class Missing(Schema):
    detail: str


class Unreadable(Schema):
    """What was wrong with each parameter that could not be read."""

    detail: list[dict[str, Any]]


# The whole API is limited per address; an operation with parameters may also find one it
# cannot read.
_LIMITED: dict[int, Any] = {429: Missing}
_CHECKED: dict[int, Any] = {404: Missing, 422: Unreadable, 429: Missing}


@router.get(
    "/instruments",
    response={200: list[Instrument], **_LIMITED},
    summary="Instruments, in date order",
)
def positions_instruments(request: HttpRequest) -> list[dict[str, Any]]:
    return [exports.instrument_dict(s) for s in services.instruments_with_counts()]


@router.get(
    "/instruments/{code}",
    response={200: InstrumentWithPositions, **_CHECKED},
    summary="One instrument and the positions taken on it",
)
def positions_instrument(request: HttpRequest, code: str = Code) -> Any:
    instrument = common.find_instrument(code)
    if instrument is None:
        raise HttpError(404, str(_("No instrument has this code.")))
    summary = next(
        s for s in services.instruments_with_counts() if s.instrument.pk == instrument.pk
    )
    positions = services.export_positions(instrument=instrument)
    return {
        **exports.instrument_dict(summary),
        "positions": [exports.position_dict(p) for p in positions],
    }


@router.get(
    "/states", response={200: list[StateRecord], **_LIMITED}, summary="States that took a position"
)
def positions_states(request: HttpRequest) -> list[dict[str, Any]]:
    summaries = services.summaries()
    states = State.objects.filter(code__in=summaries)
    return [exports.state_dict(s, summaries[s.code]) for s in states]


@router.get(
    "/states/{code}",
    response={200: StateWithPositions, **_CHECKED},
    summary="One state and its positions",
)
def positions_state(request: HttpRequest, code: str = Code) -> Any:
    state = common.find_state(code)
    if state is None:
        raise HttpError(404, str(_("No state has this code.")))
    positions = list(services.export_positions(state=state))
    return {
        **exports.state_dict(state, services.summary_of(state, positions)),
        "positions": [exports.position_dict(p) for p in positions],
    }


@router.get(
    "/groups/{code}",
    response={200: GroupMembers, 400: Missing, **_CHECKED},
    summary="A group of states and its members, each with its record summary",
)
def positions_group(request: HttpRequest, code: str = Code, year: str | None = None) -> Any:
    # A code or a year that names nothing known answers 404, as the group's page does.
    group = groups.group_or_404(code)
    chosen = groups.year_of(group, year) if group.yearly else ""
    if group.yearly and not chosen:
        raise HttpError(400, str(_("Name the year: ?year=2022.")))
    summaries = services.summaries()
    stances = services.stances_by_state()
    members = [
        exports.membership_dict(
            m, summaries.get(m.state_id or ""), stances.get(m.state_id or "", [])
        )
        for m in groups.memberships_of(group, chosen)
    ]
    return {
        "code": group.code,
        "name": group.name,
        "year": chosen or None,
        "url": group.get_absolute_url(),
        "counts_by_role": dict(Counter(member["role"] for member in members)),
        "members": members,
    }
