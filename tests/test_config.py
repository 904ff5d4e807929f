"""Settings from the environment: parsing, the token alias, and keeping the token secret."""

from __future__ import annotations

import random

import pytest

from newsbot.config import ConfigError, load_settings


def fake_token() -> str:
    """A token-shaped string built at run time (never a literal in the repository)."""
    return f"{random.randint(10**8, 10**9)}:" + "A" * 20 + "b" * 15


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("NEWSBOT_") or name == "TELEGRAM_BOT_TOKEN":
            monkeypatch.delenv(name)


def test_defaults() -> None:
    settings = load_settings(env_file=None)
    assert settings.telegram_token is None
    assert settings.admin_ids == frozenset()
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.rate_limit == "telegram"


def test_admin_ids_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ADMIN_IDS", "1, 2")
    assert load_settings(env_file=None).admin_ids == frozenset({1, 2})


def test_bad_admin_id_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_ADMIN_IDS", "1, two")
    with pytest.raises(ConfigError, match="NEWSBOT_ADMIN_IDS"):
        load_settings(env_file=None)


def test_token_from_newsbot_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    token = fake_token()
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", token)
    assert load_settings(env_file=None).require_token() == token


def test_telegram_bot_token_alias(monkeypatch: pytest.MonkeyPatch) -> None:
    token = fake_token()
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)
    assert load_settings(env_file=None).require_token() == token


def test_token_never_appears_in_repr_or_str(monkeypatch: pytest.MonkeyPatch) -> None:
    token = fake_token()
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", token)
    settings = load_settings(env_file=None)
    assert token not in repr(settings)
    assert token not in str(settings)
    assert token.split(":")[1] not in repr(settings)


def test_missing_token_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="NEWSBOT_TELEGRAM_TOKEN"):
        load_settings(env_file=None).require_token()


@pytest.mark.parametrize("shape", ["nocolon", "12:short", "abc:{long}", "123456:{long}!"])
def test_malformed_token_names_the_variable(monkeypatch: pytest.MonkeyPatch, shape: str) -> None:
    value = shape.format(long="x" * 35)
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", value)
    with pytest.raises(ConfigError, match="NEWSBOT_TELEGRAM_TOKEN") as info:
        load_settings(env_file=None).require_token()
    assert value not in str(info.value)
    assert "\n" not in str(info.value)


def test_blank_token_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", "  ")
    assert load_settings(env_file=None).telegram_token is None


def test_invalid_setting_is_a_one_line_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_WEBHOOK_PORT", "99999")
    with pytest.raises(ConfigError, match="NEWSBOT_WEBHOOK_PORT") as info:
        load_settings(env_file=None)
    assert "\n" not in str(info.value)


def test_env_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    env_file = tmp_path / ".env"
    env_file.write_text("NEWSBOT_ADMIN_IDS=7\nNEWSBOT_RATE_LIMIT=OFF\n", encoding="utf-8")
    settings = load_settings(env_file=env_file)
    assert settings.admin_ids == frozenset({7})
    assert settings.rate_limit == "off"
