"""Public memorial benchmark: the pages and API a visitor uses, on a bulk-loaded registry.

    python bench/public.py --persons 1000000 [--data-dir DIR [--reuse]] [--load-only]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/guwah_bench_public \
        python bench/public.py --persons 1000000 [--reuse] [--keep]

A fresh database (in its own process, since Django's settings are fixed once per process) is
loaded with ``guwah.demo.bulk.write_bulk`` (synthetic families; the generator publishes a share
of them with consent), summarised (``guwah memorial refresh``), analysed, then read through
Django's test client as an anonymous visitor: the name search of the open API and of the list
page (p95 over sampled names), the statistics page cold (its cache emptied) and cached, and the
person page of sampled published persons. Prints JSON.

SQLite by default (in ``--data-dir``, or a temporary directory). With ``DATABASE_URL`` set to a
PostgreSQL database, that database is created for the run and dropped after it, unless
``--reuse`` (measure a database loaded before: it is neither created nor dropped) or ``--keep``
(keep it for a later ``--reuse``). ``--load-only`` loads (or, with ``--reuse``, only
summarises) and stops.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _ms(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": round(statistics.median(ordered) * 1000, 1),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max": round(ordered[-1] * 1000, 1),
        "n": len(ordered),
    }


def sample_published(published: Any, rng: random.Random, count: int) -> list[int]:
    """Up to ``count`` published persons' keys, each the first at or after a random key (so a
    bulk-loaded registry of a million is sampled without reading it); also read by
    ``bench/load.py``."""
    top = published.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample: list[int] = []
    while len(sample) < count and top:
        found = (
            published.filter(pk__gte=rng.randint(1, top))
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            sample.append(found)
    return sample


def worker(persons: int, seed: int, reuse: bool, load_only: bool) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from guwah.demo.bulk import write_bulk
    from guwah.demo.records import places_for_synthetic_data
    from guwah.public import reading
    from guwah.registry.models import Name, Person
    from guwah.registry.places import load_gazetteer
    from guwah.registry.synthetic import SyntheticRegistry

    result: dict[str, Any] = {"persons": persons, "database": connection.vendor}
    result["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    call_command("migrate", interactive=False, verbosity=0)
    if not reuse:
        load_gazetteer(None)
        started = time.perf_counter()
        write_bulk(
            SyntheticRegistry(places_for_synthetic_data(), seed=seed),
            persons,
            announce_rows=False,
            # Fewer, larger transactions; on PostgreSQL the foreign-key triggers are off for
            # the copied rows, so the keys are checked below, once.
            batch_persons=50_000,
            skip_foreign_key_triggers=True,
        )
        result["load_s"] = round(time.perf_counter() - started, 1)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM registry_event e"
                    " LEFT JOIN registry_person p ON p.id = e.person_id WHERE p.id IS NULL"
                )
                orphans = cursor.fetchone()[0]
            assert orphans == 0, f"{orphans} events point at no person"
    # The planner's statistics first: without them PostgreSQL plans the summaries' per-person
    # subqueries over freshly copied tables as scans of every event.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # What a bulk load is followed by: the memorial's kept summaries, rewritten in one pass (on
    # a kept database only if they are not complete).
    from guwah.public import summaries

    if not reuse or not (summaries.complete() and summaries.names_complete()):
        started = time.perf_counter()
        call_command("memorial", "refresh", stdout=io.StringIO())
        result["summary_refresh_s"] = round(time.perf_counter() - started, 1)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if load_only:
        return result
    published = reading.base.published()
    result["published"] = published.count()
    result["persons"] = Person.objects.count()

    client = Client()
    sample = sample_published(published, random.Random(seed), 50)
    names = list(
        Name.objects.filter(person_id__in=sample, script="ug-Latn").values_list("text", flat=True)[
            :30
        ]
    )

    # The CPU time of this process beside the wall time: on a shared machine the wall time is
    # mostly waiting for a core; on SQLite (in-process) the CPU time includes the queries'.
    cpu_of: dict[float, float] = {}
    walls: dict[str, list[float]] = {}

    def record(key: str, samples: list[float]) -> None:
        walls[key] = samples
        result[key] = _ms(samples)

    def timed(url: str, params: dict[str, Any] | None = None) -> float:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - started
        cpu_of[elapsed] = time.process_time() - cpu
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed

    # The first request of a process loads the translations and templates: not measured.
    timed("/memorial/api/v1/persons", {"q": "warm"})
    timed("/memorial/", {"q": "warm"})
    record("api_search_ms", [timed("/memorial/api/v1/persons", {"q": n}) for n in names])
    record("list_search_ms", [timed("/memorial/", {"q": n}) for n in names[:10]])

    def empty_caches() -> None:
        caches["memorial"].clear()
        if "pages" in settings.CACHES:  # rendered pages kept for visitors, when configured
            caches["pages"].clear()

    unfiltered = []
    for _ in range(3):
        empty_caches()
        unfiltered.append(timed("/memorial/"))
    # The list unfiltered with its ten facets counted over every published person.
    record("list_unfiltered_cold_ms", unfiltered)
    record("person_page_ms", [timed(f"/memorial/{pk}/") for pk in sample])
    cold = []
    for _ in range(3):
        empty_caches()
        cold.append(timed("/memorial/statistics/"))
    record("statistics_cold_ms", cold)
    record("statistics_cached_ms", [timed("/memorial/statistics/") for _ in range(20)])
    for key in list(walls):
        result[key.removesuffix("_ms") + "_cpu_ms"] = _ms([cpu_of[wall] for wall in walls[key]])
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def _postgres(url: str, sql: str) -> None:
    """Run ``sql`` (CREATE or DROP DATABASE) on the server of ``url``, outside a transaction."""
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--data-dir", default=None, help="keep the SQLite database here")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--load-only", action="store_true", help="load and summarise, no reads")
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL database for --reuse"
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.persons, args.seed, args.reuse, args.load_only)))
        return
    env = dict(os.environ)
    url = env.get("DATABASE_URL", "")
    if url and not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL: only a PostgreSQL database (postgres://...) is measured")
    database = url.rsplit("/", 1)[-1] if url else ""
    if url and not database.replace("_", "").isalnum():
        raise SystemExit(f"DATABASE_URL: {database!r} is not a plain database name")
    if url and not args.reuse:
        _postgres(url, f'CREATE DATABASE "{database}"')
    env.update(DJANGO_SETTINGS_MODULE="guwah.settings", GUWAH_DEBUG="false")
    # A throwaway database needs throwaway keys; given ones are used as they are.
    env.setdefault("GUWAH_SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("GUWAH_MASTER_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    with tempfile.TemporaryDirectory(prefix="guwah-bench-public-") as temporary:
        env["GUWAH_DATA_DIR"] = args.data_dir or temporary
        command = [sys.executable, __file__, "--worker", "--persons", str(args.persons)]
        command += ["--seed", str(args.seed)] + (["--reuse"] if args.reuse else [])
        command += ["--load-only"] if args.load_only else []
        try:
            completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
        finally:
            if url and not (args.reuse or args.keep or args.load_only):
                _postgres(url, f'DROP DATABASE "{database}"')
    if completed.returncode != 0:
        raise SystemExit(f"worker failed\n{completed.stderr[-4000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
