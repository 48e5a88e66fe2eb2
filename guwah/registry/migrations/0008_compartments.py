"""Compartments: teams and the cases assigned to them, case access grants, the read audit and
export requests."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0007_encryption_at_rest"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ExportRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=32, verbose_name="kind")),
                ("target", models.CharField(blank=True, max_length=300, verbose_name="what")),
                ("address", models.CharField(blank=True, max_length=500, verbose_name="address")),
                ("reason", models.TextField(verbose_name="why")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("approved", "Approved"),
                            ("refused", "Refused"),
                            ("used", "Downloaded"),
                        ],
                        default="requested",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="expires")),
                ("used_at", models.DateTimeField(blank=True, null=True, verbose_name="downloaded")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="requested")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="guwah_export_requests",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="Team",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "members",
                    models.ManyToManyField(
                        blank=True,
                        related_name="guwah_teams",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="members",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="CaseTeam",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("assigned_at", models.DateTimeField(auto_now=True, verbose_name="assigned")),
                (
                    "assigned_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="case_team",
                        to="registry.person",
                    ),
                ),
                (
                    "team",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cases",
                        to="registry.team",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="CaseAccess",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.CharField(max_length=300, verbose_name="reason")),
                ("granted_at", models.DateTimeField(auto_now_add=True, verbose_name="granted")),
                (
                    "granted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="access_grants",
                        to="registry.person",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="guwah_case_access",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-granted_at"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("person", "user"), name="one_grant_per_case_and_user"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="RecordRead",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("viewed", "Viewed"),
                            ("downloaded", "File downloaded"),
                            ("exported", "Exported"),
                            ("packaged", "Package downloaded"),
                        ],
                        max_length=16,
                        verbose_name="action",
                    ),
                ),
                ("record_type", models.CharField(max_length=32, verbose_name="record type")),
                ("record_id", models.CharField(blank=True, max_length=64, verbose_name="record")),
                ("person_key", models.BigIntegerField(blank=True, null=True, verbose_name="case")),
                ("restricted", models.BooleanField(default=True, verbose_name="restricted")),
                ("detail", models.JSONField(blank=True, default=dict, verbose_name="detail")),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="when")),
                (
                    "reader",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-at", "-id"],
                "indexes": [
                    models.Index(fields=["reader", "at"], name="registry_re_reader__8bc267_idx")
                ],
            },
        ),
    ]
