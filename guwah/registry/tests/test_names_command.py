"""The ``guwah names`` command: convert, compare, eval."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command


def run(*args: str) -> str:
    out = StringIO()
    call_command("names", *args, stdout=out)
    return out.getvalue()


def test_convert_writes_each_name_in_the_chosen_script() -> None:
    out = run("convert", "--to", "ug-Latn", "مەمتىمىن ھوشۇر", "Мәмтимин Һошур")
    assert out.splitlines() == ["Memtimin Hoshur", "Memtimin Hoshur"]
    assert run("convert", "--to", "ug-Arab", "Memtimin Hoshur").strip() == "مەمتىمىن ھوشۇر"


def test_convert_refuses_a_script_it_does_not_write() -> None:
    with pytest.raises(CommandError):
        run("convert", "--to", "zh-Hans", "Memtimin")


def test_compare_prints_the_similarity_and_both_keys_as_json() -> None:
    report = json.loads(run("compare", "买买提明·吾守尔", "Memtimin Hoshur"))
    assert report["similarity"] > 0.85
    assert report["a"]["script"] == "zh-Hans"
    assert report["a"]["match_key"] == report["b"]["match_key"]
    assert report["b"]["given"] == "Memtimin"


def test_eval_reports_top1_per_script_pair_and_overall(tmp_path: Path) -> None:
    # Synthetic names, written for this test.
    table = tmp_path / "names.tsv"
    table.write_text(
        "latin\tuyghur_arabic\tchinese\tpinyin\tlatin_variants\tsource\n"
        "Memtimin Hoshur\tمەمتىمىن ھوشۇر\t买买提明·吾守尔\tMaimaitiming Wushouer"
        "\tMemtimin Khoshur\tsynthetic\n"
        "Erkin Tursun\tئەركىن تۇرسۇن\t艾尔肯·吐尔逊\tAierken Tuerxun\t\tsynthetic\n"
        "Gulnar Abla\tگۈلنار ئابلا\t古丽娜尔·阿布拉\t\t\tsynthetic\n",
        encoding="utf-8",
    )
    report = json.loads(run("eval", str(table)))
    assert report["rows"] == 3
    assert report["pairs"]["uyghur_arabic->latin"] == {"queries": 3, "top1": 1.0}
    assert report["pairs"]["latin->pinyin"]["queries"] == 3  # the variant is a query too
    assert report["groups"]["chinese_or_pinyin->latin"]["queries"] == 5
    assert report["overall"]["top1"] == 1.0
    assert report["key_agreement"]["chinese"] == {"forms": 3, "same_key": 3, "share": 1.0}
    assert report["key_agreement"]["chinese_or_pinyin"]["forms"] == 5


def test_eval_counts_chinese_forms_that_key_unlike_their_row(tmp_path: Path) -> None:
    # Synthetic rows; the second gives a different name in characters (Tursun for Erkin).
    table = tmp_path / "names.tsv"
    table.write_text(
        "latin\tuyghur_arabic\tchinese\tpinyin\n"
        "Memtimin Hoshur\t\t买买提明·吾守尔\t\n"
        "Erkin Tursun\t\t吐尔逊\t\n",
        encoding="utf-8",
    )
    agreement = json.loads(run("eval", str(table)))["key_agreement"]
    assert agreement["chinese"] == {"forms": 2, "same_key": 1, "share": 0.5}
    assert "pinyin" not in agreement


def test_eval_says_clearly_what_is_wrong_with_a_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        run("eval", str(tmp_path / "missing.tsv"))
    table = tmp_path / "wrong.tsv"
    table.write_text("name\tscript\nAli\tug-Latn\n", encoding="utf-8")
    with pytest.raises(CommandError, match="missing column"):
        run("eval", str(table))
    assert table.read_text(encoding="utf-8") == "name\tscript\nAli\tug-Latn\n"
