"""The tree of a large family is read in a number of queries that does not grow with it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guwah.family.tests.helpers import add

pytestmark = pytest.mark.django_db


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/family/").status_code == 200
    return len(captured)


def test_the_tree_costs_the_same_queries_for_7_and_for_35_relatives(aynur_client):
    def family(children: int) -> None:
        for child in range(children):
            son = add(aynur_client, name=f"Synthetic {child}", sex="m").json()
            for grandchild in range(6):
                add(aynur_client, anchor=son["key"], name=f"Synthetic {child}-{grandchild}")

    family(1)
    aynur_client.post("/family/send/")
    small = _queries(aynur_client)
    family(4)
    aynur_client.post("/family/send/")
    large = _queries(aynur_client)
    assert large <= small + 2, (small, large)
