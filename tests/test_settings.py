import pytest

from guwah.conf import ConfigurationError, database_from_url, env_bool, env_int


def test_it_reads_a_postgres_url_into_django_settings() -> None:
    db = database_from_url("postgres://alice:s%40cret@db.example:6543/guwah?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["NAME"], db["USER"], db["PASSWORD"]) == ("guwah", "alice", "s@cret")
    assert (db["HOST"], db["PORT"]) == ("db.example", "6543")
    assert db["OPTIONS"] == {"sslmode": "require", "options": "-c jit=off"}


def test_a_database_url_may_choose_its_own_server_options() -> None:
    db = database_from_url("postgres://localhost/guwah?options=-c%20work_mem%3D64MB")
    assert db["OPTIONS"] == {"options": "-c work_mem=64MB"}


def test_it_refuses_a_database_url_of_another_kind() -> None:
    with pytest.raises(ConfigurationError, match="postgres://"):
        database_from_url("mysql://localhost/guwah")


def test_it_refuses_a_database_url_without_a_database_name() -> None:
    with pytest.raises(ConfigurationError, match="name a database"):
        database_from_url("postgres://localhost")


def test_it_refuses_a_boolean_it_cannot_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUWAH_DEBUG", "perhaps")
    with pytest.raises(ConfigurationError, match="GUWAH_DEBUG"):
        env_bool("GUWAH_DEBUG", False)


def test_it_refuses_a_number_below_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUWAH_MAX_UPLOAD_BYTES", "0")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("GUWAH_MAX_UPLOAD_BYTES", 10, minimum=1)
