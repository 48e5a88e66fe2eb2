"""Why a date was refused is said in the reader's language."""

from django.utils import translation

from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.models import describe_invalid_date


def refusal(text: str) -> InvalidPartialDate:
    try:
        PartialDate.parse(text)
    except InvalidPartialDate as error:
        return error
    raise AssertionError(f"{text!r} was accepted")


def test_the_message_names_what_was_typed():
    with translation.override("en"):
        assert describe_invalid_date(refusal("spring 85")).startswith("“spring 85” is not a date")
        assert describe_invalid_date(refusal("2017-02-30")) == "2017-02 has no day 30."
