"""Fakes of external systems for the tests: a Telegram Bot API server (`bot_api.FakeBotAPI`)."""

from __future__ import annotations

from .bot_api import FakeBotAPI

__all__ = ["FakeBotAPI"]
