"""The registry: people, what happened to them, and what every fact rests on.

This module is longer than most on purpose: it is the data model drawn in
``docs/architecture.md``, and a reader checking what is protected, versioned or kept in the
history should find every record type, its visibility and its validators in one place. The
logic that acts on these records lives elsewhere (``services/``, ``status.py``, ``access.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from guwah import text as readable
from guwah.registry.dates import InvalidPartialDate, PartialDate
from guwah.registry.encryption import (
    EncryptedCharField,
    EncryptedTextField,
    LookupHashField,
)
from guwah.registry.sealed_files import sealed_storage
from guwah.registry.verification import Verified


def describe_invalid_date(error: InvalidPartialDate) -> str:
    """Why a date could not be read, in the reader's language."""
    messages = {
        "empty": _("A date is empty."),
        "invalid": _(
            "“%(text)s” is not a date. Write a year (2017), a month (2017-05) or a day "
            "(2017-05-03), optionally with about, before or after."
        ),
        "year": _("The year %(year)s is outside 1900–2100."),
        "month": _("The month %(month)s does not exist."),
        "day": _("%(year)s-%(month)s has no day %(day)s."),
        "order": _("“%(text)s” ends before it begins."),
    }
    message = messages.get(error.code)
    return str(message) % error.params if message is not None else str(error)


def _hidden_character_messages(hidden: list[readable.HiddenCharacter], what: str) -> list[str]:
    messages = {
        readable.Kind.BIDI_CONTROL: _(
            "%(what)s contains %(characters)s, which makes text display in another order than "
            "it is written: it must read as it displays. Type it again without it."
        ),
        readable.Kind.INVISIBLE: _(
            "%(what)s contains %(characters)s, which does not show. Type it again without it."
        ),
        readable.Kind.CONTROL: _(
            "%(what)s contains %(characters)s, which does not belong in one line of text."
        ),
    }
    return [
        str(message) % {"what": what, "characters": ", ".join(readable.labels(of_kind))}
        for kind, message in messages.items()
        if (of_kind := [item for item in hidden if item.kind == kind])
    ]


def validate_name_text(value: str) -> None:
    """A name reads as it displays: no direction controls, nothing invisible, something visible
    (see :mod:`guwah.text`)."""
    hidden = readable.hidden_characters(value)
    if not readable.has_visible_character(value):
        if hidden:
            raise ValidationError(
                _("A name needs a visible letter; this one is made only of %(characters)s.")
                % {"characters": ", ".join(readable.labels(hidden))},
                code="invisible_name",
            )
        raise ValidationError(_("A name needs a visible letter."), code="invisible_name")
    if hidden:
        raise ValidationError(
            _hidden_character_messages(hidden, str(_("The name"))), code="hidden_characters"
        )


def validate_short_text(value: str) -> None:
    """A short text (a title, a witness's name, a stated reason) holds no character that
    reorders it or does not show (see :mod:`guwah.text`)."""
    hidden = readable.hidden_characters(value)
    if hidden:
        raise ValidationError(
            _hidden_character_messages(hidden, str(_("The text"))), code="hidden_characters"
        )


def photo_name(instance: models.Model, filename: str) -> str:
    """A stored photo's name: random, so that it tells nothing (the uploader's file name often
    names the person or the witness) and cannot be guessed; the type is read from the bytes."""
    return f"photos/{uuid.uuid4().hex}"


def testimony_media_name(instance: models.Model, filename: str) -> str:
    """A testimony recording's or scan's name: random, like :func:`photo_name`."""
    return f"testimony/{uuid.uuid4().hex}"


class Visibility(models.TextChoices):
    RESTRICTED = "restricted", _("Restricted")
    INTERNAL = "internal", _("Internal")
    PUBLIC = "public", _("Public")


class PublicationLevel(models.TextChoices):
    """How much of a published person the family agreed to show; the public-reading function
    applies it to every page, answer and download."""

    FULL = "full", _("Full identity")
    PARTIAL = "partial", _("Partial: given name and initial, county, age band")
    ANONYMOUS = "anonymous", _("Anonymous: entry number, age band, prefecture")


class Script(models.TextChoices):
    UYGHUR_ARABIC = "ug-Arab", _("Uyghur, Arabic script")
    UYGHUR_LATIN = "ug-Latn", _("Uyghur, Latin script")
    UYGHUR_CYRILLIC = "ug-Cyrl", _("Uyghur, Cyrillic script")
    CHINESE = "zh-Hans", _("Chinese characters")
    PINYIN = "zh-Latn-pinyin", _("Pinyin")
    INFORMAL_LATIN = "und-Latn", _("Other Latin spelling")


class Protected(models.Model):
    """Who may see a record and what its people agreed to; every view and export asks these."""

    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.RESTRICTED
    )
    consent_publish = models.BooleanField(_("may publish"), default=False)
    consent_share_un = models.BooleanField(_("may share with UN mechanisms"), default=False)
    consent_name_witness = models.BooleanField(_("may name the witness"), default=False)
    synthetic = models.BooleanField(
        _("synthetic"), default=False, help_text=_("Generated demo or benchmark data.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A record two people may edit at once. Its version grows by one with every save, so an
    editor can be told that someone else saved it since they opened it, instead of silently
    overwriting their work."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and self.pk is not None:
            # Counted from the stored row, not from this instance: an instance read before
            # someone else's save, or restored from an old version, must not reuse a number
            # an editor has already been given.
            stored = (
                type(self)
                ._base_manager.filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            self.version = (stored or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class PlaceQuerySet(models.QuerySet["Place"]):
    """The one way the place hierarchy is walked: down from a place (:meth:`within`), and up
    from a record's place to its prefecture (:func:`prefecture_of`)."""

    def within(self, place: Place) -> list[int]:
        """``place`` and the places within it, down to a village: a handful of keys, read first
        so that a person query needs no join over the place hierarchy."""
        within = {place.pk}
        level = [place.pk]
        for _depth in range(PLACE_DEPTH - 1):
            level = list(self.filter(parent_id__in=level).values_list("pk", flat=True))
            if not level:
                break
            within.update(level)
        return sorted(within)


# Region > prefecture > county > township > village: a prefecture is at most this many steps
# above a place a record names (the place itself included).
PLACE_DEPTH = 4


def prefecture_of(path: str = "hometown") -> models.Case:
    """The prefecture the place at ``path`` (a foreign key to :class:`Place`) lies in, as a
    column: the place itself or one of its ancestors, or NULL above or without one."""
    whens = []
    for depth in range(PLACE_DEPTH):
        link = path + "__parent" * depth
        whens.append(models.When(**{f"{link}__level": "prefecture"}, then=f"{link}_id"))
    return models.Case(*whens, default=None, output_field=models.IntegerField())


class Place(models.Model):
    class Level(models.TextChoices):
        REGION = "region", _("Region")
        PREFECTURE = "prefecture", _("Prefecture")
        COUNTY = "county", _("County")
        TOWNSHIP = "township", _("Township")
        VILLAGE = "village", _("Village")

    code = models.CharField(_("GB/T 2260 code"), max_length=12, blank=True, db_index=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_en = models.CharField(_("English name"), max_length=200)
    name_ug_arab = models.CharField(_("Uyghur name (Arabic script)"), max_length=200, blank=True)
    name_ug_latn = models.CharField(_("Uyghur name (Latin script)"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    pinyin = models.CharField(_("pinyin"), max_length=200, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True)

    objects = PlaceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="place_code_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_en

    def ancestors(self) -> list[Place]:
        chain: list[Place] = []
        node = self.parent
        while node is not None and len(chain) < 10:
            chain.append(node)
            node = node.parent
        return chain


class Facility(models.Model):
    class Kind(models.TextChoices):
        CAMP = "camp", _("Camp")
        PRISON = "prison", _("Prison")
        DETENTION_CENTRE = "detention_centre", _("Detention centre")
        POLICE_STATION = "police_station", _("Police station")
        FACTORY = "factory", _("Factory")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name_en = models.CharField(_("English name"), max_length=300)
    name_ug = models.CharField(_("Uyghur name"), max_length=300, blank=True)
    name_ug_latn = models.CharField(_("Uyghur name (Latin script)"), max_length=300, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    security_tier = models.PositiveSmallIntegerField(
        _("security tier"),
        null=True,
        blank=True,
        help_text=_("1 (lowest) to 4 (highest), in the manner of ASPI's Xinjiang Data Project."),
    )
    coordinates_source = models.TextField(
        _("source of the coordinates"),
        blank=True,
        help_text=_("Where the location comes from (e.g. a satellite-imagery study)."),
    )
    built = models.CharField(_("built"), max_length=32, blank=True)
    expanded = models.CharField(_("expanded"), max_length=32, blank=True)
    source = models.TextField(_("sources"), blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = _("facilities")

    def __str__(self) -> str:
        return self.name_en

    def clean(self) -> None:
        if self.security_tier is not None and not 1 <= self.security_tier <= 4:
            raise ValidationError({"security_tier": _("A security tier runs from 1 to 4.")})


class Person(Versioned, Verified, Protected):
    class Sex(models.TextChoices):
        FEMALE = "f", _("Female")
        MALE = "m", _("Male")
        UNKNOWN = "", _("Unknown")

    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    birth_date = models.CharField(
        _("birth date"),
        max_length=32,
        blank=True,
        help_text=_("A year, a month or a day, e.g. 1978, 1978-05 or about 1978."),
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, db_index=True
    )
    ethnicity = models.CharField(
        _("ethnicity"),
        max_length=64,
        blank=True,
        default="Uyghur",
        validators=[validate_short_text],
    )
    hometown = models.ForeignKey(
        Place,
        verbose_name=_("hometown"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="natives",
    )
    # A township or village the family typed, which the gazetteer may not hold; a documenter
    # later turns it into a place.
    hometown_text = models.CharField(
        _("township or village"), max_length=200, blank=True, validators=[validate_short_text]
    )
    occupation = models.CharField(
        _("occupation"), max_length=200, blank=True, validators=[validate_short_text]
    )
    photo = models.ImageField(_("photo"), upload_to=photo_name, blank=True)
    notes = EncryptedTextField(_("notes"), blank=True, label="registry.person.notes")
    # "Full" is what consent to publication meant before levels existed, so earlier consents
    # keep their meaning; a family choosing less is recorded here.
    publication_level = models.CharField(
        _("publication level"),
        max_length=16,
        choices=PublicationLevel.choices,
        default=PublicationLevel.FULL,
    )
    # A face identifies a person even where the name is withheld: its own consent.
    consent_publish_photo = models.BooleanField(_("may publish the photo"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["visibility", "synthetic"]),
            # The person list's default order, newest first.
            models.Index(fields=["-updated_at", "-id"], name="person_recent_idx"),
            # The published persons (about one in twenty): the memorial counts them, and checks
            # its kept summaries against them, from this index alone. Not a partial index:
            # SQLite does not use one for a condition given as query parameters.
            models.Index(
                fields=["visibility", "consent_publish", "id"], name="person_published_idx"
            ),
        ]
        permissions = [("publish_person", _("Can make a person's record public"))]

    def __str__(self) -> str:
        name = self.primary_name
        return name.text if name else _("Person %(id)s") % {"id": self.pk}

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.birth_date:
            parsed = PartialDate.parse(self.birth_date)
            self.birth_date = parsed.edtf()
            self.birth_year = parsed.year
        else:
            self.birth_year = None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.birth_date:
            try:
                parsed = PartialDate.parse(self.birth_date)
            except InvalidPartialDate as exc:
                raise ValidationError({"birth_date": describe_invalid_date(exc)}) from exc
            self.birth_date = parsed.edtf()
            self.birth_year = parsed.year

    @property
    def primary_name(self) -> Name | None:
        names = list(self.names.all())
        for name in names:
            if name.kind == Name.Kind.PRIMARY:
                return name
        return names[0] if names else None

    @property
    def partial_birth_date(self) -> PartialDate | None:
        return PartialDate.parse(self.birth_date) if self.birth_date else None


class IdentityDocument(models.Model):
    class Kind(models.TextChoices):
        PRC_RESIDENT_ID = "prc_id", _("PRC resident identity card")
        PASSPORT = "passport", _("Passport")
        OTHER = "other", _("Other")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    # Encrypted; found again by its keyed hash (an index on ciphertext would find nothing).
    number = EncryptedCharField(
        _("number"), max_length=64, label="registry.identitydocument.number"
    )
    number_hash = LookupHashField(source="number", label="registry.identitydocument.number")
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Name(models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary")
        ALIAS = "alias", _("Alias")
        OFFICIAL_CHINESE = "official_zh", _("Official Chinese form")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    text = models.CharField(_("name"), max_length=300, validators=[validate_name_text])
    script = models.CharField(_("script"), max_length=20, choices=Script.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PRIMARY)
    # Filled from the names engine on save, so search and linkage never recompute them per query.
    uly = models.CharField(_("Uyghur Latin form"), max_length=300, blank=True)
    match_key = models.CharField(_("match key"), max_length=300, blank=True, db_index=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["person_id", "kind", "id"]

    def __str__(self) -> str:
        return self.text


class FamilyTie(models.Model):
    """``relative`` is ``person``'s ``relation``.

    (Aygul, Memet, parent) reads "Memet is Aygul's parent"; the inverse tie (Memet, Aygul,
    child) is always stored beside it, so that either person's page reads its relatives
    with one query.
    """

    class Relation(models.TextChoices):
        PARENT = "parent", _("Parent")
        CHILD = "child", _("Child")
        SIBLING = "sibling", _("Sibling")
        SPOUSE = "spouse", _("Spouse")
        OTHER = "other", _("Other relative")

    INVERSE = {
        Relation.PARENT: Relation.CHILD,
        Relation.CHILD: Relation.PARENT,
        Relation.SIBLING: Relation.SIBLING,
        Relation.SPOUSE: Relation.SPOUSE,
        Relation.OTHER: Relation.OTHER,
    }

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_as_relative")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    note = models.CharField(_("note"), max_length=200, blank=True, validators=[validate_short_text])
    synthetic = models.BooleanField(_("synthetic"), default=False)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "relative", "relation"], name="tie_unique"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="tie_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative} — {self.get_relation_display()} — {self.person}"


class Testimony(Versioned, Protected):
    persons = models.ManyToManyField(Person, verbose_name=_("about"), related_name="testimonies")
    # Every witness's name is encrypted at rest, whatever the consent: it is what an attacker
    # who copies the database wants first.
    witness_name = EncryptedCharField(
        _("witness"),
        max_length=200,
        validators=[validate_short_text],
        label="registry.testimony.witness_name",
    )
    witness_relationship = models.CharField(
        _("witness's relationship to the person"),
        max_length=100,
        blank=True,
        validators=[validate_short_text],
    )
    given_on = models.CharField(_("date given"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    text = EncryptedTextField(_("testimony"), blank=True, label="registry.testimony.text")
    # Encrypted on disk like the testimony's text: a recording carries the witness's voice.
    media = models.FileField(
        _("recording or scan"),
        upload_to=testimony_media_name,
        blank=True,
        storage=sealed_storage,
    )

    history = HistoricalRecords(m2m_fields=[persons])

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("testimonies")
        permissions = [("publish_testimony", _("Can make a testimony public"))]

    def __str__(self) -> str:
        return _("Testimony of %(witness)s") % {"witness": self.witness_name}

    def clean(self) -> None:
        if self.given_on:
            try:
                self.given_on = PartialDate.parse(self.given_on).edtf()
            except InvalidPartialDate as exc:
                raise ValidationError({"given_on": describe_invalid_date(exc)}) from exc


class Evidence(Versioned, Verified, Protected):
    class Kind(models.TextChoices):
        OFFICIAL_DOCUMENT = "official_document", _("Official document")
        LEAKED_RECORD = "leaked_record", _("Leaked record")
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")
        NEWS_REPORT = "news_report", _("News report")
        SATELLITE_IMAGE = "satellite_image", _("Satellite image")
        OTHER = "other", _("Other")

    class Reliability(models.TextChoices):
        # The Admiralty scale's source-reliability grades, familiar to investigators.
        A = "A", _("A — completely reliable")
        B = "B", _("B — usually reliable")
        C = "C", _("C — fairly reliable")
        D = "D", _("D — not usually reliable")
        E = "E", _("E — unreliable")
        F = "F", _("F — cannot be judged")

    persons = models.ManyToManyField(
        Person, verbose_name=_("about"), related_name="evidence", blank=True
    )
    facility = models.ForeignKey(
        Facility, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300, validators=[validate_short_text])
    reference = models.URLField(_("reference"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to="evidence/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    reliability = models.CharField(
        _("reliability"), max_length=1, choices=Reliability.choices, default=Reliability.F
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords(m2m_fields=[persons])

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("evidence")
        permissions = [("publish_evidence", _("Can make evidence public"))]

    def __str__(self) -> str:
        return self.title


class Incident(models.Model):
    """One happening that touched many people: a family taken the same night, a mass arrest in a
    village, a group sentenced in one trial. Linking events to it shows patterns that single
    records hide."""

    title = models.CharField(_("title"), max_length=300, validators=[validate_short_text])
    date = models.CharField(
        _("date"),
        max_length=32,
        blank=True,
        help_text=_("A year, a month or a day, e.g. 2017, 2017-05 or before 2018."),
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidents",
    )
    description = models.TextField(_("what is known"), blank=True)
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.date:
            try:
                self.date = PartialDate.parse(self.date).edtf()
            except InvalidPartialDate as exc:
                raise ValidationError({"date": describe_invalid_date(exc)}) from exc


class Event(Versioned):
    class Kind(models.TextChoices):
        CAMP_DETENTION = "camp", _("Detention in a camp")
        ARREST = "arrest", _("Arrest")
        POLICE_CUSTODY = "custody", _("Police custody")
        TRIAL = "trial", _("Trial")
        SENTENCE = "sentence", _("Sentence")
        PRISON = "prison", _("Prison")
        TRANSFER = "transfer", _("Transfer")
        FORCED_LABOUR = "forced_labour", _("Forced labour")
        RELEASE = "release", _("Release")
        DEATH = "death", _("Death")
        REPORTED_DEATH = "reported_death", _("Reported death")
        DISAPPEARANCE = "disappearance", _("Disappearance")
        LOST_CONTACT = "lost_contact", _("Lost contact")

    class Basis(models.TextChoices):
        # A death, above all, is never recorded as fact on hearsay: "reported death" on a
        # second-hand account is not "death" confirmed by a document or an eyewitness.
        DOCUMENTED = "documented", _("A document says so")
        FIRST_HAND = "first_hand", _("A witness saw or heard it directly")
        SECOND_HAND = "second_hand", _("Heard from others")
        UNKNOWN = "", _("Not stated")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=24, choices=Kind.choices)
    date = models.CharField(
        _("date"),
        max_length=32,
        blank=True,
        help_text=_("A year, a month or a day, e.g. 2017, 2017-05 or before 2018."),
    )
    date_earliest = models.DateField(null=True, blank=True, editable=False)
    date_latest = models.DateField(null=True, blank=True, editable=False)
    date_sort = models.DateField(null=True, blank=True, editable=False, db_index=True)
    facility = models.ForeignKey(
        Facility,
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    sentence_months = models.PositiveIntegerField(
        _("sentence length (months)"), null=True, blank=True
    )
    stated_reason = models.CharField(
        _("stated reason"), max_length=500, blank=True, validators=[validate_short_text]
    )
    description = models.TextField(_("what is known"), blank=True)
    basis = models.CharField(
        _("what this rests on"), max_length=16, choices=Basis.choices, blank=True
    )
    incident = models.ForeignKey(
        Incident,
        verbose_name=_("incident"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    testimonies = models.ManyToManyField(
        Testimony, verbose_name=_("testimonies"), related_name="events", blank=True
    )
    evidence = models.ManyToManyField(
        Evidence, verbose_name=_("evidence"), related_name="events", blank=True
    )
    synthetic = models.BooleanField(_("synthetic"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[testimonies, evidence])

    class Meta:
        ordering = ["person_id", "date_sort", "id"]
        indexes = [
            models.Index(fields=["kind", "date_sort"]),
            # The derived status reads each person's last event; this index answers it.
            models.Index(fields=["person", "date_sort"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        parsed = self.partial_date
        if parsed is None:
            self.date_earliest = self.date_latest = self.date_sort = None
        else:
            self.date = parsed.edtf()
            self.date_earliest, self.date_latest = parsed.earliest, parsed.latest
            self.date_sort = parsed.sort_key
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.date:
            try:
                PartialDate.parse(self.date)
            except InvalidPartialDate as exc:
                raise ValidationError({"date": describe_invalid_date(exc)}) from exc
        if self.sentence_months is not None and self.kind != self.Kind.SENTENCE:
            raise ValidationError({"sentence_months": _("Only a sentence has a length.")})

    @property
    def partial_date(self) -> PartialDate | None:
        return PartialDate.parse(self.date) if self.date else None


class NameKey(models.Model):
    """One match key of one name: of a word (given name, father's name), of the whole name, or
    of a pair of its words.

    Search looks keys up here with an index rather than reading every name, so a person is found
    from any spelling of either part of the name in any script. :mod:`guwah.registry.names_index`
    writes the rows whenever a name is saved.
    """

    WHOLE = -1

    # Lookups by name use the unique (name, part) constraint's index; a second index on the
    # name alone would only slow the loading of millions of keys.
    name = models.ForeignKey(Name, on_delete=models.CASCADE, related_name="keys", db_index=False)
    part = models.SmallIntegerField(
        _("part"),
        help_text=_("0 for the first word, -1 for the whole name, -2 and below for pairs of keys"),
    )
    key = models.CharField(_("key"), max_length=100)

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
        # The constraint and the index keep the names they were created with when the table
        # belonged to the names engine: renaming them would rebuild both on millions of rows.
        constraints = [
            models.UniqueConstraint(fields=["name", "part"], name="names_namekey_one_per_part"),
        ]
        indexes = [
            # Search reads the names having a key from this index alone (no table row per
            # name), and intersects two keys' names by merging two of its ranges.
            models.Index(fields=["key", "name"], name="names_namekey_key_name"),
        ]

    def __str__(self) -> str:
        return self.key


# Compartments, the read audit and export approvals live in their own module; imported here so
# that Django finds them among the registry's models.
from guwah.registry.compartments import (  # noqa: E402
    CaseAccess,
    CaseTeam,
    ExportRequest,
    RecordRead,
    Team,
)

# The ladder's levels and the disputes raised against an entry (see ``verification.py``).
from guwah.registry.verification import Rebuttal, Verification  # noqa: E402

__all__ = [
    "CaseAccess",
    "CaseTeam",
    "ExportRequest",
    "Rebuttal",
    "RecordRead",
    "Team",
    "Verification",
]
