from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _refresh_role_groups(sender, using="default", apps=None, **kwargs):
    from guwah.registry.roles import install_role_groups

    if apps is not None:
        install_role_groups(apps, using=using)


class RegistryConfig(AppConfig):
    name = "guwah.registry"
    label = "registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        # Models added by later migrations get their permissions only after ``migrate``; give
        # them to the role groups then, so the groups never lag behind the schema.
        post_migrate.connect(_refresh_role_groups, sender=self)
