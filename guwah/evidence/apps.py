from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "guwah.evidence"
    label = "evidence"
    verbose_name = _("Evidence and transparency log")

    def ready(self) -> None:
        from guwah.evidence import signals

        signals.connect()
