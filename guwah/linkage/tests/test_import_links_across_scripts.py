"""A list written only in Chinese characters finds the persons entered in Uyghur script."""

from __future__ import annotations

from guwah.linkage import services
from guwah.linkage.models import CandidatePair
from guwah.registry.models import Person


def test_a_hanzi_only_list_links_to_persons_entered_in_uyghur_script(
    tmp_path, reported_twice
) -> None:
    persons_before = Person.objects.count()
    path = tmp_path / "police-list.csv"
    path.write_text(
        "姓名,性别,出生年份,县\n古丽娜尔·吐尔逊,女,1972,653101\n阿不都拉·卡德尔,男,1980,\n",
        encoding="utf-8",
    )
    external_list, run = services.import_external_list(
        path, "name=姓名,sex=性别,birth_year=出生年份,county_code=县"
    )

    assert Person.objects.count() == persons_before
    best = {}
    for pair in CandidatePair.objects.filter(external_record__external_list=external_list):
        row = pair.external_record.row_number
        if row not in best or pair.match_probability > best[row].match_probability:
            best[row] = pair
    assert best[2].person == reported_twice["gulnar"]
    assert best[2].match_probability > 0.9
    assert best[3].person == reported_twice["stranger"]
    # Gülnar's sister Gülzire shares her father's name and county but is not proposed as her.
    gulzire = [
        pair
        for pair in CandidatePair.objects.filter(person=reported_twice["gulzire"])
        if pair.match_probability >= 0.5
    ]
    assert gulzire == []
    assert run.proposed >= 2
    steps = {step["comparison"]: step for step in best[2].explanation}
    assert steps["given_name"]["weight"] > 0 and steps["father_name"]["weight"] > 0
