"""Start-up: reach the Bot API (getMe, with backoff), then introduce the bot to Telegram.

:func:`connect` tells a refused token (401, or a 404 from a wrong API URL), which is a
configuration error, from a Bot API that is not reachable yet (5xx, timeouts, a refused
connection), which is retried with backoff until it answers. :func:`introduce` registers the
command menus for private chats and groups and the profile texts taken from the digest.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine
from typing import Any

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats
from telegram.constants import BotDescriptionLimit
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from newsbot.config import ConfigError
from newsbot.engine import Engine
from newsbot.telegram_limits import retry_after_seconds

_LOGGER = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]
PRIVATE_COMMANDS = (
    ("start", "Greeting, summary and topics"),
    ("summary", "The article in a paragraph"),
    ("topics", "What you can ask about"),
    ("ask", "Ask a question about the article"),
    ("briefing", "Headline, key points and topics"),
    ("source", "Where the article comes from"),
    ("help", "How to use this bot"),
    ("forget", "Erase what I logged about you"),
)
GROUP_COMMANDS = ("ask", "summary", "topics", "briefing", "source", "help")


async def introduce(app: AnyApp, engine: Engine) -> None:
    """Register the command menus and the profile texts; the bot works without them."""
    bot = app.bot
    article = engine.digest.article.title
    summary = engine.digest.summary.text
    calls: list[tuple[str, Coroutine[Any, Any, bool]]] = [
        (
            "setMyCommands (private)",
            bot.set_my_commands(
                [BotCommand(n, d) for n, d in PRIVATE_COMMANDS],
                scope=BotCommandScopeAllPrivateChats(),
            ),
        ),
        (
            "setMyCommands (groups)",
            bot.set_my_commands(
                [BotCommand(n, d) for n, d in PRIVATE_COMMANDS if n in GROUP_COMMANDS],
                scope=BotCommandScopeAllGroupChats(),
            ),
        ),
        (
            "setMyDescription",
            bot.set_my_description(
                _clip(f"{article}\n\n{summary}", BotDescriptionLimit.MAX_DESCRIPTION_LENGTH)
            ),
        ),
        (
            "setMyShortDescription",
            bot.set_my_short_description(
                _clip(article, BotDescriptionLimit.MAX_SHORT_DESCRIPTION_LENGTH)
            ),
        ),
    ]
    for what, call in calls:
        try:
            await call
        except TelegramError as exc:
            _LOGGER.warning("%s failed: %s", what, exc)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def connect(app: AnyApp, max_delay: float = 30.0) -> None:
    """Initialize (getMe), retrying transient failures with backoff until it works.

    A token Telegram rejects (401, or 404 from a wrong API URL) is a :class:`ConfigError`.
    """
    delay = 0.5
    while True:
        try:
            await app.initialize()
            return
        except InvalidToken as exc:
            await app.bot.shutdown()  # close the HTTP clients getMe opened
            detail = "Unauthorized" if "401" in repr(exc.__cause__) else "rejected"
            raise ConfigError(
                f"NEWSBOT_TELEGRAM_TOKEN was refused by the Bot API ({detail}): check the token "
                "from @BotFather and NEWSBOT_TELEGRAM_API_URL"
            ) from None
        except RetryAfter as exc:
            wait = retry_after_seconds(exc)
        except BadRequest:
            raise
        except NetworkError as exc:  # 5xx, timeouts, connection refused
            wait = delay * random.uniform(0.75, 1.25)
            delay = min(max_delay, delay * 2)
            _LOGGER.warning("Telegram is not reachable yet (%s); retrying in %.1f s", exc, wait)
        await asyncio.sleep(wait)
