import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_answers_with_the_database_in_use(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_from_the_registry(client: Client) -> None:
    response = client.get("/registry/people/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
