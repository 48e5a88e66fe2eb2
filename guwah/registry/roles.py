"""The four roles, as Django groups, and the one question every view asks of them."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    FAMILY = "family member"
    DOCUMENTER = "documenter"
    REVIEWER = "reviewer"
    ADMINISTRATOR = "administrator"
