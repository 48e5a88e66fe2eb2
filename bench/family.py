"""Server time of a family entering 35 relatives on her tree, beside the registry's one-form peer.

Through Django's test Client (full middleware stack, a fresh SQLite database in a temporary
directory), a family member keeps 35 synthetic relatives one by one as drafts (five children,
each with a spouse and five children), renders her tree, and sends them; the peer, in the same
process, is the registry's "add relatives" screen receiving the same 35 rows in one POST. The
browser journey (guwah/family/tests/test_browser_grandmother_records_her_family.py) writes the
page loads and fields it counted to test-artifacts/family/journey.json; they are included when
present.

    .venv/bin/python bench/family.py [--rounds 3]

Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="guwah-bench-family-"))
    os.environ["GUWAH_DATA_DIR"] = str(workdir)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("GUWAH_DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guwah.settings")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.test import Client

    from guwah.registry import services
    from guwah.registry.roles import Role

    call_command("migrate", verbosity=0)
    family = Group.objects.get_or_create(name=Role.FAMILY.value)[0]
    rounds: list[dict[str, float]] = []
    for number in range(args.rounds):
        user = get_user_model().objects.create_user(f"bench-family-{number}")
        user.groups.add(family)
        client = Client()
        client.force_login(user)
        saves = []
        start_all = time.perf_counter()
        for child in range(5):
            start = time.perf_counter()
            answer = client.post(
                "/family/relatives/",
                {"anchor": "me", "edge": "child", "name": f"Synthetic {child}", "sex": "m"},
                HTTP_X_REQUESTED_WITH="fetch",
            )
            saves.append(_ms(start))
            key = answer.json()["key"]
            for edge, count in (("spouse", 1), ("child", 5)):
                for other in range(count):
                    start = time.perf_counter()
                    client.post(
                        "/family/relatives/",
                        {"anchor": key, "edge": edge, "name": f"Synthetic {child}-{edge}{other}"},
                        HTTP_X_REQUESTED_WITH="fetch",
                    )
                    saves.append(_ms(start))
        drafts_ms = _ms(start_all)
        start = time.perf_counter()
        client.get("/family/")
        tree_drafts_ms = _ms(start)
        start = time.perf_counter()
        client.post("/family/send/")
        send_ms = _ms(start)
        start = time.perf_counter()
        client.get("/family/")
        tree_sent_ms = _ms(start)

        # The peer: the registry's quick screen, the same 35 rows in one POST.
        peer_user = get_user_model().objects.create_user(f"bench-peer-{number}")
        peer_user.groups.add(family)
        me = services.create_person(
            peer_user, names=[{"text": "Synthetic grandmother", "script": "und-Latn"}]
        )
        peer = Client()
        peer.force_login(peer_user)
        rows: dict[str, Any] = {
            "relatives-TOTAL_FORMS": "35",
            "relatives-INITIAL_FORMS": "0",
            "relatives-MIN_NUM_FORMS": "0",
            "relatives-MAX_NUM_FORMS": "60",
        }
        for row in range(35):
            rows[f"relatives-{row}-name"] = f"Synthetic peer {row}"
            rows[f"relatives-{row}-relation"] = "child"
        start = time.perf_counter()
        response = peer.post(f"/registry/people/{me.pk}/relatives/new/", rows)
        peer_ms = _ms(start)
        assert response.status_code == 302, response.status_code
        rounds.append(
            {
                "draft_save_median_ms": statistics.median(saves),
                "drafts_35_total_ms": drafts_ms,
                "tree_with_35_drafts_ms": tree_drafts_ms,
                "send_35_ms": send_ms,
                "tree_with_35_sent_ms": tree_sent_ms,
                "peer_one_post_35_rows_ms": peer_ms,
            }
        )
    summary = {key: statistics.median(r[key] for r in rounds) for key in rounds[0]}
    summary["family_total_ms"] = round(summary["drafts_35_total_ms"] + summary["send_35_ms"], 2)
    summary["family_total_over_peer"] = round(
        summary["family_total_ms"] / summary["peer_one_post_35_rows_ms"], 2
    )
    journey = ROOT / "test-artifacts" / "family" / "journey.json"
    print(
        json.dumps(
            {
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "rounds": args.rounds,
                "summary": summary,
                "browser_journey": json.loads(journey.read_text()) if journey.exists() else None,
            },
            indent=2,
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
