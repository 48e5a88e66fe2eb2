"""Registry benchmark: load synthetic persons in bulk, then time the pages documenters use.

    python bench/registry.py --persons 100000 [--persons 1000000] [--database sqlite|postgres|both]

For each size and database, a fresh database is built (a temporary SQLite file, or a
PostgreSQL database ``guwah_bench`` created and dropped here), loaded with
``guwah.demo.bulk.write_bulk`` (persons with names in several scripts, family ties,
events, testimonies and evidence), then read through Django's test client as a signed-in
documenter: the person page of ~50 random persons, and the person list unfiltered, filtered
by prefecture, by prefecture and status, by a given name and by a full name within a
prefecture. Each run happens in its own process, since Django's settings are fixed once per
process. Prints JSON.

``--data-dir DIR`` keeps the SQLite database and ``--keep --pg-name NAME`` the PostgreSQL one;
``--reuse`` then measures the pages again on the kept database without loading it, for work
on the list's queries (``EXPLAIN``) that should not reload a million persons each time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, LiteralString

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432"
BENCH_DB = "guwah_bench"
# The person list's filters as a documenter uses them; ``{prefecture}`` takes each prefecture
# in turn and ``{given}`` / ``{full}`` a name of one of the sampled persons.
LIST_FILTERS = {
    "list_unfiltered_ms": {},
    "list_prefecture_ms": {"place": "{prefecture}"},
    "list_prefecture_status_ms": {"place": "{prefecture}", "status": "sentenced"},
    "list_name_search_ms": {"q": "{given}"},
    "list_name_search_prefecture_ms": {"q": "{full}", "place": "{prefecture}"},
}


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": round(statistics.median(ordered) * 1000, 1),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


def worker(
    persons: int,
    database: str,
    places: str | None,
    seed: int,
    service_persons: int,
    reuse: bool = False,
) -> dict[str, Any]:
    """Build and measure one database; runs in a process whose environment names it."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from guwah.demo.bulk import write_bulk
    from guwah.demo.records import places_for_synthetic_data, write_with_services
    from guwah.registry.models import Event, FamilyTie, Name, Person, Place
    from guwah.registry.places import load_gazetteer
    from guwah.registry.roles import Role
    from guwah.registry.synthetic import SyntheticRegistry

    result: dict[str, Any] = {"database": database, "persons": persons}
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    result["migrate_s"] = round(time.perf_counter() - started, 1)
    if not reuse:
        report = load_gazetteer(Path(places) if places else None)
        result["places"] = report.total

    documenter, _ = get_user_model().objects.get_or_create(username="bench-documenter")
    documenter.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    family, _ = get_user_model().objects.get_or_create(username="bench-family")
    family.groups.add(Group.objects.get_or_create(name=Role.FAMILY.value)[0])

    if reuse:
        # Only the pages are measured again, on a database an earlier run kept.
        result["reused"] = True
        persons = Person.objects.count()
        result["persons"] = persons
    else:
        generator = SyntheticRegistry(places_for_synthetic_data(), seed=seed)
        started = time.perf_counter()
        cpu_started = time.process_time()
        # The transparency log is left out so that the figure is the registry's own.
        # PostgreSQL's per-row foreign-key triggers are skipped (keys are consistent by
        # construction) and every foreign key is checked once afterwards instead.
        written = write_bulk(
            generator,
            persons,
            owners=[family] + [documenter] * 9,
            announce_rows=False,
            skip_foreign_key_triggers=True,
        )
        result["load_s"] = round(time.perf_counter() - started, 1)
        # On a shared machine the wall time depends on the neighbours; this process's own CPU time
        # (generation, row building and, for SQLite, the database engine itself) does not.
        result["load_cpu_s"] = round(time.process_time() - cpu_started, 1)
        started = time.perf_counter()
        result["orphaned_references"] = _orphaned_references(connection)
        result["reference_check_s"] = round(time.perf_counter() - started, 1)
        result["persons_per_s"] = round(persons / max(result["load_s"], 0.001))
        result["rows"] = written.as_dict()

        if service_persons:
            # The peer of the bulk path: the same kind of families written one record at a time
            # through the services, with history rows and transparency-log entries.
            reviewer, _ = get_user_model().objects.get_or_create(username="bench-reviewer")
            reviewer.groups.add(Group.objects.get_or_create(name=Role.REVIEWER.value)[0])
            started = time.perf_counter()
            write_with_services(
                SyntheticRegistry(places_for_synthetic_data(), seed=seed + 1),
                service_persons,
                owners=[documenter],
                documenter=documenter,
                reviewer=reviewer,
            )
            elapsed = time.perf_counter() - started
            result["service_path"] = {
                "persons": service_persons,
                "seconds": round(elapsed, 1),
                "persons_per_s": round(service_persons / elapsed, 1),
            }
            result["bulk_over_service_speed"] = round(
                result["persons_per_s"] / result["service_path"]["persons_per_s"], 1
            )

    # Statistics for the planner, as any bulk load should be followed by; on PostgreSQL also
    # the visibility map (VACUUM), which autovacuum would build soon after such a load and
    # without which counting a table must visit every heap page.
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    result["analyze_s"] = round(time.perf_counter() - started, 1)
    result["counts"] = {
        "persons": Person.objects.count(),
        "names": Name.objects.count(),
        "events": Event.objects.count(),
        "ties": FamilyTie.objects.count(),
    }

    client = Client()
    client.force_login(documenter)
    rng = random.Random(seed)
    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    bottom = Person.objects.order_by("pk").values_list("pk", flat=True).first() or 0
    # Persons with events and ties are the pages that cost the most; pick among them.
    sample_ids = [rng.randint(bottom, top) for _ in range(50)]

    def timed_get(url: str, params: dict[str, str] | None = None) -> float:
        began = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - began
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} {params} answered {response.status_code}")
        return elapsed

    for pk in sample_ids[:3]:  # warm caches, templates and connections
        timed_get(reverse("registry:person_detail", args=[pk]))
    result["person_page_ms"] = _ms(
        [timed_get(reverse("registry:person_detail", args=[pk])) for pk in sample_ids]
    )

    prefectures = list(
        Place.objects.filter(level=Place.Level.PREFECTURE).values_list("pk", flat=True)
    )
    list_url = reverse("registry:person_list")
    common = (
        Name.objects.filter(script="ug-Latn", person_id__in=sample_ids[:10])
        .values_list("text", flat=True)
        .first()
        or "Memet"
    )
    given = common.split()[0]
    for label, template in LIST_FILTERS.items():
        samples: list[float] = []
        # Eleven runs (the first one warms up and is dropped), or fewer for a slow query: at
        # least three, and none started after twenty seconds.
        for i in range(11):
            if i >= 3 and sum(samples) > 20:
                break
            params = {
                key: value.format(
                    prefecture=prefectures[i % len(prefectures)] if prefectures else "",
                    given=given,
                    full=common,
                )
                for key, value in template.items()
                if "{prefecture}" not in value or prefectures
            }
            samples.append(timed_get(list_url, params))
        result[label] = _ms(samples[1:] if len(samples) > 3 else samples)
    result["name_searched"] = {"given": given, "full": common}
    if connection.vendor == "sqlite":
        import sqlite3

        result["sqlite_version"] = sqlite3.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            result["postgresql_version"] = cursor.fetchone()[0]
    return result


def _orphaned_references(connection: Any) -> int:
    """How many foreign keys of the registry's tables point at no row (must be 0)."""
    from django.apps import apps

    orphans = 0
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in apps.get_app_config("registry").get_models(include_auto_created=True):
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                target = field.related_model._meta
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quote(model._meta.db_table)} t "
                    f"WHERE t.{quote(field.column)} IS NOT NULL AND NOT EXISTS "
                    f"(SELECT 1 FROM {quote(target.db_table)} r "
                    f"WHERE r.{quote(target.pk.column)} = t.{quote(field.column)})"
                )
                orphans += cursor.fetchone()[0]
    return orphans


def _run(persons: int, database: str, args: argparse.Namespace) -> dict[str, Any]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "guwah.settings"
    env["GUWAH_DEBUG"] = "false"
    with tempfile.TemporaryDirectory(prefix="guwah-bench-") as temporary_dir:
        env["GUWAH_DATA_DIR"] = args.data_dir or temporary_dir
        if database == "postgres":
            env["DATABASE_URL"] = f"{args.pg_url.rstrip('/')}/{args.pg_name}"
            if not args.reuse:
                _postgres(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_name)
                _postgres(args.pg_url, "CREATE DATABASE {}", args.pg_name)
        elif args.data_dir and not args.reuse:
            for leftover in Path(args.data_dir).glob("guwah.sqlite3*"):
                leftover.unlink()
        command = [
            sys.executable,
            __file__,
            "--worker",
            "--persons",
            str(persons),
            "--database",
            database,
            "--seed",
            str(args.seed),
        ]
        if args.places:
            command += ["--places", args.places]
        if args.service_persons:
            command += ["--service-persons", str(args.service_persons)]
        if args.reuse:
            command += ["--reuse"]
        try:
            completed = subprocess.run(
                command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
            )
        finally:
            if database == "postgres" and not (args.keep or args.reuse):
                _postgres(args.pg_url, "DROP DATABASE IF EXISTS {}", args.pg_name)
    if completed.returncode != 0:
        raise SystemExit(f"{database} {persons}: worker failed\n{completed.stderr[-4000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _postgres(url: str, statement: LiteralString, name: str) -> None:
    """Run ``statement`` with the database ``name`` quoted into its ``{}``."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(f"{url.rstrip('/')}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL(statement).format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, action="append", help="repeatable; default 100000")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG, help="server URL without a database name")
    parser.add_argument("--places", default=None, help="gazetteer CSV (default: shared data)")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--pg-name", default=BENCH_DB, help="the PostgreSQL database's name")
    parser.add_argument(
        "--data-dir", default=None, help="keep the SQLite database in this directory"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the pages again on a database kept by --keep or --data-dir, without loading",
    )
    parser.add_argument(
        "--service-persons",
        type=int,
        default=0,
        help="also write this many persons through the services, as the bulk path's peer",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.persons or [100_000]

    if args.worker:
        result = worker(
            sizes[0], args.database, args.places, args.seed, args.service_persons, args.reuse
        )
        print(json.dumps(result))
        return

    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    runs = []
    for persons in sizes:
        for database in databases:
            run = _run(persons, database, args)
            runs.append(run)
            print(json.dumps(run), file=sys.stderr)
    comparisons = []
    for persons in sizes:
        by_db = {run["database"]: run for run in runs if run["persons"] == persons}
        if {"sqlite", "postgres"} <= by_db.keys():
            sqlite, postgres = by_db["sqlite"], by_db["postgres"]
            comparison: dict[str, Any] = {"persons": persons}
            if "load_s" in sqlite and "load_s" in postgres:
                comparison["load_postgres_over_sqlite"] = round(
                    postgres["load_s"] / sqlite["load_s"], 2
                )
            for label in ("person_page_ms", *LIST_FILTERS):
                comparison[f"{label[:-3]}_postgres_over_sqlite"] = round(
                    postgres[label]["median"] / sqlite[label]["median"], 2
                )
            comparisons.append(comparison)
    print(
        json.dumps(
            {
                "benchmark": "registry",
                "date": time.strftime("%Y-%m-%d"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "platform": platform.platform(),
                },
                "runs": runs,
                "comparisons": comparisons,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
