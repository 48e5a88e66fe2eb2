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

With ``--archive`` it measures the archive instead: the registry of N persons gets a synthetic
PDF of 256 KiB as an evidence item of every hundredth person, is exported with ``guwah export
--format archive`` to a file, and the archive is imported into a second, empty registry, each
step's peak memory its own. ``--project DIR`` runs the steps with another checkout's code (an
earlier version, for the figures before a change).
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
import zipfile
from pathlib import Path
from typing import Any

from guwah.names.match import match_key
from guwah.registry.encryption import DEVELOPMENT_MASTER_KEY
from guwah.registry.synthetic_pools import FEMALE_NAMES, MALE_NAMES

PROJECT = Path(__file__).resolve().parent.parent
# The checkout whose ``manage.py`` runs the steps (``--project``).
CODE = {"project": PROJECT}


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
            [sys.executable, str(CODE["project"] / "manage.py"), *args],
            cwd=CODE["project"],
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


# Evidence files for the archive: a synthetic PDF of 256 KiB (random bytes, which do not
# compress) for every hundredth person, through the registry's service like an upload.
ADD_FILES = """
import os
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from guwah.evidence import log
from guwah.registry import services
from guwah.registry.models import Person
actor = User.objects.get(username="bench")
persons = list(Person.objects.order_by("pk")[:: 100])
for number, person in enumerate(persons):
    body = b"%PDF-1.4\\n%synthetic\\n" + os.urandom(256 * 1024) + b"\\n%%EOF\\n"
    services.add_evidence(
        actor, [person], kind="official_document", title=f"Synthetic notice {number}",
        file=SimpleUploadedFile(f"notice-{number}.pdf", body), synthetic=True,
    )
log.sign_tree_head()
print(len(persons), "files")
"""

MAKE_USER = (
    "from django.contrib.auth.models import Group, User;"
    "u = User.objects.create_user('bench');"
    "u.groups.add(Group.objects.get_or_create(name='documenter')[0])"
)


def _member(archive: Path, name: str) -> bytes:
    with zipfile.ZipFile(archive) as opened:
        return opened.read(name)


def archive_figures(directory: Path, rows: int, restore: bool = True) -> dict[str, Any]:
    """The archive of a registry of ``rows`` persons with files: exported, then (``restore``)
    imported into an empty registry."""
    data_dir = directory / "data"
    empty_dir = directory / "empty"
    for where in (data_dir, empty_dir):
        guwah(where, "migrate", "--verbosity", "0")
        guwah(where, "shell", "--no-imports", "-c", MAKE_USER)
    listing = directory / "list.csv"
    synthetic_list(listing, rows)
    guwah(data_dir, "import", str(listing), "--as", "bench")
    files = guwah(data_dir, "shell", "--no-imports", "-c", ADD_FILES)
    out = directory / "archive.zip"
    export = guwah(data_dir, "export", "--format", "archive", "--as", "bench", str(out))
    export["file_mib"] = round(out.stat().st_size / 2**20, 1)
    if not restore:
        return {"rows": rows, "files": files["summary"], "export_archive": export}
    imported = guwah(empty_dir, "import", str(out), "--as", "bench")
    again = directory / "again.zip"
    guwah(empty_dir, "export", "--format", "archive", "--as", "bench", str(again))
    return {
        "rows": rows,
        "files": files["summary"],
        "export_archive": export,
        "import_archive": imported,
        # The tree heads differ (each registry has its own log); the document must not.
        "round_trip_identical": _member(out, "guwah.json") == _member(again, "guwah.json"),
    }


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load": os.getloadavg(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--archive", action="store_true", help="measure the archive only")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the code to run")
    parser.add_argument(
        "--export-only", action="store_true", help="with --archive: no import of the archive"
    )
    options = parser.parse_args()
    CODE["project"] = options.project.resolve()
    if options.archive:
        directory = Path(tempfile.mkdtemp(prefix="guwah-bench-archive-"))
        try:
            figures = archive_figures(directory, options.rows, not options.export_only)
        finally:
            shutil.rmtree(directory, ignore_errors=True)
        figures["machine"] = _machine()
        print(json.dumps(figures, indent=2))
        return
    directory = Path(tempfile.mkdtemp(prefix="guwah-bench-imports-"))
    try:
        data_dir = directory / "data"
        floor_dir = directory / "floor"
        for where in (data_dir, floor_dir):
            guwah(where, "migrate", "--verbosity", "0")
        guwah(data_dir, "shell", "--no-imports", "-c", MAKE_USER)
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
        figures["machine"] = _machine()
        print(json.dumps(figures, indent=2))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
