"""What the memorial counts, kept as indexed columns: one row per published person.

The derived status (one correlated subquery over a person's events) and the prefecture (a walk
up the places) cost a few index probes per person; counted over every published person on a
cold statistics page they add up to seconds at a million. This table holds them ready. It is
written only by :mod:`guwah.public.summaries`: after each change to a person or their events
(signals), and in bulk by ``guwah memorial refresh`` after a bulk load.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicSummary(models.Model):
    # A plain number, not a foreign key: a row may outlive its person for a moment (a person
    # deleted with their events is resummarised on the way out), and only the rows of persons
    # published now are ever counted.
    person_id = models.BigIntegerField(_("person"), primary_key=True)
    status = models.CharField(_("status"), max_length=16, db_index=True)
    prefecture_id = models.IntegerField(_("prefecture"), null=True, db_index=True)
    verification = models.CharField(_("verification"), max_length=16, db_index=True)
    # The years the first detention, and the first event of any kind, may have begun in (a
    # roughly dated one spans several): the charts spread a person over them.
    detention_from = models.IntegerField(_("first detention, from"), null=True)
    detention_to = models.IntegerField(_("first detention, to"), null=True)
    first_from = models.IntegerField(_("first event, from"), null=True)
    first_to = models.IntegerField(_("first event, to"), null=True)
    birth_year = models.IntegerField(_("birth year"), null=True)
    # What the list page's facets narrow by, so that a search is counted from this table alone:
    # the level (which facets leave an entry out), the sex, and the hometown's county (or the
    # hometown itself when it is coarser).
    publication_level = models.CharField(
        _("publication level"), max_length=16, default="full", db_index=True
    )
    sex = models.CharField(_("sex"), max_length=1, blank=True, default="")
    county_id = models.IntegerField(_("county"), null=True, db_index=True)

    class Meta:
        verbose_name = _("public summary")
        indexes = [
            models.Index(fields=["verification", "status"], name="public_summary_ver_status")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status}"


class PublicSummaryValue(models.Model):
    """One of the several values a published person has for a facet: a year a detention began,
    a facility held in, a band of sentence length. Written and removed with the person's
    :class:`PublicSummary` row."""

    class Facet(models.TextChoices):
        YEAR = "year", _("Year detained")
        FACILITY = "facility", _("Facility")
        SENTENCE = "sentence", _("Sentence")

    person_id = models.BigIntegerField(_("person"))
    facet = models.CharField(_("facet"), max_length=8, choices=Facet.choices)
    # The year, the facility's key, or the sentence band's position in ``SENTENCE_BANDS``.
    value = models.BigIntegerField(_("value"))

    class Meta:
        verbose_name = _("public summary value")
        indexes = [
            models.Index(fields=["facet", "value", "person_id"], name="public_value_facet"),
            models.Index(fields=["person_id"], name="public_value_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.facet} {self.value}"


class PublicNameKey(models.Model):
    """A search key of a name of a person published at the full level (names find full entries
    only): the registry's :class:`~guwah.registry.models.NameKey` rows of that name, with the
    pair that its ``match_key`` is found by. A common name searched among the published persons
    alone reads a few hundred of these, not the tens of thousands of names of everyone who bears
    it. Written with the person's :class:`PublicSummary` row."""

    person_id = models.BigIntegerField(_("person"))
    name_id = models.BigIntegerField(_("name"))
    # As in NameKey: 0 and up for words, -1 for the whole name, -2 and below for pairs.
    part = models.SmallIntegerField(_("part"))
    key = models.CharField(_("key"), max_length=100)

    class Meta:
        verbose_name = _("public name key")
        indexes = [
            models.Index(fields=["key", "part", "person_id"], name="public_namekey_key"),
            models.Index(fields=["person_id"], name="public_namekey_person"),
            models.Index(fields=["name_id"], name="public_namekey_name"),
        ]

    def __str__(self) -> str:
        return self.key
