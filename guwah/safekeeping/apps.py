from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafekeepingConfig(AppConfig):
    """Keys, backups, restores and erasure: keeping the record safe as a whole."""

    name = "guwah.safekeeping"
    label = "safekeeping"
    verbose_name = _("Safekeeping")

    def ready(self) -> None:
        from guwah.safekeeping import checks  # noqa: F401  (registers the start-up checks)
