"""Telegram's flood limits and transient faults, applied to every Bot API call but getUpdates.

:class:`TelegramLimiter` is the application's rate limiter. It always retries what is worth
retrying: a 429 waits ``retry_after`` and tries again; a 5xx, a 502 HTML page, a timeout or a
refused connection is retried with bounded exponential backoff. With ``limits=True`` (the
``NEWSBOT_RATE_LIMIT=telegram`` default) it also keeps under Telegram's limits: about 30
messages a second overall, one a second in a private chat (which python-telegram-bot's
``AIORateLimiter`` does not cover) and 20 a minute in a group. Waiting happens in the caller:
the outbox sends from one task per chat, so a busy group never stalls anybody else.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

_LOGGER = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]

#: Telegram's documented limits (https://core.telegram.org/bots/faq).
OVERALL_PER_SECOND = 30
PRIVATE_PER_SECOND = 1
GROUP_PER_MINUTE = 20
#: Bot API calls in flight at once. httpcore re-scans its whole request queue on every change,
#: so thousands of queued sends cost quadratically; a few in flight keep the pipe full.
IN_FLIGHT = 4


def retry_after_seconds(exc: RetryAfter) -> float:
    """How long Telegram asked us to wait, without PTB's int-vs-timedelta deprecation warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: int | timedelta = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class SlidingWindow:
    """At most ``limit`` acquisitions in any ``period`` seconds; callers wait their turn."""

    __slots__ = ("_lock", "_times", "limit", "period")

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self._times: deque[float] = deque(maxlen=limit)
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait until one more call fits in the window, then take the slot."""
        async with self._lock:
            while len(self._times) == self.limit:
                wait = self._times[0] + self.period - time.monotonic()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            self._times.append(time.monotonic())

    def idle(self) -> bool:
        """True when the window is empty again, so it can be forgotten."""
        return not self._times or time.monotonic() - self._times[-1] >= self.period


class TelegramLimiter(BaseRateLimiter[int]):
    """Flood limits (optional) plus retries of 429s and transient failures (always)."""

    def __init__(
        self,
        *,
        limits: bool = True,
        max_retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
    ) -> None:
        self.limits = limits
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._overall = SlidingWindow(OVERALL_PER_SECOND, 1.0)
        self._chats: dict[int | str, SlidingWindow] = {}
        self._in_flight = asyncio.Semaphore(IN_FLIGHT)

    async def initialize(self) -> None:
        """Nothing to set up (the semaphore binds to the running loop on first use)."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    def _chat_window(self, chat_id: int | str) -> SlidingWindow:
        window = self._chats.get(chat_id)
        if window is None:
            if len(self._chats) > 1024:  # keep memory bounded: drop windows that are idle
                for key in [k for k, w in self._chats.items() if w.idle()]:
                    del self._chats[key]
            group = isinstance(chat_id, str) or chat_id < 0
            window = (
                SlidingWindow(GROUP_PER_MINUTE, 60.0)
                if group
                else SlidingWindow(PRIVATE_PER_SECOND, 1.0)
            )
            self._chats[chat_id] = window
        return window

    async def _throttle(self, data: dict[str, Any]) -> None:
        chat_id = data.get("chat_id")
        if chat_id is None:  # answerCallbackQuery, answerInlineQuery, getMe, ...
            return
        if isinstance(chat_id, str) and chat_id.lstrip("-").isdigit():
            chat_id = int(chat_id)
        if isinstance(chat_id, int | str):
            await self._chat_window(chat_id).acquire()
        await self._overall.acquire()

    def _delay(self, attempt: int) -> float:
        base: float = min(self.max_backoff, self.backoff * 2.0**attempt)
        return base * random.uniform(0.75, 1.25)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Call the Bot API, waiting for the limits and retrying transient failures."""
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            if self.limits:
                await self._throttle(data)
            try:
                async with self._in_flight:  # held only for the call, not for waits
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt >= retries:
                    raise
                wait = retry_after_seconds(exc)
                _LOGGER.info(
                    "Telegram asked to slow down (%s): retrying in %.1f s", endpoint, wait
                )
                await asyncio.sleep(wait + 0.1)
            except BadRequest:
                raise  # our request is wrong; sending it again will not help
            except NetworkError as exc:  # 5xx, 502 pages, timeouts, refused connections
                if attempt >= retries:
                    raise
                wait = self._delay(attempt)
                _LOGGER.warning(
                    "Telegram call %s failed (%s): retry %d/%d in %.1f s",
                    endpoint,
                    type(exc).__name__,
                    attempt + 1,
                    retries,
                    wait,
                )
                await asyncio.sleep(wait)
            attempt += 1
