"""Families give dates as they remember them, in their own language; Guwah reads each one as the
earliest and latest day it can mean, keeps it, and says it back in the reader's language."""

import datetime as dt

import pytest
from django.urls import reverse

from guwah.registry import services
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.forms.fields import PartialDateField


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# Ramadan 1438 began on 27 May 2017 and had 29 days; Eid al-Adha 1438 fell on 1 September 2017;
# Eid al-Fitr 1439 on 15 June 2018 (Umm al-Qura). One day either side allows for moon sighting.
PHRASINGS = [
    # English
    ("summer 2017", "2017-06-01", "2017-08-31"),
    ("in the spring of 2016", "2016-03-01", "2016-05-31"),
    ("autumn 2018", "2018-09-01", "2018-11-30"),
    ("fall 2018", "2018-09-01", "2018-11-30"),
    ("winter 2017", "2017-12-01", "2018-02-28"),
    ("2017–2018", "2017-01-01", "2018-12-31"),
    ("between 2017 and 2019", "2017-01-01", "2019-12-31"),
    ("from May to June 2017", "2017-05-01", "2017-06-30"),
    ("around 2017", "2016-01-01", "2018-12-31"),
    ("before Ramadan 2017", "2007-01-01", "2017-05-25"),
    ("in Ramadan 2017", "2017-05-26", "2017-06-25"),
    ("after Eid al-Adha 2017", "2017-09-06", "2027-12-31"),
    ("3 May 2017", "2017-05-03", "2017-05-03"),
    ("May 3, 2017", "2017-05-03", "2017-05-03"),
    ("Sept 2018", "2018-09-01", "2018-09-30"),
    ("late 2017", "2017-09-01", "2017-12-31"),
    ("mid-2017", "2017-05-01", "2017-08-31"),
    # Uyghur, Arabic script, with Western and Arabic-Indic digits
    ("2017-يىلى يازدا", "2017-06-01", "2017-08-31"),
    ("٢٠١٧-يىلى ياز", "2017-06-01", "2017-08-31"),
    ("۲۰۱۸-يىلى قىشتا", "2018-12-01", "2019-02-28"),
    ("2016-يىلى كۈزدە", "2016-09-01", "2016-11-30"),
    ("2017-يىلى رامىزاندا", "2017-05-26", "2017-06-25"),
    ("2017-يىلى رامىزاندىن بۇرۇن", "2007-01-01", "2017-05-25"),
    ("2017-يىلدىن 2018-يىلغىچە", "2017-01-01", "2018-12-31"),
    ("تەخمىنەن 2017-يىلى", "2016-01-01", "2018-12-31"),
    ("2017-يىلى ئەتراپىدا", "2016-01-01", "2018-12-31"),
    ("2017-يىلى ماي", "2017-05-01", "2017-05-31"),
    ("٢٠١٧-يىلى ٣-ماي", "2017-05-03", "2017-05-03"),
    ("2017-يىلى 5-ئاينىڭ 3-كۈنى", "2017-05-03", "2017-05-03"),
    ("2017-يىلى ئۆكتەبىردىن كېيىن", "2017-11-01", "2027-12-31"),
    ("2017-يىلى قۇربان ھېيتتا", "2017-08-31", "2017-09-05"),
    ("2017-يىلى ئاخىرىدا", "2017-09-01", "2017-12-31"),
    # Simplified Chinese
    ("2017年夏天", "2017-06-01", "2017-08-31"),
    ("2018年冬季", "2018-12-01", "2019-02-28"),
    ("2017年至2018年", "2017-01-01", "2018-12-31"),
    ("2017年5月至6月", "2017-05-01", "2017-06-30"),
    ("大约2017年", "2016-01-01", "2018-12-31"),
    ("2017年左右", "2016-01-01", "2018-12-31"),
    ("2017年斋月以前", "2007-01-01", "2017-05-25"),
    ("2017年5月3日", "2017-05-03", "2017-05-03"),
    ("二〇一七年", "2017-01-01", "2017-12-31"),
    ("2017年秋天以后", "2017-12-01", "2027-12-31"),
    ("2018年肉孜节", "2018-06-14", "2018-06-18"),
    ("2017年底", "2017-09-01", "2017-12-31"),
    ("2018年初", "2018-01-01", "2018-04-30"),
    # Turkish
    ("2017 yazı", "2017-06-01", "2017-08-31"),
    ("İlkbahar 2018", "2018-03-01", "2018-05-31"),
    ("2017 yazından önce", "2007-01-01", "2017-05-31"),
    ("Ramazan 2017'den önce", "2007-01-01", "2017-05-25"),
    ("yaklaşık 2017", "2016-01-01", "2018-12-31"),
    ("2017 civarı", "2016-01-01", "2018-12-31"),
    ("2017 ile 2018 arası", "2017-01-01", "2018-12-31"),
    ("3 Mayıs 2017", "2017-05-03", "2017-05-03"),
    ("Ekim 2017 sonrası", "2017-11-01", "2027-12-31"),
    ("2017 Kurban Bayramı", "2017-08-31", "2017-09-05"),
    ("2017 başında", "2017-01-01", "2017-04-30"),
]


@pytest.mark.parametrize(("said", "earliest", "latest"), PHRASINGS)
def test_a_date_as_a_family_says_it_spans_the_days_it_can_mean(said, earliest, latest):
    date = PartialDate.parse(said)
    assert (date.earliest, date.latest) == (day(earliest), day(latest))


def test_the_table_covers_forty_phrasings():
    assert len(PHRASINGS) >= 40


@pytest.mark.parametrize(("said", "earliest", "latest"), PHRASINGS)
def test_the_stored_form_reads_back_as_the_same_date(said, earliest, latest):
    stored = PartialDate.parse(said).edtf()
    assert len(stored) <= 32
    again = PartialDate.parse(stored)
    assert again.edtf() == stored
    assert (again.earliest, again.latest) == (day(earliest), day(latest))


@pytest.mark.parametrize(
    ("stored", "language", "words"),
    [
        ("2017~", "en", "around 2017"),
        ("2017~", "ug", "2017-يىلى ئەتراپىدا"),
        ("2017~", "zh-hans", "2017年左右"),
        ("2017~", "tr", "2017 civarı"),
        ("2017-22", "en", "summer 2017"),
        ("2017-22", "ug", "2017-يىلى ياز"),
        ("before ramadan 2017", "en", "before Ramadan 2017"),
        ("before ramadan 2017", "ug", "2017-يىلى رامىزاندىن بۇرۇن"),
        ("before ramadan 2017", "zh-hans", "2017年斋月以前"),
        ("before ramadan 2017", "tr", "2017 Ramazanı öncesi"),
        ("2017/2018", "en", "between 2017 and 2018"),
        ("2017/2018", "ug", "2017-يىلىدىن 2018-يىلىغىچە"),
        ("2017-24/2018-24", "ug", "2017-يىلى قىشتىن 2018-يىلى قىشقىچە"),
        ("2017-39", "ug", "2017-يىلى ئاخىرى"),
        ("2017-39", "zh-hans", "2017年底"),
        ("2017/2018-10", "ug", "2017-يىلىدىن 2018-يىلى ئۆكتەبىرگىچە"),
        ("2017-05-03", "tr", "3 Mayıs 2017"),
        ("2017-05-03", "zh-hans", "2017年5月3日"),
        ("..2018", "fr", "before 2018"),
    ],
)
def test_a_date_is_shown_in_words_of_the_readers_language(stored, language, words):
    assert PartialDate.parse(stored).in_words(language) == words


@pytest.mark.parametrize("language", ["en", "ug", "zh-hans", "tr"])
@pytest.mark.parametrize(("said", "earliest", "latest"), PHRASINGS)
def test_what_guwah_says_in_a_language_it_reads_back(language, said, earliest, latest):
    date = PartialDate.parse(said)
    assert PartialDate.parse(date.in_words(language)) == date


@pytest.mark.parametrize(
    ("said", "code"),
    [
        ("2018–2017", "order"),
        ("winter", "invalid"),
        ("summer May 2017", "invalid"),
        ("about 2017 before 2018", "invalid"),
        ("2017年2月30日", "day"),
        ("Ramadan 1850", "year"),
        ("next spring", "invalid"),
    ],
)
def test_what_is_not_a_date_is_refused_with_the_reason(said, code):
    with pytest.raises(InvalidPartialDate) as refused:
        PartialDate.parse(said)
    assert refused.value.code == code


def test_a_long_uyghur_phrase_is_accepted_by_the_form_and_stored_short():
    said = "2017-يىلى 5-ئاينىڭ 3-كۈنىدىن بۇرۇن"
    assert len(said) > 32
    assert PartialDateField().clean(said) == "..2017-05-03"


@pytest.mark.django_db
def test_an_event_in_summer_stores_its_first_and_last_day(owner, aynurs_father):
    event = services.add_event(owner, aynurs_father, kind="camp", date="2017-يىلى يازدا")
    event.refresh_from_db()
    assert event.date == "2017-22"
    assert (event.date_earliest, event.date_latest) == (day("2017-06-01"), day("2017-08-31"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("en", "around 2017"), ("ug", "2017-يىلى ئەتراپىدا")]
)
def test_the_person_page_says_the_date_in_words(client, owner, aynurs_father, language, words):
    services.add_event(owner, aynurs_father, kind="camp", date="about 2017")
    client.force_login(owner)
    page = client.get(
        reverse("registry:person_detail", args=[aynurs_father.pk]),
        headers={"accept-language": language},
    )
    text = page.content.decode()
    assert words in text
    assert "2017~" not in text


@pytest.mark.parametrize(
    ("said", "precision"),
    [
        ("2017-05-03/2017-05-10", "month"),
        ("2017–2018", "range"),
        ("summer 2017", "season"),
        ("in Ramadan 2017", "islamic"),
        ("May 2017", "month"),
    ],
)
def test_a_date_knows_how_precise_it_is(said, precision):
    # The UN's Working Group needs at least a month: a season or a long range is not enough.
    assert PartialDate.parse(said).precision == precision
