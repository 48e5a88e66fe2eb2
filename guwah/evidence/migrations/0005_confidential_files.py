"""Stored files encrypted on disk (``sealed.py``): each blob records whether its file is. Files
stored before stay readable in the clear until ``guwah keys rotate`` encrypts them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0004_logentry_field_salts"),
    ]

    operations = [
        migrations.AddField(
            model_name="blob",
            name="encrypted",
            field=models.BooleanField(default=False, verbose_name="encrypted on disk"),
        ),
    ]
