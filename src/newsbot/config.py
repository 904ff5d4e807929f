"""Settings: read once from the environment and ``.env`` (prefix ``NEWSBOT_``).

The only module that imports ``pydantic_settings``. :func:`load_settings` turns every
validation problem into a :class:`ConfigError` whose message is one line naming the variable,
so the CLI can print it and exit 2.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TOKEN_PATTERN = re.compile(r"^[0-9]{5,}:[A-Za-z0-9_-]{30,}$")
TOKEN_VARIABLE = "NEWSBOT_TELEGRAM_TOKEN"  # noqa: S105 (a variable name, not a secret)


class ConfigError(Exception):
    """Bad configuration: the message is one line that names the variable."""


class Settings(BaseSettings):
    """Every setting newsbot reads; `.env.example` documents each one."""

    model_config = SettingsConfigDict(
        env_prefix="NEWSBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
    )

    telegram_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEWSBOT_TELEGRAM_TOKEN", "TELEGRAM_BOT_TOKEN"),
    )
    telegram_api_url: str = "https://api.telegram.org/bot"
    digest: Path = Path("seeds/000_ae020cc17fe06cd4.toml")
    database: Path = Path("data/newsbot.db")
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    retention_days: int | None = Field(default=None, ge=0)
    user_id_key: SecretStr | None = None
    rate_limit: Literal["telegram", "off"] = "telegram"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            return frozenset(int(p) for p in parts if p)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("log_level", "rate_limit", mode="before")
    @classmethod
    def _lower_or_upper(cls, value: object, info: object) -> object:
        if isinstance(value, str):
            name = getattr(info, "field_name", "")
            return value.strip().upper() if name == "log_level" else value.strip().lower()
        return value

    @field_validator("webhook_url", "retention_days", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("telegram_token", "user_id_key", "webhook_secret", mode="before")
    @classmethod
    def _blank_secret_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def require_token(self) -> str:
        """The bot token, or :class:`ConfigError` naming the variable when missing or malformed."""
        if self.telegram_token is None:
            raise ConfigError(
                f"{TOKEN_VARIABLE} is not set: put the token from @BotFather in .env "
                "(or the environment)"
            )
        token = self.telegram_token.get_secret_value().strip()
        if not TOKEN_PATTERN.match(token):
            raise ConfigError(
                f"{TOKEN_VARIABLE} is malformed: expected <digits>:<30+ letters, digits, _ or ->"
            )
        return token

    def require_webhook_secret(self) -> str:
        """The webhook secret, required whenever ``NEWSBOT_WEBHOOK_URL`` is set."""
        if self.webhook_secret is None:
            raise ConfigError(
                "NEWSBOT_WEBHOOK_SECRET is not set: webhook mode needs a secret token"
            )
        secret = self.webhook_secret.get_secret_value()
        if not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ConfigError(
                "NEWSBOT_WEBHOOK_SECRET is malformed: 1-256 characters of A-Z, a-z, 0-9, _ and -"
            )
        return secret


def load_settings(env_file: str | Path | None = ".env") -> Settings:
    """Read settings, turning a validation error into a one-line :class:`ConfigError`."""
    try:
        return Settings(_env_file=env_file)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        variable = "NEWSBOT_" + field.upper()
        raise ConfigError(f"{variable} is invalid: {first['msg']}") from None
