"""The UN path's batch, beside its practical limit (a minute for a grandmother's 35 relatives);
prints JSON.

A synthetic family of 35 relatives of one witness, each recorded as the Working Group asks (names
in Uyghur Latin and Arabic script and Chinese, a dated detention in a named camp, the case file,
the family's consents), one of them urgent and the others connected to it. The figure is the
web path a family takes: a signed-in POST of the case page's batch form to ``un:batch``, through
Django's test client, returning the ZIP of 35 WGEID documents and the covering summary; DOCX
and PDF, English and French. SQLite in a temporary directory removed afterwards.

    nice .venv/bin/python bench/un.py [--relatives 35]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import tempfile
import time
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 60.0


def _setup_django(data_dir: Path) -> None:
    os.environ["GUWAH_DATA_DIR"] = str(data_dir)
    os.environ["GUWAH_LOG_KEY_PATH"] = str(data_dir / "keys" / "log.pem")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "guwah.settings"
    os.environ.setdefault("GUWAH_DEBUG", "true")
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _family(size: int) -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from guwah.registry import services
    from guwah.registry.models import Facility, FamilyTie, Place
    from guwah.registry.roles import Role
    from guwah.un import services as un_services

    owner = get_user_model().objects.create_user("bench-family", password="synthetic-bench")  # noqa: S106  (synthetic account)
    owner.groups.add(Group.objects.get_or_create(name=Role.FAMILY.value)[0])
    kashgar = Place.objects.create(
        code="653100", level=Place.Level.PREFECTURE, name_en="Kashgar", name_ug_arab="قەشقەر"
    )
    camp = Facility.objects.create(
        kind=Facility.Kind.CAMP, name_en="Camp (synthetic)", name_zh="教培中心", place=kashgar
    )
    witness = services.create_person(
        owner, names=[{"text": "Zohre Tursun", "script": "ug-Latn"}], synthetic=True
    )
    for number in range(size):
        relative = services.create_person(
            owner,
            names=[
                {"text": f"Ablikim Tursun {number}", "script": "ug-Latn"},
                {"text": "ئابلىكىم تۇرسۇن", "script": "ug-Arab", "kind": "alias"},
                {"text": "阿布力克木·吐尔逊", "script": "zh-Hans", "kind": "official_zh"},
            ],
            sex="m",
            birth_date="1984",
            consent_share_un=True,
            synthetic=True,
        )
        taken = "2026-11" if number == 0 else f"2026-{1 + number % 9:02d}"
        services.add_event(owner, relative, kind="camp", date=taken, facility=camp)
        un_services.save_case_file(
            owner,
            relative,
            forces_responsible="Public Security Bureau of Kashgar Prefecture",
            steps_taken="Letter to the Public Security Bureau, unanswered (synthetic)",
            submitter_name="Zohre Tursun",
            submitter_contact="family@example.org",
            family_knows_transmission=True,
            reprisal_risk="Assessed with the family (synthetic).",
        )
        services.add_family_tie(owner, witness, relative, FamilyTie.Relation.CHILD)
    return owner, witness


def _post(owner: Any, witness: Any, file_format: str, language: str) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from guwah.un import documents

    client = Client()
    client.force_login(owner)
    relatives = [person.pk for person in documents.relatives_of(owner, witness)]
    started = time.perf_counter()
    response = client.post(
        reverse("un:batch", kwargs={"pk": witness.pk}),
        {"persons": relatives, "language": language, "format": file_format},
        HTTP_HOST="localhost",
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        files = archive.namelist()
    return {
        "format": file_format,
        "language": language,
        "relatives": len(relatives),
        "documents": len([name for name in files if name.startswith("wgeid-")]),
        "zip_bytes": len(response.content),
        "seconds": round(elapsed, 2),
        "limit_seconds": LIMIT_SECONDS,
        "ratio_to_limit": round(elapsed / LIMIT_SECONDS, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relatives", type=int, default=35)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guwah-bench-un-") as work:
        _setup_django(Path(work) / "data")
        from django.test.utils import setup_test_environment

        setup_test_environment()
        owner, witness = _family(arguments.relatives)
        runs = [
            _post(owner, witness, file_format, language)
            for file_format, language in (("docx", "en"), ("docx", "fr"), ("pdf", "en"))
        ]
    print(
        json.dumps(
            {
                "benchmark": "un_batch_web",
                "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python "
                f"{platform.python_version()}",
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "synthetic": True,
                "as_of": date.today().isoformat(),
                "runs": runs,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
