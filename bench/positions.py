"""Render time of the state-positions pages with the whole packaged record loaded.

Each page is requested many times through Django's test Client (the full middleware stack, a
fresh SQLite database in a temporary directory) and the median is reported, side by side with
two peers measured in the same process: the JSON API answering the same question, and the same
HTML served as a plain file read from disk (the floor a cache in front of the page could reach).

    .venv/bin/python bench/positions.py [--requests 200]

Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _median_ms(action: Callable[[], object], requests: int) -> float:
    action()  # warm caches (templates, translations, the query planner) once
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return round(statistics.median(timings) * 1000, 3)


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], *args: Any) -> Any:
        self.count += 1
        return execute(*args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="guwah-bench-positions-"))
    os.environ["GUWAH_DATA_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guwah.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from guwah.positions import services
    from guwah.positions.models import Instrument, Membership, Position
    from guwah.registry.roles import Role

    call_command("migrate", verbosity=0)
    # A load is an edit like any other and is recorded under an editor's account.
    editor, _created = get_user_model().objects.get_or_create(username="bench-documenter")
    editor.groups.add(Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0])
    services.load(editor, services.PACKAGED_POSITIONS)
    services.load_groups(editor, services.PACKAGED_GROUPS)
    client = Client()

    pages = {
        "map (whole record)": ("/positions/", "/positions/api/map.json"),
        "map (HRC51 vote)": (
            "/positions/?show=HRC51-L6-vote",
            "/positions/api/map.json?show=HRC51-L6-vote",
        ),
        "state (France)": ("/positions/states/FRA/", "/positions/api/states/FRA.json"),
        "instrument (HRC51 vote)": (
            "/positions/instruments/HRC51-L6-vote/",
            "/positions/api/instruments/HRC51-L6-vote.json",
        ),
        "timeline": ("/positions/timeline/", "/positions/api/instruments.json"),
        "group (OIC)": ("/positions/groups/OIC/", "/positions/api/groups/OIC.json"),
        "group (OIC on the HRC51 vote)": (
            "/positions/groups/OIC/?show=HRC51-L6-vote",
            "/positions/api/groups/OIC.json",
        ),
        "council (2022)": (
            "/positions/groups/HRC/2022/",
            "/positions/api/groups/HRC.json?year=2022",
        ),
        "groups side by side": ("/positions/groups/", "/positions/api/groups/AU.json"),
        "letter (Egypt)": ("/positions/states/EGY/letter/", "/positions/api/states/EGY.json"),
    }
    results: list[dict[str, Any]] = []
    for name, (html_url, json_url) in pages.items():
        response = client.get(html_url)
        assert response.status_code == 200, (html_url, response.status_code)
        static_copy = workdir / f"{len(results)}.html"
        static_copy.write_bytes(response.content)
        queries = _QueryCounter()
        with connection.execute_wrapper(queries):
            client.get(html_url)
        html_ms = _median_ms(lambda url=html_url: client.get(url), args.requests)
        json_ms = _median_ms(lambda url=json_url: client.get(url), args.requests)
        file_ms = _median_ms(static_copy.read_bytes, args.requests)
        results.append(
            {
                "page": name,
                "url": html_url,
                "html_bytes": len(response.content),
                "queries": queries.count,
                "html_median_ms": html_ms,
                "json_api_median_ms": json_ms,
                "static_file_read_median_ms": file_ms,
                "html_over_json_api": round(html_ms / json_ms, 2),
                "html_over_static_file": round(html_ms / file_ms, 1),
                "under_100_ms": html_ms < 100,
            }
        )

    shutil.rmtree(workdir, ignore_errors=True)
    print(
        json.dumps(
            {
                "benchmark": "positions page render",
                "date": time.strftime("%Y-%m-%d", time.gmtime()),
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "database": "SQLite (temporary file)",
                },
                "requests_per_measurement": args.requests,
                "data": {
                    "instruments": Instrument.objects.count(),
                    "positions": Position.objects.count(),
                    "memberships": Membership.objects.count(),
                },
                "results": results,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
