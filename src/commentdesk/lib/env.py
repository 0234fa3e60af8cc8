"""Typed readers for environment variables that reject bad values loudly.

Each reader also accepts ``NAME_FILE`` pointing at a file holding the value, so
secrets can come from Docker/Kubernetes secret mounts.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str = "") -> str:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = envstr(name, "1" if default else "0").strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def envint(name: str, default: int) -> int:
    raw = envstr(name, str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def envrate(name: str, default: str):
    """A rate such as ``10/10m`` (10 per 10 minutes; units s, m, h, d), or None for ``off``."""
    from commentdesk.lib.ratelimit import Rate

    raw = envstr(name, default).strip().lower()
    if raw in {"off", "0", ""}:
        return None
    count, _, period = raw.partition("/")
    unit = period[-1:] if period[-1:] in _UNITS else "s"
    amount = period[:-1] if period[-1:] in _UNITS else period
    try:
        rate = Rate(count=int(count), seconds=int(amount or 1) * _UNITS[unit])
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must look like 10/10m (count/period, units s m h d) or off; got {raw!r}"
        ) from None
    if rate.count < 1 or rate.seconds < 1:
        raise ImproperlyConfigured(f"{name} must be positive; got {raw!r}")
    return rate


def persistent_secret_key(data_dir: Path) -> str:
    """A random key kept in the data directory, so a single machine needs no setup.

    Several app servers must share one key: set SECRET_KEY (or SECRET_KEY_FILE) there.
    """
    import secrets

    key_file = data_dir / "secret-key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()
