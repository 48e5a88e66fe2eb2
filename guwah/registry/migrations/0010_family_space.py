"""The family space: a township or village typed by the family, kept beside the hometown."""

from django.db import migrations, models

import guwah.registry.models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0009_publication_levels"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalperson",
            name="hometown_text",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="township or village",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="hometown_text",
            field=models.CharField(
                blank=True,
                max_length=200,
                validators=[guwah.registry.models.validate_short_text],
                verbose_name="township or village",
            ),
        ),
    ]
