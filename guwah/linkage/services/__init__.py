"""Finding duplicates, matching imported lists, and acting on what reviewers decide.

Views, commands and tests all call these functions. The model itself (``guwah.linkage.model``)
knows nothing of Django; these modules feed it the registry (``records``), run it and keep
what it proposes (``runs``, ``imports``), and carry out the reviewers' decisions (``review``),
whose merges are the registry's own service. Every function that acts for someone takes the
acting user first and asks :func:`guwah.registry.access.can_review_links`.
"""

from guwah.linkage.services.clusters import cluster_of, cluster_sizes, merge_cluster
from guwah.linkage.services.errors import ImportFileError, LinkageError
from guwah.linkage.services.imports import (
    IMPORT_FIELDS,
    import_external_list,
    parse_columns,
)
from guwah.linkage.services.records import registry_records
from guwah.linkage.services.review import (
    accept_pair,
    mark_related,
    merge_persons,
    pairs_for_review,
    reject_pair,
    undo_merge,
)
from guwah.linkage.services.runs import (
    CALIBRATION_PERSONS,
    DEFAULT_THRESHOLD,
    LinkageRun,
    current_model,
    model_directory,
    run_dedupe,
    train_model,
)

__all__ = [
    "CALIBRATION_PERSONS",
    "DEFAULT_THRESHOLD",
    "IMPORT_FIELDS",
    "ImportFileError",
    "LinkageError",
    "LinkageRun",
    "accept_pair",
    "cluster_of",
    "cluster_sizes",
    "current_model",
    "import_external_list",
    "mark_related",
    "merge_cluster",
    "merge_persons",
    "model_directory",
    "pairs_for_review",
    "parse_columns",
    "registry_records",
    "reject_pair",
    "run_dedupe",
    "train_model",
    "undo_merge",
]
