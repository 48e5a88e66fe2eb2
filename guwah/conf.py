"""Typed readers for settings that come from environment variables.

Each helper fails loudly with the variable's name when a value cannot be used, so that a
mistyped deployment stops at start-up instead of running with a silent default.
"""

from __future__ import annotations

import os
from pathlib import Path


class ConfigurationError(ValueError):
    """An environment variable holds a value the application cannot use."""


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default.resolve()


def env_optional_path(name: str) -> Path | None:
    """A path when the variable is set, ``None`` when it is unset or empty."""
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else None


def database_from_url(url: str) -> dict[str, object]:
    """Turn a ``postgres://user:pass@host:port/name`` URL into a Django DATABASES entry."""
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ConfigurationError(
            f"DATABASE_URL must start with postgres:// or postgresql://, not {parts.scheme!r}"
        )
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise ConfigurationError("DATABASE_URL must name a database, as in postgres://host/guwah")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # PostgreSQL compiles a query to machine code when its estimated cost is high; the name
    # search's plans over a million names cross that line and spent 17 ms compiling for 150 ms
    # of work. A URL may still choose its own server options (``?options=...``).
    options.setdefault("options", "-c jit=off")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "ATOMIC_REQUESTS": True,
    }


def secret_key(name: str, file_name: str, *, development_key: str | None) -> str:
    """The key from variable ``name``, or read from the file ``file_name`` points at.

    Without either, ``development_key`` is used when given; when it is ``None`` (a deployment
    without DEBUG) there is no safe default and the error names both variables.
    """
    value = os.environ.get(name, "").strip()
    if value:
        return value
    path = env_optional_path(file_name)
    if path is not None:
        try:
            value = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigurationError(f"{file_name} points at {path}, which cannot be read") from exc
        if not value:
            raise ConfigurationError(f"{file_name} points at {path}, which is empty")
        return value
    if development_key is None:
        raise ConfigurationError(
            f"{name} (or {file_name}, the path of a file holding it) must be set when "
            "GUWAH_DEBUG is off (on a development machine, set GUWAH_DEBUG=true instead); "
            "generate a key with `python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'`"
        )
    return development_key
