"""Settings from the environment and a ``.env`` file (pydantic-settings)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///werkbot.sqlite3"
PLACEHOLDER_TOKENS = {
    "",
    "changeme",
    "your-token-here",
    "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
}


def token_shape(token: str) -> str:
    """The token stripped; ValueError unless it looks like one from @BotFather."""
    token = token.strip()
    head, _, tail = token.partition(":")
    if not head.isdigit() or len(tail) < 30:
        raise ValueError("does not look like a token from @BotFather (digits:secret)")
    return token


class SettingsError(Exception):
    """Settings that cannot be used; ``str()`` is one line naming the variable."""


class Settings(BaseSettings):
    """werkbot's settings. Every field is read from ``WERKBOT_``-less env names, see ``.env.example``."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(default=None)
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    database_url: str = DEFAULT_DATABASE_URL
    #: The role that owns the schema and runs `werkbot db upgrade` (default: DATABASE_URL).
    migration_database_url: str | None = None
    default_language: Literal["nl", "en"] = "nl"
    time_zone: str = "Europe/Amsterdam"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    invite_valid_days: int = Field(default=14, ge=1, le=365)
    webhook_secret: SecretStr | None = None
    # where Telegram posts updates (https://...); unset: long polling
    webhook_url: str | None = None
    # the bot learns its username from Telegram (getMe); this overrides it
    bot_username: str | None = None
    tally_edit_seconds: float = Field(default=3.0, ge=0, le=60)
    due_work_seconds: float = Field(default=15.0, gt=0, le=600)
    startup_wait_seconds: float = Field(default=120.0, ge=0, le=3600)
    log_format: Literal["text", "json"] = "text"
    retention_days: int = Field(default=90, ge=1, le=3650)
    inbox_lease_seconds: float = Field(default=60.0, ge=1, le=3600)
    # Telegram's overall limit is about 30 messages a second; a local Bot API server allows more
    send_rate_per_second: float = Field(default=29.0, gt=0, le=10_000)

    @field_validator("telegram_bot_token")
    @classmethod
    def _real_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or value.get_secret_value().strip() in PLACEHOLDER_TOKENS:
            return None
        return SecretStr(token_shape(value.get_secret_value()))

    @field_validator("webhook_url", "bot_username")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("webhook_url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("Telegram posts only to https:// URLs")
        return value

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("migration_database_url")
    @classmethod
    def _supported_migration_database(cls, value: str | None) -> str | None:
        return cls._supported_database(value) if value and value.strip() else None

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:

        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://", "postgresql://")):
            raise ValueError("use sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB")
        if value.startswith("postgresql://"):
            value = "postgresql+asyncpg://" + value.removeprefix("postgresql://")
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


def load_settings(env_file: Path | None = Path(".env")) -> Settings:
    """Read the settings; raise :class:`SettingsError` with one clear line when they are wrong."""
    try:
        return Settings(_env_file=env_file)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        message = str(error["msg"]).removeprefix("Value error, ")
        raise SettingsError(f"{name}: {message}") from None


@cache
def get_settings() -> Settings:
    return load_settings()
