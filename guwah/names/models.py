from django.db import models
from django.utils.translation import gettext_lazy as _


class NameKey(models.Model):
    """One match key of one registry name: of a part (given name, father's name) or of the whole.

    Search looks keys up here with an index rather than reading every name, so a person is found
    from any spelling of either part of the name in any script.
    """

    WHOLE = -1

    # Lookups by name use the unique (name, part) constraint's index; a second index on the
    # name alone would only slow the loading of millions of keys.
    name = models.ForeignKey(
        "registry.Name", on_delete=models.CASCADE, related_name="keys", db_index=False
    )
    part = models.SmallIntegerField(
        _("part"),
        help_text=_("0 for the first word, -1 for the whole name, -2 and below for pairs of keys"),
    )
    key = models.CharField(_("key"), max_length=100)

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
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
