"""Public memorial benchmark: the pages and API a visitor uses, on a bulk-loaded registry.

    python bench/public.py --persons 1000000 [--data-dir DIR [--reuse]]

A fresh SQLite database (in its own process, since Django's settings are fixed once per process)
is loaded with ``guwah.demo.bulk.write_bulk`` (synthetic families; the generator publishes a
share of them with consent), summarised (``guwah memorial refresh``), analysed, then read
through Django's test client as an anonymous visitor: the name search of the open API and of
the list page (p95 over sampled names), the statistics page cold (its cache emptied) and
cached, and the person page of sampled published persons. Prints JSON.
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


def worker(persons: int, seed: int, reuse: bool) -> dict[str, Any]:
    import django

    django.setup()
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
    call_command("migrate", interactive=False, verbosity=0)
    if not reuse:
        load_gazetteer(None)
        started = time.perf_counter()
        write_bulk(
            SyntheticRegistry(places_for_synthetic_data(), seed=seed), persons, announce_rows=False
        )
        result["load_s"] = round(time.perf_counter() - started, 1)
    # What a bulk load is followed by: the memorial's kept summaries, rewritten in one pass.
    started = time.perf_counter()
    call_command("memorial", "refresh", stdout=io.StringIO())
    result["summary_refresh_s"] = round(time.perf_counter() - started, 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    published = reading.base.published()
    result["published"] = published.count()
    result["persons"] = Person.objects.count()

    client = Client()
    rng = random.Random(seed)
    top = published.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = []
    while len(sample) < 50 and top:
        found = (
            published.filter(pk__gte=rng.randint(1, top))
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if found is not None:
            sample.append(found)
    names = list(
        Name.objects.filter(person_id__in=sample, script="ug-Latn").values_list("text", flat=True)[
            :30
        ]
    )

    def timed(url: str, params: dict[str, Any] | None = None) -> float:
        started = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed

    result["api_search_ms"] = _ms([timed("/memorial/api/v1/persons", {"q": n}) for n in names])
    result["list_search_ms"] = _ms([timed("/memorial/", {"q": n}) for n in names[:10]])
    result["list_unfiltered_ms"] = _ms([timed("/memorial/") for _ in range(3)])
    result["person_page_ms"] = _ms([timed(f"/memorial/{pk}/") for pk in sample])
    cold = []
    for _ in range(2):
        caches["memorial"].clear()
        cold.append(timed("/memorial/statistics/"))
    result["statistics_cold_ms"] = _ms(cold)
    result["statistics_cached_ms"] = _ms([timed("/memorial/statistics/") for _ in range(20)])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--data-dir", default=None, help="keep the SQLite database here")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.persons, args.seed, args.reuse)))
        return
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="guwah.settings", GUWAH_DEBUG="false")
    # A throwaway database needs throwaway keys; given ones are used as they are.
    env.setdefault("GUWAH_SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("GUWAH_MASTER_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    with tempfile.TemporaryDirectory(prefix="guwah-bench-public-") as temporary:
        env["GUWAH_DATA_DIR"] = args.data_dir or temporary
        command = [sys.executable, __file__, "--worker", "--persons", str(args.persons)]
        command += ["--seed", str(args.seed)] + (["--reuse"] if args.reuse else [])
        completed = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if completed.returncode != 0:
        raise SystemExit(f"worker failed\n{completed.stderr[-4000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version()}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
