from typing import Any

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

# The registry's records the statistics count, by label (the registry is not imported here
# before the app registry is ready).
COUNTED = ("Person", "Event", "Evidence", "Rebuttal", "Name", "Place", "Facility")


def forget(**_kwargs: Any) -> None:
    from guwah.public.reading.statistics import forget_statistics

    forget_statistics()


def resummarise(sender: Any, instance: Any, **_kwargs: Any) -> None:
    """Rewrite the summary of the person a saved or deleted person or event is about."""
    from guwah.public import summaries

    person_id = instance.pk if sender.__name__ == "Person" else instance.person_id
    if person_id is not None:
        summaries.refresh([person_id])


def rekey_names(sender: Any, instance: Any, **_kwargs: Any) -> None:
    """Rewrite the kept search keys of the person a saved or deleted name belongs to."""
    from guwah.public import summaries

    summaries.refresh_names([instance.person_id])


def resummarise_merged(sender: Any, survivor: Any, merged_id: int, **_kwargs: Any) -> None:
    """A merge moves events between persons without saving each one."""
    from guwah.public import summaries

    summaries.refresh([survivor.pk, merged_id])


class PublicConfig(AppConfig):
    name = "guwah.public"
    label = "public"
    verbose_name = _("Public memorial")

    def ready(self) -> None:
        from django.apps import apps

        from guwah.registry import signals
        from guwah.registry.models import Evidence

        for name in COUNTED:
            model = apps.get_model("registry", name)
            post_save.connect(forget, sender=model, dispatch_uid=f"memorial-forget-{name}")
            post_delete.connect(forget, sender=model, dispatch_uid=f"memorial-forget-d-{name}")
        for name in ("Person", "Event"):
            model = apps.get_model("registry", name)
            post_save.connect(resummarise, sender=model, dispatch_uid=f"memorial-summary-{name}")
            post_delete.connect(
                resummarise, sender=model, dispatch_uid=f"memorial-summary-d-{name}"
            )
        # After the registry's own receiver has written the name's keys (it is connected first).
        names = apps.get_model("registry", "Name")
        post_save.connect(rekey_names, sender=names, dispatch_uid="memorial-names")
        post_delete.connect(rekey_names, sender=names, dispatch_uid="memorial-names-d")
        m2m_changed.connect(
            forget, sender=Evidence.persons.through, dispatch_uid="memorial-forget-evidence"
        )
        signals.bulk_created.connect(forget, dispatch_uid="memorial-forget-bulk")
        signals.persons_merged.connect(forget, dispatch_uid="memorial-forget-merged")
        signals.persons_merged.connect(resummarise_merged, dispatch_uid="memorial-summary-merged")
        self.forget_kept_pages_on_every_change()

    def forget_kept_pages_on_every_change(self) -> None:
        """A kept page may show anything of the registry and its evidence: any change to any of
        their records makes every kept page stale (``page_cache``)."""
        from django.apps import apps

        from guwah.public.page_cache import forget_pages
        from guwah.registry import signals

        for label in ("registry", "evidence"):
            for model in apps.get_app_config(label).get_models():
                uid = f"memorial-pages-{label}-{model.__name__}"
                post_save.connect(forget_pages, sender=model, dispatch_uid=uid)
                post_delete.connect(forget_pages, sender=model, dispatch_uid=f"{uid}-d")
                for field in model._meta.local_many_to_many:
                    m2m_changed.connect(
                        forget_pages,
                        sender=field.remote_field.through,
                        dispatch_uid=f"{uid}-m2m-{field.name}",
                    )
        hooks = {
            "bulk": signals.bulk_created,
            "merged": signals.persons_merged,
            "erased": signals.person_erased,
        }
        for name, hook in hooks.items():
            hook.connect(forget_pages, dispatch_uid=f"memorial-pages-{name}")
