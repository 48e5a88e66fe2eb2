"""Every change to the record of state positions, and reading the record out.

Views, the admin, the ``guwah positions`` command and the JSON API all go through these
functions. Each change takes the acting user first, asks the access policy
(:func:`guwah.registry.access.can_edit_positions`), validates the whole change and only then
writes, in one transaction, naming the actor in the history of every row it touches: the
record of what governments said is evidence too, and a quiet edit to it must leave a trace.
Rows are saved one by one through the ORM so that anything listening to the model signals
hears them, or with ``bulk_create_with_history``, which writes the history rows beside them and
is announced with the registry's ``bulk_created`` (the transparency log listens to both).

The modules, by what they do: :mod:`.editing` (one change at a time, for the forms and the
admin), :mod:`.loading` (whole files, for ``guwah positions load|groups``), :mod:`.reading`
(summaries and lists for the pages and exports), :mod:`.recording` (how each of them writes).
"""

from guwah.positions.services.editing import (
    INSTRUMENT_FIELDS,
    POSITION_FIELDS,
    STATE_FIELDS,
    add_instrument,
    add_position,
    delete_instrument,
    delete_position,
    sync_states,
    update_instrument,
    update_position,
    update_state,
)
from guwah.positions.services.loading import (
    PACKAGED_DATA_DIR,
    PACKAGED_GROUPS,
    PACKAGED_POSITIONS,
    GroupLoadReport,
    LoadRejected,
    LoadReport,
    load,
    load_groups,
)
from guwah.positions.services.reading import (
    InstrumentSummary,
    export_positions,
    has_data,
    instruments_with_counts,
    positions_of,
    signatories_of,
    stances_by_state,
    summaries,
    summary_of,
)

__all__ = [
    "INSTRUMENT_FIELDS",
    "PACKAGED_DATA_DIR",
    "PACKAGED_GROUPS",
    "PACKAGED_POSITIONS",
    "POSITION_FIELDS",
    "STATE_FIELDS",
    "GroupLoadReport",
    "InstrumentSummary",
    "LoadRejected",
    "LoadReport",
    "add_instrument",
    "add_position",
    "delete_instrument",
    "delete_position",
    "export_positions",
    "has_data",
    "instruments_with_counts",
    "load",
    "load_groups",
    "positions_of",
    "signatories_of",
    "stances_by_state",
    "summaries",
    "summary_of",
    "sync_states",
    "update_instrument",
    "update_position",
    "update_state",
]
