"""The four roles, as Django groups, and the model permissions each of them holds.

The groups are created by a data migration and brought up to date after every ``migrate``
(models added later get their permissions too). Views do not ask these permissions one by one;
they ask :mod:`guwah.registry.access`, which reads the role. The permissions are kept right so
that the admin site and any future API agree with it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Role(StrEnum):
    FAMILY = "family member"
    DOCUMENTER = "documenter"
    REVIEWER = "reviewer"
    ADMINISTRATOR = "administrator"


# The records a family member writes about their own relatives; ownership of each row is
# still checked by ``access`` (a family member may change only what they submitted).
FAMILY_MODELS = ("person", "name", "familytie", "event", "testimony", "identitydocument")
SIGN_IN_WATCH = (
    "view_accessattempt",
    "delete_accessattempt",
    "view_accessfailurelog",
    "view_accesslog",
)


def _codenames_for(role: Role, model_names: list[str]) -> set[str]:
    registry_models = [name for name in model_names if not name.startswith("historical")]
    history_models = [name for name in model_names if name.startswith("historical")]
    if role is Role.FAMILY:
        return {
            f"{action}_{model}" for model in FAMILY_MODELS for action in ("add", "change", "view")
        }
    documenter = {
        f"{action}_{model}" for model in registry_models for action in ("add", "change", "view")
    }
    if role is Role.DOCUMENTER:
        return documenter
    reviewer = (
        documenter
        | {f"view_{model}" for model in history_models}
        | {
            "publish_person",
            "publish_testimony",
            "publish_evidence",
        }
    )
    if role is Role.REVIEWER:
        return reviewer
    # History is append-only for everyone, administrators included: a restore is a new change.
    return reviewer | {
        f"{action}_{model}" for model in registry_models for action in ("add", "change", "delete")
    }


def install_role_groups(apps: Any, using: str = "default") -> None:
    """Create the four groups and give each its registry permissions; safe to run again.

    ``apps`` is a migration's app registry or the global one, so the same code serves the data
    migration and the ``post_migrate`` hook.
    """
    from django.contrib.auth.management import create_permissions

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")

    # On a fresh database the permissions of the registry's models are only created after all
    # migrations; create them now so the groups can hold them.
    registry_config = apps.get_app_config("registry")
    if not getattr(registry_config, "models_module", None):
        registry_config.models_module = True
    create_permissions(registry_config, verbosity=0, using=using, apps=apps)

    model_names = list(
        content_type_model.objects.using(using)
        .filter(app_label="registry")
        .values_list("model", flat=True)
    )
    for role in Role:
        group, _ = group_model.objects.using(using).get_or_create(name=role.value)
        wanted = _codenames_for(role, model_names)
        permissions = permission_model.objects.using(using).filter(
            content_type__app_label="registry", codename__in=wanted
        )
        group.permissions.add(*permissions)
    # Administrators watch the failed sign-ins django-axes records, and lift a lockout early.
    administrators = group_model.objects.using(using).get(name=Role.ADMINISTRATOR.value)
    administrators.permissions.add(
        *permission_model.objects.using(using).filter(
            content_type__app_label="axes", codename__in=SIGN_IN_WATCH
        )
    )
