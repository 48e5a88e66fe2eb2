"""Persons, events, testimonies and evidence count their versions, so a second editor is told of
the first one's change; names and short texts refuse characters that reorder them or do not show
(validators only: no column changes).

Existing rows start at version 1. Texts stored before this migration are not rewritten: a
record holding such characters is refused the next time it is saved until they are removed.
"""

import guwah.registry.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_name_keys_in_the_registry"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="evidence",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicalevidence",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicalperson",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="historicaltestimony",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="person",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AddField(
            model_name="testimony",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
        ),
        migrations.AlterField(
            model_name="event",
            name="stated_reason",
            field=models.CharField(
                blank=True,
                max_length=500,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="stated reason",
            ),
        ),
        migrations.AlterField(
            model_name="evidence",
            name="title",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="familytie",
            name="note",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevent",
            name="stated_reason",
            field=models.CharField(
                blank=True,
                max_length=500,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="stated reason",
            ),
        ),
        migrations.AlterField(
            model_name="historicalevidence",
            name="title",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalfamilytie",
            name="note",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="note",
            ),
        ),
        migrations.AlterField(
            model_name="historicalincident",
            name="title",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalname",
            name="text",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_name_text],
                verbose_name="name",
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="ethnicity",
            field=models.CharField(
                blank=True,
                default="Uyghur",
                max_length=64,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="ethnicity",
            ),
        ),
        migrations.AlterField(
            model_name="historicalperson",
            name="occupation",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="occupation",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltestimony",
            name="witness_name",
            field=models.CharField(
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness",
            ),
        ),
        migrations.AlterField(
            model_name="historicaltestimony",
            name="witness_relationship",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness's relationship to the person",
            ),
        ),
        migrations.AlterField(
            model_name="incident",
            name="title",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="title",
            ),
        ),
        migrations.AlterField(
            model_name="name",
            name="text",
            field=models.CharField(
                max_length=300,
                validators=[guwah.registry.models.validate_name_text],
                verbose_name="name",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="ethnicity",
            field=models.CharField(
                blank=True,
                default="Uyghur",
                max_length=64,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="ethnicity",
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="occupation",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="occupation",
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="witness_name",
            field=models.CharField(
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness",
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="witness_relationship",
            field=models.CharField(
                blank=True,
                max_length=100,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="witness's relationship to the person",
            ),
        ),
    ]
