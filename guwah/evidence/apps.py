from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "guwah.evidence"
    label = "evidence"
    verbose_name = _("Evidence and transparency log")

    def ready(self) -> None:
        from guwah.evidence import services, signals, store, uploads
        from guwah.registry import panels
        from guwah.registry import services as registry_services

        signals.connect()
        from guwah.evidence import erasure
        from guwah.registry.signals import person_erased

        person_erased.connect(erasure.forget_erased, dispatch_uid="evidence-forget-erased")
        # The registry offers the hooks and never learns who fills them.
        registry_services.keep_evidence_files_with(store.keep_original)
        from guwah.evidence import recordings
        from guwah.registry import sealed_files

        sealed_files.open_kept_files_with(recordings.open_kept)
        registry_services.screen_uploads_with(uploads.screen)
        panels.register_person_panel(services.person_panel)
