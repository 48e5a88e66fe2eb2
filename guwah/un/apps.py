from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnConfig(AppConfig):
    name = "guwah.un"
    label = "un"
    verbose_name = _("UN submissions")

    def ready(self) -> None:
        from guwah.registry import panels
        from guwah.un.views import person_panel

        # The registry offers the hook and never learns who fills it.
        panels.register_person_panel(person_panel)
