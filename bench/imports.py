"""Import figures: a synthetic list of N persons, checked (dry run) and imported; prints JSON.

Each step runs in a fresh process over a fresh SQLite registry in a temporary directory (removed
afterwards), so its peak resident memory is its own: ``guwah import --dry-run`` and then
``guwah import`` of the same CSV (a name, a birth date and a detention date per row, every row
``synthetic``), and a second import of it, which adds nothing. The import writes through the
registry's services, one person, event, history row and log entry at a time.

    nice .venv/bin/python bench/imports.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from guwah.names.match import match_key
from guwah.registry.synthetic_pools import FEMALE_NAMES, MALE_NAMES

PROJECT = Path(__file__).resolve().parent.parent


def synthetic_list(path: Path, rows: int) -> None:
    """A name in Uyghur and in Chinese (a given name and a father's name from the synthetic
    pools), a birth day, a detention date. Names that read alike (Memet and Muhammad) are kept
    once, so that no two rows have a name read alike and the same birth day: the dry run would
    rightly refuse them."""
    by_key: dict[str, tuple[str, str]] = {}
    for ug, zh in [*MALE_NAMES, *FEMALE_NAMES]:
        for father_ug, father_zh in MALE_NAMES:
            name = (f"{ug} {father_ug}", f"{zh}·{father_zh}")
            by_key.setdefault(match_key(name[0]), name)
    names = list(by_key.values())
    first_day = dt.date(1940, 1, 1)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,name_ug_arab,name_zh,birth_date,camp_date,synthetic\n")
        for index in range(rows):
            ug, zh = names[index % len(names)]
            born = first_day + dt.timedelta(days=index // len(names))
            handle.write(f"B-{index},{ug},{zh},{born},2018,yes\n")


def guwah(data_dir: Path, *args: str) -> dict[str, Any]:
    env = {**os.environ, "GUWAH_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    completed = subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if completed.returncode:
        raise SystemExit(completed.stderr[-2000:] + completed.stdout[-2000:])
    return {
        "seconds": round(seconds, 1),
        # The peak of all children so far: each step is larger than the one before.
        "peak_rss_mib": round(max(peak, before) / 1024, 1),
        "summary": completed.stdout.strip().splitlines()[-1] if completed.stdout else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="guwah-bench-imports-"))
    try:
        data_dir = directory / "data"
        guwah(data_dir, "migrate", "--verbosity", "0")
        guwah(
            data_dir,
            "shell",
            "--no-imports",
            "-c",
            "from django.contrib.auth.models import Group, User;"
            "u = User.objects.create_user('bench');"
            "u.groups.add(Group.objects.get_or_create(name='documenter')[0])",
        )
        listing = directory / "list.csv"
        synthetic_list(listing, options.rows)
        figures = {
            "rows": options.rows,
            "file_mib": round(listing.stat().st_size / 2**20, 1),
            "dry_run": guwah(data_dir, "import", str(listing), "--dry-run", "--as", "bench"),
            "commit": guwah(data_dir, "import", str(listing), "--as", "bench"),
            "again": guwah(data_dir, "import", str(listing), "--as", "bench"),
        }
        figures["commit"]["rows_per_second"] = round(options.rows / figures["commit"]["seconds"])
        figures["machine"] = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load": os.getloadavg(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
