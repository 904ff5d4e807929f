"""Shared pieces of the Telegram tests: fake tokens, settings, and a bot running in process.

The bot is the real python-telegram-bot application from ``build_application``, polling the
fake Bot API (``tests/fakes/bot_api.py``) over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import functools
import random
import string
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fakes.bot_api import FakeBotAPI
from newsbot.config import Settings
from newsbot.engine import Engine
from newsbot.stats import Stats
from newsbot.store import ConversationLog
from newsbot.telegram_bot import ALLOWED_UPDATES, NewsbotApplication, build_application

ROOT = Path(__file__).resolve().parents[1]
DIGEST = ROOT / "seeds" / "000_ae020cc17fe06cd4.toml"
JSON = dict[str, Any]


def make_token() -> str:
    """A token of the right shape, different every run (never a literal in the repo)."""
    alphabet = string.ascii_letters + string.digits + "_-"
    secret = "".join(random.choices(alphabet, k=35))
    return f"{random.randint(10**8, 10**9 - 1)}:{secret}"


def make_settings(api_url: str, token: str, database: Path, **extra: Any) -> Settings:
    """Settings for a test bot: no .env, the fake's URL, no client-side rate limit."""
    values: dict[str, Any] = {
        "telegram_token": token,
        "telegram_api_url": api_url,
        "database": database,
        "digest": DIGEST,
        "rate_limit": "off",
    }
    values.update(extra)
    return Settings(_env_file=None, **values)


@dataclass
class Harness:
    """A running bot and the fake server it talks to."""

    api: FakeBotAPI
    app: NewsbotApplication
    engine: Engine
    log: ConversationLog | None

    @property
    def bot_id(self) -> int:
        return self.api.bot_id

    async def private(self, user_id: int, text: str) -> JSON:
        """Send a private message and wait for the bot's next message to that user."""
        start = len(self.api.sent)
        self.api.private_message(user_id, text)
        return await self.api.wait_for(lambda m: m["chat_id"] == user_id, start=start)

    async def in_group(self, chat_id: int, user_id: int, text: str, **kw: Any) -> JSON:
        """Send a group message and wait for the bot's next message in that group."""
        start = len(self.api.sent)
        if self.api.group_message(chat_id, user_id, text, **kw) is None:
            raise AssertionError(f"privacy mode kept {text!r} from the bot")
        return await self.api.wait_for(lambda m: m["chat_id"] == chat_id, start=start)

    def sent_to(self, chat_id: int, since: int = 0) -> list[JSON]:
        return [m for m in self.api.sent[since:] if m["chat_id"] == chat_id]


async def logged(log: ConversationLog, questions: int) -> Stats:
    """The log's stats once ``questions`` rows are written (the writer batches, so wait)."""
    deadline = asyncio.get_running_loop().time() + 10
    while True:
        stats = await log.stats()
        if stats.questions >= questions or asyncio.get_running_loop().time() > deadline:
            return stats
        await asyncio.sleep(0.02)


@asynccontextmanager
async def running(app: NewsbotApplication) -> AsyncIterator[NewsbotApplication]:
    """What ``run_polling`` does, in the test's event loop: init, start, poll, stop, drain."""
    async with app:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES
        )
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


@functools.cache
def load_engine() -> Engine:
    """The first article's engine, loaded once per test session."""
    return Engine.from_file(DIGEST)


@asynccontextmanager
async def harness(
    tmp_path: Path,
    engine: Engine,
    *,
    with_log: bool = True,
    api_options: dict[str, Any] | None = None,
    request_timeout: float = 10.0,
    engine_worker: bool = False,
    **settings: Any,
) -> AsyncIterator[Harness]:
    """A fake Bot API and a bot polling it, torn down in order."""
    token = make_token()
    async with FakeBotAPI(token, **(api_options or {})) as api:
        config = make_settings(api.base_url, token, tmp_path / "newsbot.db", **settings)
        log = None
        if with_log:
            log = await ConversationLog.open(tmp_path / "newsbot.db", b"k" * 32)
        try:
            app = build_application(
                config, engine, log, request_timeout=request_timeout, engine_worker=engine_worker
            )
            async with running(app):
                answers = app.frontend.answers
                if engine_worker:
                    async with asyncio.timeout(60):
                        assert await answers.ready()
                yield Harness(api, app, engine, log)
        finally:
            if log is not None:
                await log.close()
