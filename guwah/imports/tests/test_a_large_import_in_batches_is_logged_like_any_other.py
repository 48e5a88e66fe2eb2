"""A large import inserted in batches leaves the same records as the services would, each
with its log entry under the importing user, and a log that verifies."""

from __future__ import annotations

import pytest

from guwah.evidence import log
from guwah.evidence.models import LogEntry
from guwah.imports.commit import commit_import
from guwah.imports.plan import plan_import
from guwah.imports.readers import read_table
from guwah.registry.models import Event, Name, NameKey, Person
from guwah.registry.names_index import search_persons

pytestmark = pytest.mark.django_db

LIST = (
    "id,name,name_zh,birth_date,hometown,camp_date,release_date\n"
    "A-1,Abdurehim Heyit,阿不都热依木·黑依提,1962,Kashgar,2017-02,\n"
    "A-2,مەرھابا ئابدۇللا,,about 1985,قەشقەر,2018,2019-06-01\n"
)


@pytest.mark.parametrize("through_services", [True, False])
def test_batches_and_services_leave_the_same_records(colleague, kashgar, through_services):
    plan = plan_import(colleague, read_table(LIST.encode(), "list.csv"))
    commit_import(colleague, plan, through_services=through_services)

    heyit = Person.objects.get(names__text="Abdurehim Heyit")
    assert heyit.birth_year == 1962 and heyit.hometown == kashgar
    assert heyit.created_by == colleague
    assert list(search_persons(Person.objects.all(), "Heyit")) == [heyit]
    assert list(search_persons(Person.objects.all(), "ئابدۇللا")) == [
        Person.objects.get(names__text="مەرھابا ئابدۇللا")
    ]
    release = Event.objects.get(kind="release")
    assert str(release.date_sort) == "2019-06-01"
    assert NameKey.objects.filter(name__in=Name.objects.all()).exists()


def test_every_record_of_a_batch_has_its_log_entry_and_the_log_verifies(colleague, kashgar):
    plan = plan_import(colleague, read_table(LIST.encode(), "list.csv"))
    commit_import(colleague, plan, through_services=False)

    persons = {str(pk) for pk in Person.objects.values_list("pk", flat=True)}
    logged = LogEntry.objects.filter(record_type="registry.person", record_id__in=persons)
    assert {entry.record_id for entry in logged} == persons
    assert {entry.actor_id for entry in logged} == {colleague.pk}
    report = log.verify_log(check_records=True)
    assert report.ok, report.problems[:5]
