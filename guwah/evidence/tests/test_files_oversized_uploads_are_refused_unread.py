"""An upload whose declared size is over the limit is refused before its body is read: nothing
of it is received, stored or written to a temporary file."""

from __future__ import annotations

import io

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from guwah.evidence.uploads import FORM_MARGIN_BYTES, UploadLimitMiddleware
from guwah.registry.models import Person

pytestmark = pytest.mark.django_db

LIMIT = 1_048_576


@pytest.fixture(autouse=True)
def _small_limit(settings) -> None:
    settings.GUWAH_MAX_UPLOAD_BYTES = LIMIT


class _Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def readable(self) -> bool:
        return True

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body of an oversized upload was read")

    readinto = read
    readline = read


def _never_reached(request: object) -> None:
    raise AssertionError("the view was reached")


def _upload_declaring(size: int, owner) -> object:
    request = RequestFactory().generic(
        "POST",
        "/registry/people/new/",
        b"--synthetic",
        content_type="multipart/form-data; boundary=synthetic",
    )
    request.META["CONTENT_LENGTH"] = str(size)
    request.META["wsgi.input"] = _Unreadable()
    request._stream = _Unreadable()
    request.user = owner
    request.session = {}
    return request


def test_an_upload_declared_over_the_limit_is_refused_without_reading_it(owner) -> None:
    middleware = UploadLimitMiddleware(_never_reached)  # type: ignore[arg-type]

    response = middleware(_upload_declaring(LIMIT * 3, owner))  # type: ignore[arg-type]

    assert response.status_code == 413
    assert "The upload is 3.0 MB; the largest file accepted is 1.0 MB." in response.content.decode()


def test_an_upload_within_the_limit_reaches_the_view(owner) -> None:
    reached = []
    middleware = UploadLimitMiddleware(lambda request: reached.append(request) or "page")  # type: ignore[arg-type,func-returns-value]

    middleware(_upload_declaring(LIMIT + FORM_MARGIN_BYTES, owner))  # type: ignore[arg-type]

    assert len(reached) == 1


def test_the_site_refuses_an_oversized_form_and_keeps_nothing(owner) -> None:
    client = Client()
    client.force_login(owner)
    body = b"--b\r\n" + b"x" * (LIMIT + FORM_MARGIN_BYTES + 1) + b"\r\n--b--\r\n"

    response = client.post(
        reverse("registry:person_create"), body, content_type="multipart/form-data; boundary=b"
    )

    assert response.status_code == 413
    assert not Person.objects.exists()
