"""Passwords are stored with Argon2, and older hashes are upgraded at the next sign-in."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.test import Client
from django.urls import reverse

from guwah import settings as project_settings

pytestmark = pytest.mark.django_db


def test_the_project_hashes_new_passwords_with_argon2(settings: Any) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    encoded = make_password("a grandmother's passphrase")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("a grandmother's passphrase", encoded)
    assert not check_password("a guess", encoded)


def test_an_older_pbkdf2_password_is_rehashed_with_argon2_at_sign_in(
    client: Client, colleague: Any, password: str, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    colleague.password = make_password(password, hasher="pbkdf2_sha256")
    colleague.save(update_fields=["password"])

    answer = client.post(reverse("login"), {"username": colleague.username, "password": password})

    assert answer.status_code == 302
    colleague.refresh_from_db()
    assert identify_hasher(colleague.password).algorithm == "argon2"
