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

    class Meta:
        verbose_name = _("public summary")
        indexes = [
            models.Index(fields=["verification", "status"], name="public_summary_ver_status")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status}"
