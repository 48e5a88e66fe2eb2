"""Redacted copies keep the boxes that were blacked out."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0005_confidential_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="evidencefile",
            name="boxes",
            field=models.JSONField(blank=True, default=list, verbose_name="redacted boxes"),
        ),
    ]
