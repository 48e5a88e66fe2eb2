from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamesConfig(AppConfig):
    name = "guwah.names"
    label = "names"
    verbose_name = _("Names")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from guwah.names.integration import on_name_post_save, on_name_pre_save

        # Every saved name carries its ULY form and match keys, whichever code path saved it.
        pre_save.connect(on_name_pre_save, sender="registry.Name", dispatch_uid="names-fill-forms")
        post_save.connect(on_name_post_save, sender="registry.Name", dispatch_uid="names-keys")
