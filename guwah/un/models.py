"""What a UN submission needs beyond the registry's record, and what became of each one.

The registry holds who the person is and what happened to them. A Working Group also asks who
is believed responsible, what the relatives did to find the person, and who submits the case;
a :class:`CaseFile` keeps those beside the person. A :class:`Submission` follows one case
through one Working Group, from the draft to the case's clarification.
"""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guwah.positions.models import State
from guwah.registry.models import Person, Testimony, validate_short_text

# Under the WGEID's methods of work a case may be considered clarified when the source does not
# answer the government's reply within six months.
REPLY_WINDOW_MONTHS = 6


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DetentionCategory(models.TextChoices):
    # The WGAD's five categories of arbitrary deprivation of liberty (methods of work, para 8).
    NO_LEGAL_BASIS = "I", _("I — no legal basis can be invoked")
    EXERCISE_OF_RIGHTS = "II", _("II — for exercising rights and freedoms")
    FAIR_TRIAL = "III", _("III — grave violation of the right to a fair trial")
    MIGRANTS = "IV", _("IV — prolonged administrative custody of migrants or refugees")
    DISCRIMINATION = "V", _("V — discrimination (ethnicity, religion, opinion, …)")


class CaseFile(models.Model):
    """The elements of a UN case that the registry's record does not hold."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="un_case")
    forces_responsible = models.TextField(
        _("State forces believed responsible"),
        blank=True,
        help_text=_(
            "The full names of the institutions, e.g. the Public Security Bureau of Kashgar "
            "Prefecture, not “the police”."
        ),
    )
    steps_taken = models.TextField(
        _("steps taken by the relatives to find the person"),
        blank=True,
        help_text=_("Inquiries with the authorities, petitions, letters, with their dates."),
    )
    no_steps_reason = models.TextField(
        _("why no steps were possible"),
        blank=True,
        help_text=_("For instance: relatives inside were threatened for asking."),
    )
    nationality = models.CharField(
        _("nationality"), max_length=100, blank=True, validators=[validate_short_text]
    )
    submitter_name = models.CharField(
        _("submitter's name"), max_length=200, blank=True, validators=[validate_short_text]
    )
    submitter_relationship = models.CharField(
        _("submitter's relationship to the person"),
        max_length=100,
        blank=True,
        validators=[validate_short_text],
    )
    submitter_contact = models.TextField(_("submitter's address, email or telephone"), blank=True)
    submitter_confidential = models.BooleanField(
        _("keep the submitter's identity confidential"), default=True
    )
    family_knows_transmission = models.BooleanField(
        _("the family knows the case is transmitted to the government"), default=False
    )
    reprisal_risk = models.TextField(
        _("risk of reprisals against relatives inside, as assessed"),
        blank=True,
        help_text=_("Who could be targeted for this submission, and what was decided."),
    )
    consent_public_naming = models.BooleanField(
        _("the family agrees to the person being named in a published opinion (WGAD)"),
        default=False,
    )
    detention_categories = models.JSONField(
        _("why the detention is arbitrary (WGAD categories)"), default=list, blank=True
    )
    arbitrariness = models.TextField(_("why the detention is arbitrary, in detail"), blank=True)
    family_country = models.ForeignKey(
        State,
        verbose_name=_("country where the family lives"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A letter to that country's government may carry this case."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("UN case file")

    def __str__(self) -> str:
        return str(_("UN case file of %(person)s") % {"person": self.person})


class Mechanism(models.TextChoices):
    WGEID = "wgeid", _("Working Group on Enforced or Involuntary Disappearances")
    WGAD = "wgad", _("Working Group on Arbitrary Detention")


class Language(models.TextChoices):
    # The Working Groups read English, French and Spanish.
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")


class Stage(models.TextChoices):
    # In the order a case moves through; a submission only moves forward.
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    REGISTERED = "registered", _("UN case number given")
    GOVERNMENT_REPLIED = "replied", _("Government replied")
    SOURCE_COMMENTED = "commented", _("Source answered the reply")
    CLARIFIED = "clarified", _("Clarified")
    OUTSTANDING = "outstanding", _("Outstanding")


STAGE_ORDER = list(Stage)


class Submission(models.Model):
    """One person's case before one Working Group, and where it stands."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        ONLINE = "online", _("Online form")
        POST = "post", _("Post")
        FAX = "fax", _("Fax")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="un_submissions")
    mechanism = models.CharField(_("Working Group"), max_length=8, choices=Mechanism.choices)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    urgent = models.BooleanField(
        _("urgent action"),
        default=False,
        help_text=_("The disappearance fell within the three months before the submission."),
    )
    connected = models.BooleanField(
        _("connected to an urgent case"),
        default=False,
        help_text=_("A relative's urgent case, or the same incident, within one year of this one."),
    )
    language = models.CharField(
        _("language of the submission"),
        max_length=2,
        choices=Language.choices,
        default=Language.ENGLISH,
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    channel = models.CharField(_("sent by"), max_length=8, choices=Channel.choices, blank=True)
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    un_reference = models.CharField(
        _("UN case number"), max_length=64, blank=True, validators=[validate_short_text]
    )
    reply_received_on = models.DateField(_("government reply received on"), null=True, blank=True)
    reply_text = models.TextField(_("what the government replied"), blank=True)
    reply_translation = models.TextField(_("the reply, translated for the family"), blank=True)
    comments_sent_on = models.DateField(_("source's comments sent on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("UN submission")
        ordering = ["-urgent", "-connected", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "mechanism"], name="un_one_submission_per_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_mechanism_display()}: {self.person}"

    @property
    def reply_deadline(self) -> dt.date | None:
        """The last day to answer the government's reply, while it is unanswered."""
        if self.stage != Stage.GOVERNMENT_REPLIED or self.reply_received_on is None:
            return None
        return months_after(self.reply_received_on, REPLY_WINDOW_MONTHS)


class TestimonyTranslation(models.Model):
    """A testimony given in Uyghur or Chinese, translated for the Working Group.

    The original stays in the registry; the translation names it by id and by the SHA-256 of
    its text as it stood when translated, so a later change to the original shows.
    """

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="translations"
    )
    testimony = models.ForeignKey(
        Testimony, on_delete=models.PROTECT, related_name="un_translations"
    )
    original_sha256 = models.CharField(_("SHA-256 of the original"), max_length=64)
    language = models.CharField(
        _("translated into"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    text = models.TextField(_("translation"))
    translator = models.CharField(
        _("translated by"), max_length=200, blank=True, validators=[validate_short_text]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("translated testimony")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "testimony", "language"], name="un_one_translation_each"
            )
        ]

    def __str__(self) -> str:
        return str(_("Translation of testimony %(id)s") % {"id": self.testimony_id})


class LetterStage(models.TextChoices):
    DRAFTED = "drafted", _("Drafted")
    SENT = "sent", _("Sent")
    ANSWERED = "answered", _("Answered")


LETTER_STAGE_ORDER = list(LetterStage)


class GovernmentLetter(models.Model):
    """A letter to a state's government naming the cases of families who live there."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="un_letters")
    language = models.CharField(_("language"), max_length=8)
    cases = models.ManyToManyField(Person, verbose_name=_("cases carried"), related_name="+")
    text = models.TextField(_("letter"))
    stage = models.CharField(
        _("stage"), max_length=16, choices=LetterStage.choices, default=LetterStage.DRAFTED
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    sent_to = models.CharField(
        _("sent to"), max_length=200, blank=True, validators=[validate_short_text]
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("what the government said"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=[cases])

    class Meta:
        verbose_name = _("letter to a government")
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return str(_("Letter to %(state)s") % {"state": self.state})
