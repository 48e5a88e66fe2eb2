"""Publication levels: how much of a published person the family agreed to show, and the
photo's own consent; the verification ladder of cases and evidence items; rebuttals; the
facilities gazetteer's Latin-script name, coordinate source and dates."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

LEVELS = [
    ("full", "Full identity"),
    ("partial", "Partial: given name and initial, county, age band"),
    ("anonymous", "Anonymous: entry number, age band, prefecture"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0008_compartments"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations: list[migrations.operations.base.Operation] = (
        [
            migrations.AddField(
                model_name=model,
                name="publication_level",
                field=models.CharField(
                    choices=LEVELS, default="full", max_length=16, verbose_name="publication level"
                ),
            )
            for model in ("person", "historicalperson")
        ]
        + [
            migrations.AddField(
                model_name=model,
                name="consent_publish_photo",
                field=models.BooleanField(default=False, verbose_name="may publish the photo"),
            )
            for model in ("person", "historicalperson")
        ]
        + [
            migrations.AddField(
                model_name="evidence",
                name="corroborated_by",
                field=models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="corroborated by",
                ),
            ),
            migrations.AddField(
                model_name="evidence",
                name="verification",
                field=models.CharField(
                    choices=[
                        ("reported", "Reported"),
                        ("corroborated", "Corroborated by a second source"),
                        ("verified", "Verified by a second documenter"),
                    ],
                    db_index=True,
                    default="reported",
                    max_length=16,
                    verbose_name="verification",
                ),
            ),
            migrations.AddField(
                model_name="evidence",
                name="verification_checklist",
                field=models.CharField(blank=True, max_length=300, verbose_name="checklist ticked"),
            ),
            migrations.AddField(
                model_name="evidence",
                name="verified_at",
                field=models.DateTimeField(blank=True, null=True, verbose_name="verified"),
            ),
            migrations.AddField(
                model_name="evidence",
                name="verified_by",
                field=models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="verified by",
                ),
            ),
            migrations.AddField(
                model_name="historicalevidence",
                name="corroborated_by",
                field=models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="corroborated by",
                ),
            ),
            migrations.AddField(
                model_name="historicalevidence",
                name="verification",
                field=models.CharField(
                    choices=[
                        ("reported", "Reported"),
                        ("corroborated", "Corroborated by a second source"),
                        ("verified", "Verified by a second documenter"),
                    ],
                    db_index=True,
                    default="reported",
                    max_length=16,
                    verbose_name="verification",
                ),
            ),
            migrations.AddField(
                model_name="historicalevidence",
                name="verification_checklist",
                field=models.CharField(blank=True, max_length=300, verbose_name="checklist ticked"),
            ),
            migrations.AddField(
                model_name="historicalevidence",
                name="verified_at",
                field=models.DateTimeField(blank=True, null=True, verbose_name="verified"),
            ),
            migrations.AddField(
                model_name="historicalevidence",
                name="verified_by",
                field=models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="verified by",
                ),
            ),
            migrations.AddField(
                model_name="historicalperson",
                name="corroborated_by",
                field=models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="corroborated by",
                ),
            ),
            migrations.AddField(
                model_name="historicalperson",
                name="verification",
                field=models.CharField(
                    choices=[
                        ("reported", "Reported"),
                        ("corroborated", "Corroborated by a second source"),
                        ("verified", "Verified by a second documenter"),
                    ],
                    db_index=True,
                    default="reported",
                    max_length=16,
                    verbose_name="verification",
                ),
            ),
            migrations.AddField(
                model_name="historicalperson",
                name="verification_checklist",
                field=models.CharField(blank=True, max_length=300, verbose_name="checklist ticked"),
            ),
            migrations.AddField(
                model_name="historicalperson",
                name="verified_at",
                field=models.DateTimeField(blank=True, null=True, verbose_name="verified"),
            ),
            migrations.AddField(
                model_name="historicalperson",
                name="verified_by",
                field=models.ForeignKey(
                    blank=True,
                    db_constraint=False,
                    null=True,
                    on_delete=django.db.models.deletion.DO_NOTHING,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="verified by",
                ),
            ),
            migrations.AddField(
                model_name="person",
                name="corroborated_by",
                field=models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="corroborated by",
                ),
            ),
            migrations.AddField(
                model_name="person",
                name="verification",
                field=models.CharField(
                    choices=[
                        ("reported", "Reported"),
                        ("corroborated", "Corroborated by a second source"),
                        ("verified", "Verified by a second documenter"),
                    ],
                    db_index=True,
                    default="reported",
                    max_length=16,
                    verbose_name="verification",
                ),
            ),
            migrations.AddField(
                model_name="person",
                name="verification_checklist",
                field=models.CharField(blank=True, max_length=300, verbose_name="checklist ticked"),
            ),
            migrations.AddField(
                model_name="person",
                name="verified_at",
                field=models.DateTimeField(blank=True, null=True, verbose_name="verified"),
            ),
            migrations.AddField(
                model_name="person",
                name="verified_by",
                field=models.ForeignKey(
                    blank=True,
                    null=True,
                    on_delete=django.db.models.deletion.SET_NULL,
                    related_name="+",
                    to=settings.AUTH_USER_MODEL,
                    verbose_name="verified by",
                ),
            ),
            migrations.CreateModel(
                name="HistoricalRebuttal",
                fields=[
                    (
                        "id",
                        models.BigIntegerField(
                            auto_created=True, blank=True, db_index=True, verbose_name="ID"
                        ),
                    ),
                    ("claimant", models.CharField(max_length=300, verbose_name="who says so")),
                    ("claim", models.TextField(verbose_name="what they say")),
                    ("source", models.CharField(max_length=500, verbose_name="where it was said")),
                    (
                        "source_url",
                        models.URLField(
                            blank=True, max_length=1000, verbose_name="address of the source"
                        ),
                    ),
                    (
                        "claimed_on",
                        models.CharField(blank=True, max_length=32, verbose_name="when"),
                    ),
                    (
                        "answer",
                        models.TextField(blank=True, verbose_name="the organisation's answer"),
                    ),
                    (
                        "answered_at",
                        models.DateTimeField(blank=True, null=True, verbose_name="answered"),
                    ),
                    ("synthetic", models.BooleanField(default=False, verbose_name="synthetic")),
                    (
                        "created_at",
                        models.DateTimeField(blank=True, editable=False, verbose_name="recorded"),
                    ),
                    ("history_id", models.AutoField(primary_key=True, serialize=False)),
                    ("history_date", models.DateTimeField(db_index=True)),
                    ("history_change_reason", models.CharField(max_length=100, null=True)),
                    (
                        "history_type",
                        models.CharField(
                            choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                            max_length=1,
                        ),
                    ),
                    (
                        "created_by",
                        models.ForeignKey(
                            blank=True,
                            db_constraint=False,
                            null=True,
                            on_delete=django.db.models.deletion.DO_NOTHING,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                            verbose_name="recorded by",
                        ),
                    ),
                    (
                        "history_user",
                        models.ForeignKey(
                            null=True,
                            on_delete=django.db.models.deletion.SET_NULL,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                        ),
                    ),
                    (
                        "person",
                        models.ForeignKey(
                            blank=True,
                            db_constraint=False,
                            null=True,
                            on_delete=django.db.models.deletion.DO_NOTHING,
                            related_name="+",
                            to="registry.person",
                            verbose_name="about",
                        ),
                    ),
                ],
                options={
                    "verbose_name": "historical rebuttal",
                    "verbose_name_plural": "historical rebuttals",
                    "ordering": ("-history_date", "-history_id"),
                    "get_latest_by": ("history_date", "history_id"),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name="Rebuttal",
                fields=[
                    (
                        "id",
                        models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                        ),
                    ),
                    ("claimant", models.CharField(max_length=300, verbose_name="who says so")),
                    ("claim", models.TextField(verbose_name="what they say")),
                    ("source", models.CharField(max_length=500, verbose_name="where it was said")),
                    (
                        "source_url",
                        models.URLField(
                            blank=True, max_length=1000, verbose_name="address of the source"
                        ),
                    ),
                    (
                        "claimed_on",
                        models.CharField(blank=True, max_length=32, verbose_name="when"),
                    ),
                    (
                        "answer",
                        models.TextField(blank=True, verbose_name="the organisation's answer"),
                    ),
                    (
                        "answered_at",
                        models.DateTimeField(blank=True, null=True, verbose_name="answered"),
                    ),
                    ("synthetic", models.BooleanField(default=False, verbose_name="synthetic")),
                    (
                        "created_at",
                        models.DateTimeField(auto_now_add=True, verbose_name="recorded"),
                    ),
                    (
                        "created_by",
                        models.ForeignKey(
                            blank=True,
                            null=True,
                            on_delete=django.db.models.deletion.SET_NULL,
                            related_name="+",
                            to=settings.AUTH_USER_MODEL,
                            verbose_name="recorded by",
                        ),
                    ),
                    (
                        "person",
                        models.ForeignKey(
                            on_delete=django.db.models.deletion.PROTECT,
                            related_name="rebuttals",
                            to="registry.person",
                            verbose_name="about",
                        ),
                    ),
                ],
                options={
                    "verbose_name": "rebuttal",
                    "ordering": ["created_at", "id"],
                },
            ),
        ]
        + [
            migrations.AddField(
                model_name="facility",
                name="built",
                field=models.CharField(blank=True, max_length=32, verbose_name="built"),
            ),
            migrations.AddField(
                model_name="facility",
                name="coordinates_source",
                field=models.TextField(
                    blank=True,
                    help_text="Where the location comes from (e.g. a satellite-imagery study).",
                    verbose_name="source of the coordinates",
                ),
            ),
            migrations.AddField(
                model_name="facility",
                name="expanded",
                field=models.CharField(blank=True, max_length=32, verbose_name="expanded"),
            ),
            migrations.AddField(
                model_name="facility",
                name="name_ug_latn",
                field=models.CharField(
                    blank=True, max_length=300, verbose_name="Uyghur name (Latin script)"
                ),
            ),
            migrations.AddField(
                model_name="facility",
                name="source",
                field=models.TextField(blank=True, verbose_name="sources"),
            ),
            migrations.AddField(
                model_name="historicalfacility",
                name="built",
                field=models.CharField(blank=True, max_length=32, verbose_name="built"),
            ),
            migrations.AddField(
                model_name="historicalfacility",
                name="coordinates_source",
                field=models.TextField(
                    blank=True,
                    help_text="Where the location comes from (e.g. a satellite-imagery study).",
                    verbose_name="source of the coordinates",
                ),
            ),
            migrations.AddField(
                model_name="historicalfacility",
                name="expanded",
                field=models.CharField(blank=True, max_length=32, verbose_name="expanded"),
            ),
            migrations.AddField(
                model_name="historicalfacility",
                name="name_ug_latn",
                field=models.CharField(
                    blank=True, max_length=300, verbose_name="Uyghur name (Latin script)"
                ),
            ),
            migrations.AddField(
                model_name="historicalfacility",
                name="source",
                field=models.TextField(blank=True, verbose_name="sources"),
            ),
        ]
    )
