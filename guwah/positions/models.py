"""What states have said at the UN and at home about the detentions, each fact with its source."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guwah.positions import countries, records
from guwah.positions.membership import UnStatus as _UnStatus


def validate_partial_date(value: str) -> None:
    try:
        records.parse_day_month_or_year(value)
    except ValueError:
        raise ValidationError(
            _("Write a date as 2022, 2022-10 or 2022-10-06."), code="invalid"
        ) from None


class UnStatus(models.TextChoices):
    MEMBER = _UnStatus.MEMBER.value, _("UN member state")
    OBSERVER = _UnStatus.OBSERVER.value, _("UN observer state")
    NONE = _UnStatus.NONE.value, _("Not a UN member")


class Stance(models.TextChoices):
    CRITICAL = records.Stance.CRITICAL.value, _("Critical")
    SUPPORTIVE = records.Stance.SUPPORTIVE.value, _("Supportive of the policy")
    YES = records.Stance.YES.value, _("Voted yes")
    NO = records.Stance.NO.value, _("Voted no")
    ABSTAIN = records.Stance.ABSTAIN.value, _("Abstained")
    RECOGNITION = records.Stance.RECOGNITION.value, _("Recognition")


class Kind(models.TextChoices):
    JOINT_STATEMENT = records.Kind.JOINT_STATEMENT.value, _("Joint statement")
    LETTER = records.Kind.LETTER.value, _("Letter")
    RECORDED_VOTE = records.Kind.RECORDED_VOTE.value, _("Recorded vote")
    CORE_GROUP = records.Kind.CORE_GROUP.value, _("Core group of a draft")
    CO_SPONSORS = records.Kind.CO_SPONSORS.value, _("Co-sponsors of a draft")
    PARLIAMENTARY_MOTION = records.Kind.PARLIAMENTARY_MOTION.value, _("Parliamentary motion")
    PARLIAMENTARY_RESOLUTION = (
        records.Kind.PARLIAMENTARY_RESOLUTION.value,
        _("Parliamentary resolution"),
    )
    COMMITTEE_RESOLUTION = records.Kind.COMMITTEE_RESOLUTION.value, _("Committee resolution")
    EXECUTIVE_DETERMINATION = (
        records.Kind.EXECUTIVE_DETERMINATION.value,
        _("Executive determination"),
    )


class State(models.Model):
    """A country or territory of ISO 3166-1, as ``pycountry`` names it."""

    code = models.CharField(
        _("ISO 3166 alpha-3 code"),
        max_length=3,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{3}$")],
    )
    alpha_2 = models.CharField(_("ISO 3166 alpha-2 code"), max_length=2, unique=True)
    numeric = models.CharField(_("ISO 3166 numeric code"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    un_status = models.CharField(
        _("UN status"), max_length=16, choices=UnStatus.choices, default=UnStatus.NONE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("state")
        verbose_name_plural = _("states")

    def __str__(self) -> str:
        return self.local_name

    def get_absolute_url(self) -> str:
        return reverse("positions:state", args=[self.code])

    @property
    def local_name(self) -> str:
        """The name in the language of the current request, from ISO 3166-1's translations."""
        return countries.localised_name(self.name, get_language())

    @property
    def speaks_at_the_un(self) -> bool:
        return self.un_status in (UnStatus.MEMBER, UnStatus.OBSERVER)


class Instrument(models.Model):
    """A joint statement, letter, recorded vote, motion or determination that states joined."""

    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")],
        help_text=_("A short stable identifier, e.g. HRC51-L6-vote."),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    date = models.CharField(
        _("date"),
        max_length=10,
        validators=[validate_partial_date],
        help_text=_("2022-10-06, or 2024-10 when the day is not confirmed."),
    )
    forum = models.CharField(_("forum"), max_length=300)
    lead_state = models.ForeignKey(
        State,
        verbose_name=_("lead state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_instruments",
    )
    document_symbol = models.CharField(_("document symbol"), max_length=64, blank=True)
    reported_count = models.PositiveIntegerField(
        _("signatories as reported"),
        null=True,
        blank=True,
        help_text=_("The number of states the sources say took part, named or not."),
    )
    listed_note = models.CharField(
        _("note on the names listed"),
        max_length=300,
        blank=True,
        help_text=_("How complete the list of names is, and where it comes from."),
    )
    text_url = models.URLField(_("link to the text"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("positions:instrument", args=[self.code])


class Position(models.Model):
    """One state's stance on one instrument, and the page that shows it."""

    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, related_name="positions"
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    date = models.CharField(
        _("date"),
        max_length=10,
        validators=[validate_partial_date],
        help_text=_("When this state joined, if later than the instrument itself."),
    )
    source_url = models.URLField(_("source"), max_length=500)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "instrument__code", "state__name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "instrument"], name="positions_one_stance_per_instrument"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state_id} · {self.instrument} · {self.stance}"


class Role(models.TextChoices):
    MEMBER = records.Role.MEMBER.value, _("member")
    OBSERVER = records.Role.OBSERVER.value, _("observer")
    PARTNER = records.Role.PARTNER.value, _("partner")
    FORMER_MEMBER = records.Role.FORMER_MEMBER.value, _("former member")


# The groups the packaged file holds, by the code the file uses, so that their names can be
# translated; a group loaded from another file is shown under the name stored with it.
GROUP_NAMES = {
    "OIC": _("Organisation of Islamic Cooperation"),
    "LAS": _("League of Arab States"),
    "EU": _("European Union"),
    "AU": _("African Union"),
    "HRC": _("UN Human Rights Council"),
    "SCO": _("Shanghai Cooperation Organisation"),
    "G7": _("Group of Seven"),
    "G20": _("Group of Twenty"),
}


class Group(models.Model):
    """A grouping of states whose positions are compared: a regional body, an alliance, the
    Human Rights Council year by year."""

    code = models.CharField(
        _("code"), max_length=16, primary_key=True, validators=[RegexValidator(r"^[A-Z][A-Z0-9]*$")]
    )
    name = models.CharField(_("name"), max_length=200)
    yearly = models.BooleanField(
        _("recorded year by year"),
        default=False,
        help_text=_("Membership changes every year, as the Human Rights Council's does."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("group of states")
        verbose_name_plural = _("groups of states")

    def __str__(self) -> str:
        return self.local_name

    def get_absolute_url(self) -> str:
        return reverse("positions:group", args=[self.code])

    @property
    def local_name(self) -> str:
        return str(GROUP_NAMES.get(self.code, self.name))


class Membership(models.Model):
    """That a state belonged to a group, in a year or as its source dates it, and how."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("state"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("Empty for an entity ISO 3166-1 has no code for."),
    )
    name = models.CharField(_("name as the source gives it"), max_length=200)
    period = models.CharField(
        _("year"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^\d{4}$")],
        help_text=_("Empty for membership as the source dates it."),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    source_url = models.URLField(_("source"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "period", "role", "name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "period", "state"],
                condition=models.Q(state__isnull=False),
                name="positions_one_role_per_group_and_year",
            ),
            models.UniqueConstraint(
                fields=["group", "period", "name"],
                condition=models.Q(state__isnull=True),
                name="positions_one_role_per_group_and_year_uncoded",
            ),
        ]

    def __str__(self) -> str:
        who = self.state_id or self.name
        return f"{self.group_id} {self.period} · {who} · {self.role}".replace("  ", " ")

    @property
    def local_name(self) -> str:
        return self.state.local_name if self.state else self.name
