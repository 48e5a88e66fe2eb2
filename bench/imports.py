"""Import figures: a synthetic list of N persons, checked (dry run) and imported; prints JSON.

Each step runs in a fresh process over a fresh SQLite registry in a temporary directory (removed
afterwards), so its peak resident memory is its own: ``guwah import --dry-run`` and then
``guwah import`` of the same CSV (a name, a birth date and a detention date per row, every row
``synthetic``), and a second import of it, which adds nothing. From 1,000 rows on the import
inserts in batches (``guwah/imports/bulk.py``) and logs every record; the practical limit beside
it is the same persons, names and events written by plain ``bulk_create`` in one transaction,
with no checks, no name keys and no log (``floor``), into a registry of its own. Then the
registry of N persons is exported as CSV and as JSON to a file, streamed, with each export's
peak memory. CPU seconds are given beside wall seconds: on a shared machine they vary less.

    GUWAH_SECRET_KEY=bench-only-key nice .venv/bin/python bench/imports.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from guwah.names.match import match_key
from guwah.registry.encryption import DEVELOPMENT_MASTER_KEY
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


# The practical limit: the rows of the list as persons, names and events, by bulk_create alone.
FLOOR = """
import csv
import os
from django.db import transaction
from guwah.registry.models import Event, Name, Person
with open(os.environ["BENCH_LIST"], encoding="utf-8") as handle, transaction.atomic():
    rows = list(csv.DictReader(handle))
    for start in range(0, len(rows), 2000):
        batch = rows[start : start + 2000]
        persons = Person.objects.bulk_create(
            Person(birth_date=r["birth_date"], birth_year=int(r["birth_date"][:4]), synthetic=True)
            for r in batch
        )
        Name.objects.bulk_create(
            Name(person=p, text=r[column], script=script, kind=kind, synthetic=True)
            for p, r in zip(persons, batch)
            for column, script, kind in (
                ("name_ug_arab", "ug-Arab", "primary"), ("name_zh", "zh-Hans", "official_zh")
            )
        )
        Event.objects.bulk_create(
            Event(person=p, kind="camp", date="2018", synthetic=True) for p in persons
        )
print(Person.objects.count(), "persons")
"""


WHOLE_XLSX = """
import os
from django.contrib.auth.models import User
from openpyxl import Workbook
from guwah.imports.export import export_document, sheets
from guwah.spreadsheets import safe_row
workbook = Workbook()
workbook.remove(workbook.active)
for title, rows in sheets(export_document(User.objects.get(username="bench"))).items():
    sheet = workbook.create_sheet(title)
    for row in rows:
        sheet.append(safe_row(row))
workbook.save(os.environ["BENCH_OUT"])
"""


def guwah(data_dir: Path, *args: str, **extra_env: str) -> dict[str, Any]:
    """Run one command in a process of its own; its own wall and CPU time and peak memory."""
    env = {
        # The published development key: the bench's registry is synthetic and thrown away.
        "GUWAH_MASTER_KEY": DEVELOPMENT_MASTER_KEY,
        **os.environ,
        "GUWAH_DATA_DIR": str(data_dir),
        **extra_env,
    }
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, str(PROJECT / "manage.py"), *args],
            cwd=PROJECT,
            env=env,
            stdout=out,
            stderr=err,
        )
        # wait4 gives this child's own resource use, not the largest of all children so far.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode:
        raise SystemExit(stderr[-2000:] + stdout[-2000:])
    return {
        "seconds": round(seconds, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "summary": stdout.strip().splitlines()[-1][:300] if stdout.strip() else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="guwah-bench-imports-"))
    try:
        data_dir = directory / "data"
        floor_dir = directory / "floor"
        for where in (data_dir, floor_dir):
            guwah(where, "migrate", "--verbosity", "0")
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
        figures: dict[str, Any] = {
            "rows": options.rows,
            "file_mib": round(listing.stat().st_size / 2**20, 1),
            "floor": guwah(
                floor_dir, "shell", "--no-imports", "-c", FLOOR, BENCH_LIST=str(listing)
            ),
            "dry_run": guwah(data_dir, "import", str(listing), "--dry-run", "--as", "bench"),
            "commit": guwah(data_dir, "import", str(listing), "--as", "bench"),
            "again": guwah(data_dir, "import", str(listing), "--as", "bench"),
        }
        for form in ("csv", "json", "xlsx"):
            out = directory / f"export.{form}"
            step = guwah(data_dir, "export", "--format", form, "--as", "bench", str(out))
            step["file_mib"] = round(out.stat().st_size / 2**20, 1)
            figures[f"export_{form}"] = step
        # The peer figure for the streamed workbook: the same sheets in openpyxl's ordinary
        # mode, every cell held until the workbook is saved (as the export was built before).
        out = directory / "whole.xlsx"
        figures["export_xlsx_whole"] = guwah(
            data_dir, "shell", "--no-imports", "-c", WHOLE_XLSX, BENCH_OUT=str(out)
        )
        figures["export_xlsx_whole"]["file_mib"] = round(out.stat().st_size / 2**20, 1)
        commit = figures["commit"]
        commit["rows_per_second"] = round(options.rows / commit["seconds"])
        commit["ratio_to_aim_120_s"] = round(commit["seconds"] / 120, 2)
        commit["ratio_to_floor"] = round(commit["seconds"] / figures["floor"]["seconds"], 1)
        commit["cpu_ratio_to_floor"] = round(
            commit["cpu_seconds"] / figures["floor"]["cpu_seconds"], 1
        )
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
