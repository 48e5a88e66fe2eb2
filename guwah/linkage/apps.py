from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "guwah.linkage"
    label = "linkage"

    def ready(self) -> None:
        from guwah.linkage import erasure
        from guwah.registry.signals import person_erased

        # The registry announces an erasure; linkage removes what its merges kept of it.
        person_erased.connect(erasure.forget_erased, dispatch_uid="linkage-forget-erased")
