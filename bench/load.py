"""Public memorial under load: locust against gunicorn with 2 workers, beside the same pages
served as static files by the same server (the practical limit).

    python bench/load.py [--persons 2000] [--data-dir DIR] [--run-time 30] [--users 50]

1. A setup process makes (or, with ``--data-dir`` holding a registry, reuses) a SQLite registry
   bulk-loaded with ``guwah.demo.bulk.write_bulk`` (synthetic; the generator publishes about one
   person in twenty, with consent), refreshes the memorial's summaries, samples published persons
   and renders, through Django's test client as an anonymous visitor, each page the load test
   asks for (person pages, the memorial list, a name search, the statistics). Each rendered page
   is written under ``STATIC_ROOT/loadtest/`` so that WhiteNoise serves the very same bytes.
2. gunicorn serves ``guwah.wsgi`` with 2 sync workers on a free port of 127.0.0.1, with DEBUG
   off (production settings; WhiteNoise in the middleware stack).
3. For each page kind, locust (headless, its own process, FastHttpUser, no wait between
   requests) runs ``--users`` users for ``--run-time`` seconds against the Guwah pages, then
   against their static copies, with at most ``--max-requests`` requests per run.
4. gunicorn is stopped by its PID. Prints JSON: requests/s, median, p95 and failures per page
   kind and target, and the ratio Guwah ÷ static.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
import os
import platform
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from public import sample_published  # bench/public.py, beside this file

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KINDS = ("person", "list", "search", "statistics")
STATIC_PREFIX = "loadtest"


def setup(persons: int, seed: int, pages: int) -> dict[str, Any]:
    """Make or reuse the registry, render the pages under test, and list them."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from guwah.demo.bulk import write_bulk
    from guwah.demo.records import places_for_synthetic_data
    from guwah.public import reading
    from guwah.registry.models import Name, Person
    from guwah.registry.places import load_gazetteer
    from guwah.registry.synthetic import SyntheticRegistry

    result: dict[str, Any] = {"database": connection.vendor}
    call_command("migrate", interactive=False, verbosity=0)
    if not Person.objects.exists():
        load_gazetteer(None)
        started = time.perf_counter()
        write_bulk(
            SyntheticRegistry(places_for_synthetic_data(), seed=seed), persons, announce_rows=False
        )
        result["load_s"] = round(time.perf_counter() - started, 1)
        call_command("memorial", "refresh", stdout=io.StringIO())
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    published = reading.base.published()
    result["persons"] = Person.objects.count()
    result["published"] = published.count()

    # The same sampling as bench/public.py, each page once.
    sample = set(sample_published(published, random.Random(seed), pages))
    names = list(
        Name.objects.filter(person_id__in=sample, script="ug-Latn").values_list("text", flat=True)[
            :20
        ]
    )
    wanted: dict[str, list[str]] = {
        "person": [f"/memorial/{pk}/" for pk in sorted(sample)],
        "list": ["/memorial/"],
        "search": [f"/memorial/?q={urllib.parse.quote(name)}" for name in names],
        "statistics": ["/memorial/statistics/"],
    }
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    out_dir = Path(settings.STATIC_ROOT) / STATIC_PREFIX
    pairs: dict[str, list[list[str]]] = {}
    for kind, urls in wanted.items():
        (out_dir / kind).mkdir(parents=True, exist_ok=True)
        pairs[kind] = []
        for number, url in enumerate(urls):
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            (out_dir / kind / f"{number}.html").write_bytes(response.content)
            static_url = f"/{settings.STATIC_URL.strip('/')}/{STATIC_PREFIX}/{kind}/{number}.html"
            pairs[kind].append([url, static_url])
    result["pages"] = pairs
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> int:
    # Only ever http://127.0.0.1, built here from the port this bench started its server on.
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310
        response.read()
        return int(response.status)


def _wait_until_serving(base: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            if _get(f"{base}/memorial/statistics/") == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time")


def _locust(
    base: str, urls: list[str], name: str, target: str, args: argparse.Namespace, work: Path
) -> dict[str, Any]:
    """One headless locust run against ``urls``; its figures from locust's CSV summary."""
    url_file = work / f"{name}-{target}.json"
    url_file.write_text(json.dumps(urls))
    prefix = work / f"{name}-{target}"
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--only-summary",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.run_time}s",
        "--stop-timeout",
        "5",
        "--host",
        base,
        "--csv",
        str(prefix),
        "--loglevel",
        "WARNING",
    ]
    env = dict(os.environ, GUWAH_LOAD_URLS=str(url_file), GUWAH_LOAD_NAME=name)
    env["GUWAH_LOAD_MAX_REQUESTS"] = str(args.max_requests)
    # Bounded twice: locust's own run time, and a hard limit on the process.
    subprocess.run(
        command,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=args.run_time + 60,
        check=False,
    )
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    row = rows[name]
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "requests_per_s": round(float(row["Requests/s"]), 1),
        "median_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "bytes_per_response": int(float(row["Average Content Size"])),
    }


def _keys(data_dir: Path | None, env: dict[str, str]) -> dict[str, str]:
    """Keys given in the environment are used as they are; otherwise a throwaway registry gets
    throwaway keys, and a kept one the keys it was made with (kept beside it, synthetic data)."""
    keys = {name: env[name] for name in ("GUWAH_SECRET_KEY", "GUWAH_MASTER_KEY") if name in env}
    kept = data_dir / "bench-load-keys.json" if data_dir else None
    if kept is not None and kept.exists():
        keys = {**json.loads(kept.read_text()), **keys}
    if data_dir is not None and (data_dir / "guwah.sqlite3").exists() and len(keys) < 2:
        raise SystemExit(
            f"{data_dir} holds a registry: give GUWAH_SECRET_KEY and GUWAH_MASTER_KEY, the keys "
            "it was made with, in the environment"
        )
    made_here = not keys
    keys.setdefault("GUWAH_SECRET_KEY", secrets.token_urlsafe(50))
    keys.setdefault("GUWAH_MASTER_KEY", base64.b64encode(secrets.token_bytes(32)).decode())
    # Only keys made here are kept; keys given in the environment are never written down.
    if kept is not None and made_here:
        kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        kept.touch(mode=0o600)
        kept.write_text(json.dumps(keys))
    return keys


def _load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def _version(program: str) -> str:
    completed = subprocess.run(
        [str(BIN / program), "--version"], capture_output=True, text=True, check=False
    )
    return (completed.stdout or completed.stderr).strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=2000, help="for a new registry")
    parser.add_argument("--seed", type=int, default=2017)
    parser.add_argument("--data-dir", default=None, help="keep (or reuse) the registry here")
    parser.add_argument("--pages", type=int, default=100, help="person pages sampled")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--run-time", type=int, default=30, help="seconds per locust run")
    parser.add_argument("--max-requests", type=int, default=60000, help="cap per locust run")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--kinds", default=",".join(KINDS), help="page kinds to load")
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup(args.persons, args.seed, args.pages)))
        return
    kinds = [kind for kind in args.kinds.split(",") if kind]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown page kinds: {', '.join(sorted(unknown))}")

    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(DJANGO_SETTINGS_MODULE="guwah.settings", GUWAH_DEBUG="false")
    env.update(_keys(Path(args.data_dir) if args.data_dir else None, env))
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "gunicorn": _version("gunicorn"),
        "locust": _version("locust"),
        "users": args.users,
        "workers": args.workers,
        "run_time_s": args.run_time,
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    with tempfile.TemporaryDirectory(prefix="guwah-bench-load-") as temporary:
        work = Path(temporary)
        env["GUWAH_DATA_DIR"] = args.data_dir or str(work / "data")
        command = [sys.executable, __file__, "--setup", "--persons", str(args.persons)]
        command += ["--seed", str(args.seed), "--pages", str(args.pages)]
        completed = subprocess.run(
            command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
        )
        if completed.returncode != 0:
            raise SystemExit(f"setup failed\n{completed.stderr[-4000:]}")
        prepared = json.loads(completed.stdout.strip().splitlines()[-1])
        pages = prepared.pop("pages")
        result.update(prepared)

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        log = (work / "gunicorn.log").open("wb")
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "guwah.wsgi",
                "--workers",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--backlog",
                "256",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_until_serving(base, server)
            # Warm both workers: the first visit to each page renders it.
            for kind in kinds:
                for url, _ in pages[kind]:
                    for _ in range(args.workers):
                        _get(f"{base}{url}")
            result["load_average_before"] = _load_average()
            figures: dict[str, Any] = {}
            for kind in kinds:
                guwah = _locust(base, [u for u, _ in pages[kind]], kind, "guwah", args, work)
                static = _locust(base, [s for _, s in pages[kind]], kind, "static", args, work)
                figures[kind] = {
                    "pages": len(pages[kind]),
                    "guwah": guwah,
                    "static": static,
                    "static_over_guwah_requests_per_s": (
                        round(static["requests_per_s"] / guwah["requests_per_s"], 1)
                        if guwah["requests_per_s"]
                        else None
                    ),
                    "load_average": _load_average(),
                }
            result["kinds"] = figures
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
        result["load_average_after"] = _load_average()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
