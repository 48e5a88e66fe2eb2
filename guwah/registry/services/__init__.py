"""Every change to the registry, as plain functions that views, commands and the API all call.

Each function takes the ``actor`` (the user making the change) first, asks
:mod:`guwah.registry.access` whether they may, validates everything before writing anything,
and writes inside one transaction, so that bad input leaves nothing half-saved. Records are
always saved one by one through the ORM: the history and the evidence log listen to the model
signals, which bulk updates and raw SQL would bypass.

The functions live in modules by what they change; this package names them all, so a caller
writes ``services.add_event(actor, person, ...)`` without knowing which module holds it.
Reading (status, list pages) is not here: see :mod:`guwah.registry.status` and
:mod:`guwah.registry.lists`.
"""

from guwah.registry.services.checks import (
    PHOTO,
    RECORDING,
    problem_message,
    screen_uploads_with,
    validate_timeline,
)
from guwah.registry.services.events import (
    EVENT_ENTRY_FIELDS,
    EVENT_FIELDS,
    add_event,
    add_incident,
    delete_event,
    update_event,
)
from guwah.registry.services.merges import merge_persons, unmerge_persons
from guwah.registry.services.persons import (
    PERSON_ENTRY_FIELDS,
    PERSON_FIELDS,
    add_family_tie,
    add_identity_document,
    add_name,
    add_relative,
    create_person,
    delete_family_tie,
    delete_name,
    delete_person,
    detect_script,
    update_name,
    update_person,
)
from guwah.registry.services.restore import restore_deleted, restore_version
from guwah.registry.services.sources import (
    EVIDENCE_ENTRY_FIELDS,
    EVIDENCE_FIELDS,
    TESTIMONY_ENTRY_FIELDS,
    TESTIMONY_FIELDS,
    add_evidence,
    add_testimony,
    attach_evidence_file,
    delete_evidence,
    delete_testimony,
    keep_evidence_files_with,
    update_evidence,
    update_testimony,
)
from guwah.registry.services.verification import (
    add_rebuttal,
    answer_rebuttal,
    corroborate,
    verify,
)
from guwah.registry.services.visibility import (
    set_consent,
    set_publication_level,
    set_visibility,
)

__all__ = [
    "EVENT_ENTRY_FIELDS",
    "EVENT_FIELDS",
    "EVIDENCE_ENTRY_FIELDS",
    "EVIDENCE_FIELDS",
    "PERSON_ENTRY_FIELDS",
    "PERSON_FIELDS",
    "PHOTO",
    "RECORDING",
    "TESTIMONY_ENTRY_FIELDS",
    "TESTIMONY_FIELDS",
    "add_event",
    "add_evidence",
    "add_family_tie",
    "add_identity_document",
    "add_incident",
    "add_name",
    "add_rebuttal",
    "add_relative",
    "add_testimony",
    "answer_rebuttal",
    "attach_evidence_file",
    "corroborate",
    "create_person",
    "delete_event",
    "delete_evidence",
    "delete_family_tie",
    "delete_name",
    "delete_person",
    "delete_testimony",
    "detect_script",
    "keep_evidence_files_with",
    "merge_persons",
    "problem_message",
    "restore_deleted",
    "restore_version",
    "screen_uploads_with",
    "set_consent",
    "set_publication_level",
    "set_visibility",
    "unmerge_persons",
    "update_event",
    "update_evidence",
    "update_name",
    "update_person",
    "update_testimony",
    "validate_timeline",
    "verify",
]
