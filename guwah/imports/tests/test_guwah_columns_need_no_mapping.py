"""A CSV whose headers are Guwah's own field names imports as it is, in any usual encoding,
and a second import of it adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from guwah.imports.models import ImportedRecord
from guwah.registry.models import Event, Person

pytestmark = pytest.mark.django_db

LIST = (
    "id,name,name_zh,sex,birth_date,hometown,camp_date,release_date\n"
    "A-1,Abdurehim Heyit,阿不都热依木·黑依提,m,1962,Kashgar,2017-02,\n"
    "A-2,مەرھابا ئابدۇللا,,f,about 1985,قەشقەر,2018,2019-06-01\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_a_list_in_guwah_columns_imports_in_any_usual_encoding(colleague, kashgar, write, encoding):
    call_command("import", str(write("list.csv", LIST, encoding)), "--as", colleague.username)

    assert Person.objects.count() == 2
    heyit = Person.objects.get(names__text="Abdurehim Heyit")
    assert heyit.hometown == kashgar
    assert heyit.birth_date == "1962"
    assert sorted(heyit.names.values_list("script", flat=True)) == ["ug-Latn", "zh-Hans"]
    assert heyit.created_by == colleague
    merhaba = Person.objects.get(names__text="مەرھابا ئابدۇللا")
    assert merhaba.hometown == kashgar
    assert list(merhaba.events.values_list("kind", "date")) == [
        (Event.Kind.CAMP_DETENTION, "2018"),
        (Event.Kind.RELEASE, "2019-06-01"),
    ]


def test_importing_the_same_file_again_adds_nothing(colleague, kashgar, write, capsys):
    path = write("list.csv", LIST)
    call_command("import", str(path), "--as", colleague.username)
    call_command("import", str(path), "--as", colleague.username)

    assert Person.objects.count() == 2
    assert Event.objects.count() == 3
    assert ImportedRecord.objects.count() == 2
    assert "0 person(s) added, 0 changed, 2 row(s) imported before" in capsys.readouterr().out


def test_rows_without_ids_are_recognised_by_their_contents(colleague, kashgar, write):
    path = write("list.csv", "name,birth_date\nGulnar Tursun,1990\nIlham Tohti,1969\n")
    call_command("import", str(path), "--as", colleague.username)
    call_command("import", str(path), "--as", colleague.username)

    assert Person.objects.count() == 2
