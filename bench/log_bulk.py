"""The evidence log's share of a bulk import's commit: the same synthetic list imported by two
checkouts of the code (``--before DIR``, e.g. a copy of the tree taken before a change, and
this one), alternately, each into a fresh SQLite registry; prints JSON.

    GUWAH_SECRET_KEY=bench-only-key nice .venv/bin/python bench/log_bulk.py --before DIR \
        [--rows 20000] [--rounds 2]

Each import runs in a process of its own (wall and CPU seconds, peak memory; see
``bench/imports.py``); the log's tree size after each is read back to show both logged the same
number of entries. Synthetic data only.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import imports

SIZE = "from guwah.evidence.models import LogEntry; print(LogEntry.objects.count())"


def one_import(project: Path, listing: Path, directory: Path) -> dict[str, Any]:
    imports.CODE["project"] = project
    data_dir = directory / "data"
    imports.guwah(data_dir, "migrate", "--verbosity", "0")
    imports.guwah(data_dir, "shell", "--no-imports", "-c", imports.MAKE_USER)
    figures = imports.guwah(data_dir, "import", str(listing), "--as", "bench")
    figures["log_entries"] = int(
        imports.guwah(data_dir, "shell", "--no-imports", "-c", SIZE)["summary"]
    )
    shutil.rmtree(data_dir, ignore_errors=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", type=Path, required=True, help="the earlier code")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="guwah-bench-log-bulk-"))
    try:
        listing = directory / "list.csv"
        imports.synthetic_list(listing, options.rows)
        runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
        for _ in range(options.rounds):
            for label, project in (("before", options.before), ("after", imports.PROJECT)):
                runs[label].append(one_import(project.resolve(), listing, directory))
        best = {label: min(r["cpu_seconds"] for r in found) for label, found in runs.items()}
        print(
            json.dumps(
                {
                    "rows": options.rows,
                    "runs": runs,
                    "best_cpu_seconds": best,
                    "cpu_ratio_after_to_before": round(best["after"] / best["before"], 2),
                    "machine": imports._machine(),
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
