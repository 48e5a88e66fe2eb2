from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save, pre_save


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

        from guwah.registry import names_index

        # Every saved name carries its ULY form and search keys, whichever code path saved it.
        Name = self.get_model("Name")
        pre_save.connect(names_index.on_name_pre_save, sender=Name, dispatch_uid="name-forms")
        post_save.connect(names_index.on_name_post_save, sender=Name, dispatch_uid="name-keys")
