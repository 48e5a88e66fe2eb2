"""Compartments benchmark: what the access policy's compartment filter costs a documenter.

    python bench/compartments.py [--persons 100000] [--repeat 20]

A fresh SQLite database (a temporary directory) is migrated and filled with synthetic rows
inserted directly (persons, testimonies about them, teams, case assignments and grants; the
transparency log and history are left out, as in the other benchmarks' bulk loads). Then, for a
documenter in one of 10 teams, the queries every registry page starts from are timed: the first
page of 50 persons and their count through ``access.persons_visible_to`` (with compartments),
the same through an unfiltered queryset (what staff ran before compartments: the peer), the
count of visible testimonies, and one ``can_view_person`` on a restricted case. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEAMS = 10
STAFF_PER_TEAM = 4
FAMILIES = 200


def _ms(function: Callable[[], Any], repeat: int) -> dict[str, float]:
    function()  # warm the caches once
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    ordered = sorted(samples)
    return {
        "median": round(statistics.median(ordered) * 1000, 2),
        "p90": round(ordered[int(0.9 * (len(ordered) - 1))] * 1000, 2),
        "n": len(ordered),
    }


def run(persons: int, repeat: int, seed: int) -> dict[str, Any]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection, transaction

    from guwah.registry import access
    from guwah.registry.models import (
        CaseAccess,
        CaseTeam,
        Person,
        Team,
        Testimony,
        Visibility,
    )
    from guwah.registry.roles import Role

    rng = random.Random(seed)
    call_command("migrate", interactive=False, verbosity=0)
    documenters = Group.objects.get_or_create(name=Role.DOCUMENTER.value)[0]
    families_group = Group.objects.get_or_create(name=Role.FAMILY.value)[0]
    users = get_user_model().objects
    staff = [users.create_user(f"bench-staff-{n}") for n in range(TEAMS * STAFF_PER_TEAM)]
    families = [users.create_user(f"bench-family-{n}") for n in range(FAMILIES)]
    for user in staff:
        user.groups.add(documenters)
    for user in families:
        user.groups.add(families_group)
    teams = [Team.objects.create(name=f"Team {n} (synthetic)") for n in range(TEAMS)]
    for number, team in enumerate(teams):
        team.members.set(staff[number * STAFF_PER_TEAM : (number + 1) * STAFF_PER_TEAM])

    started = time.perf_counter()
    with transaction.atomic():
        rows = [
            Person(
                created_by=rng.choice(families) if rng.random() < 0.7 else rng.choice(staff),
                visibility=Visibility.RESTRICTED if rng.random() < 0.8 else Visibility.INTERNAL,
                synthetic=True,
            )
            for _ in range(persons)
        ]
        Person.objects.bulk_create(rows, batch_size=5000)
        keys = list(Person.objects.values_list("pk", flat=True))
        CaseTeam.objects.bulk_create(
            [CaseTeam(person_id=pk, team=rng.choice(teams)) for pk in keys if rng.random() < 0.6],
            batch_size=5000,
        )
        CaseAccess.objects.bulk_create(
            [
                CaseAccess(person_id=pk, user=rng.choice(staff), reason="Synthetic")
                for pk in rng.sample(keys, min(1000, len(keys)))
            ],
            batch_size=5000,
            ignore_conflicts=True,
        )
        testimonies = Testimony.objects.bulk_create(
            [
                Testimony(witness_name="Synthetic witness", synthetic=True)
                for _ in range(persons // 5)
            ],
            batch_size=5000,
        )
        Testimony.persons.through.objects.bulk_create(
            [
                Testimony.persons.through(testimony_id=t.pk, person_id=rng.choice(keys))
                for t in testimonies
            ],
            batch_size=5000,
        )
    load_s = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    reader = users.get(pk=staff[0].pk)
    outside = (
        Person.objects.filter(visibility=Visibility.RESTRICTED, case_team__team=teams[-1])
        .exclude(access_grants__user=reader)
        .first()
    )
    assert outside is not None

    def first_page(queryset: Any) -> Callable[[], Any]:
        return lambda: list(queryset.order_by("-pk")[:50])

    def visible() -> Any:
        return access.persons_visible_to(users.get(pk=reader.pk))

    result: dict[str, Any] = {
        "persons": persons,
        "testimonies": len(testimonies),
        "teams": TEAMS,
        "load_s": round(load_s, 1),
        "visible_persons": visible().count(),
        "first_page_ms": _ms(first_page(visible()), repeat),
        "first_page_unfiltered_ms": _ms(first_page(Person.objects.all()), repeat),
        "count_ms": _ms(lambda: visible().count(), repeat),
        "count_unfiltered_ms": _ms(lambda: Person.objects.count(), repeat),
        "testimony_count_ms": _ms(
            lambda: access.testimonies_visible_to(users.get(pk=reader.pk)).count(), repeat
        ),
        "testimony_count_unfiltered_ms": _ms(lambda: Testimony.objects.count(), repeat),
        "can_view_person_ms": _ms(
            lambda: access.can_view_person(users.get(pk=reader.pk), outside), repeat
        ),
    }
    assert not access.can_view_person(reader, outside)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2017)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guwah-bench-compartments-") as data_dir:
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "guwah.settings",
                "GUWAH_DATA_DIR": data_dir,
                "GUWAH_SECRET_KEY": secrets.token_urlsafe(50),
                "GUWAH_ALLOW_INSECURE_KEY": "true",
                "GUWAH_LOG_HEADS_DIR": str(Path(data_dir) / "heads"),
                "GUWAH_LOG_KEY_PATH": str(Path(data_dir) / "keys" / "log.pem"),
            }
        )
        os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        result = run(args.persons, args.repeat, args.seed)
    result["machine"] = {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
