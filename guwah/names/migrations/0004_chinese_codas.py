from importlib import import_module

from django.db import migrations

# The Chinese reader now closes a word with its last consonant character (阿力木 is Alim, not
# Almu), which changes the stored ULY form of such names and, rarely, their keys. The work is
# the same as when pair keys came in, so that migration's function is used again.
recompute_stored_forms = import_module("guwah.names.migrations.0003_pair_keys").recompute_stored_forms


class Migration(migrations.Migration):
    dependencies = [
        ("names", "0003_pair_keys"),
    ]

    operations = [
        migrations.RunPython(recompute_stored_forms, migrations.RunPython.noop, elidable=True),
    ]
