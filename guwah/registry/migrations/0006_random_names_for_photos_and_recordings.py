"""Photos and testimony recordings are stored under random names (no column changes).

Files stored before keep their names; they are served, like every stored file, only through
the guarded file view.
"""

from django.db import migrations, models

import guwah.registry.models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0005_record_versions_and_readable_texts"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="photo",
            field=models.ImageField(
                blank=True, upload_to=guwah.registry.models.photo_name, verbose_name="photo"
            ),
        ),
        migrations.AlterField(
            model_name="testimony",
            name="media",
            field=models.FileField(
                blank=True,
                upload_to=guwah.registry.models.testimony_media_name,
                verbose_name="recording or scan",
            ),
        ),
    ]
