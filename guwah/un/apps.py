from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnConfig(AppConfig):
    name = "guwah.un"
    label = "un"
    verbose_name = _("UN submissions")

    def ready(self) -> None:
        from guwah.registry import case_steps, panels
        from guwah.un.case_steps import un_case_steps
        from guwah.un.views import person_panel

        # The registry offers the hooks and never learns who fills them.
        panels.register_person_panel(person_panel)
        case_steps.register_case_steps(un_case_steps)
