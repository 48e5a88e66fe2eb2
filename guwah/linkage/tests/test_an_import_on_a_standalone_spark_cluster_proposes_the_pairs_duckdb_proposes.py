"""``guwah link import --engine spark --spark-master spark://...`` on a real standalone cluster.

A master and one worker are started as separate Java processes on free ports (as on a cluster
of machines, they talk over the network), a list is imported through them, and the same list
imported on DuckDB must propose the same pairs. The processes are stopped afterwards.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from guwah.linkage import services, synthetic
from guwah.linkage.models import CandidatePair
from guwah.linkage.spark_cluster import local_cluster
from guwah.names import match as names_engine
from guwah.registry.models import Name, Person, Place

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _registry_and_list(tmp_path: Path) -> Path:
    """Half of a small synthetic ground truth in the registry, the other half as a CSV list."""
    records = synthetic.generate(500, seed=13)
    region = Place.objects.create(code="650000", level=Place.Level.REGION, name_en="Xinjiang")
    places: dict[str, Place] = {}
    for code in sorted(set(records["prefecture_code"].dropna())):
        places[code] = Place.objects.create(
            code=code, level=Place.Level.PREFECTURE, name_en=code, parent=region
        )
    for code in sorted(set(records["county_code"].dropna())):
        places[code] = Place.objects.create(
            code=code, level=Place.Level.COUNTY, name_en=code, parent=places[code[:4] + "00"]
        )
    in_registry = records[records["record_id"] % 2 == 0]
    # A list repeats no row (the import refuses one that does).
    listed = records[records["record_id"] % 2 == 1].drop_duplicates(
        ["name", "sex", "birth_year", "county_code", "id_number"]
    )
    for row in in_registry.itertuples(index=False):
        year = None if pd.isna(row.birth_year) else int(row.birth_year)
        home = row.county_code if isinstance(row.county_code, str) else row.prefecture_code
        person = Person.objects.create(
            sex=row.sex,
            birth_date=str(year) if year else "",
            birth_year=year,
            hometown=places.get(home) if isinstance(home, str) else None,
            synthetic=True,
        )
        # Stored forms filled as the registry fills them when a name is saved.
        Name.objects.bulk_create(
            [
                Name(
                    person=person,
                    text=row.name,
                    script=row.script,
                    kind=Name.Kind.PRIMARY,
                    uly=names_engine.to_uly(row.name)[:300],
                    match_key=names_engine.match_key(row.name)[:300],
                    synthetic=True,
                )
            ]
        )
    path = tmp_path / "list-synthetic.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "sex", "born", "county", "id"])
        for row in listed.itertuples(index=False):
            year = "" if pd.isna(row.birth_year) else int(row.birth_year)
            writer.writerow([row.name, row.sex, year, row.county_code or "", row.id_number or ""])
    return path


def _pairs(external_list: object) -> set[tuple[int, int, float]]:
    return {
        (pair.person_id, pair.external_record.row_number, round(pair.match_probability, 4))
        for pair in CandidatePair.objects.filter(external_record__external_list=external_list)
    }


@pytest.mark.django_db
def test_an_import_on_a_standalone_spark_cluster_proposes_the_pairs_duckdb_proposes(
    tmp_path: Path,
) -> None:
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java 17 on the PATH")
    path = _registry_and_list(tmp_path)
    columns = "name=name,sex=sex,birth_year=born,county_code=county,id_number=id"

    on_duckdb, _run = services.import_external_list(path, columns, name="duckdb", threshold=0.5)
    with local_cluster(1, cores=1, memory="1g", work_dir=tmp_path) as cluster:
        on_spark, _run = services.import_external_list(
            path,
            columns,
            name="spark",
            threshold=0.5,
            engine="spark",
            spark_master=cluster.master_url,
        )
        pids = list(cluster.pids)
    duckdb_pairs, spark_pairs = _pairs(on_duckdb), _pairs(on_spark)

    assert len(duckdb_pairs) > 20
    assert spark_pairs == duckdb_pairs
    # Every process the cluster started has been stopped and reaped.
    assert len(pids) == 2
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)
