"""The outbox: every message the bot sends, queued per chat and delivered in order.

Updates are processed one at a time (it is the fastest mode for handlers this light), so a
handler must never sit in a rate limiter's wait: it puts an :class:`Outgoing` here and
returns. One task per chat with queued messages sends them in order through the bot (whose
:class:`~newsbot.telegram_limits.TelegramLimiter` waits and retries), so a group over its
20-a-minute budget queues its own answers without holding up anybody else. Faults that
retrying cannot fix end here: a 403 (blocked, kicked) is one INFO line, a migrated group is
followed to its new id, and HTML Telegram refuses is sent again as plain text.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters
from telegram.constants import MessageLimit, ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

_LOGGER = logging.getLogger(__name__)
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
SEND_MESSAGE = "sendMessage"
#: python-telegram-bot suggests send_message for this endpoint; we skip it on purpose.
RAW_SEND_WARNING = r"Please use 'Bot\.sendMessage' instead of"


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One reply: HTML chunks (each within Telegram's limit), its plain form, its keyboard."""

    chat_id: int
    chunks: tuple[str, ...]
    plain: str
    #: The inline keyboard, or its JSON (the form the handlers cache).
    markup: InlineKeyboardMarkup | str | None = None
    reply_to: int | None = None
    thread_id: int | None = None


class Outbox:
    """Per-chat ordered delivery; :meth:`drain` waits for what is queued (at shutdown)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._queues: dict[int, deque[Outgoing]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._moved: dict[int, int] = {}
        self.delivered = 0

    def put(self, message: Outgoing) -> None:
        """Queue a message; it is sent after everything queued earlier for the same chat."""
        queue = self._queues.get(message.chat_id)
        if queue is None:
            queue = self._queues[message.chat_id] = deque()
            task = asyncio.create_task(self._run(message.chat_id, queue))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        queue.append(message)

    def call(self, request: Coroutine[Any, Any, object], what: str) -> None:
        """Make a Bot API call (answer a button or an inline query) without waiting for it."""
        task = asyncio.create_task(self._background(request, what))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _background(self, request: Coroutine[Any, Any, object], what: str) -> None:
        try:
            await request
        except Forbidden:
            _LOGGER.info("Telegram refused %s (blocked or removed)", what)
        except TelegramError as exc:
            _LOGGER.warning("%s failed: %s", what, exc)
        except Exception:
            _LOGGER.exception("%s failed", what)

    async def drain(self, grace: float = 10.0) -> None:
        """Wait up to ``grace`` seconds for queued messages, then give up on the rest."""
        if not self._tasks:
            return
        _done, pending = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
        if pending:
            _LOGGER.warning("shutting down with %d chat(s) still queued", len(pending))
            with contextlib.suppress(asyncio.CancelledError):
                await asyncio.gather(*pending, return_exceptions=True)

    async def _run(self, chat_id: int, queue: deque[Outgoing]) -> None:
        try:
            while queue:
                try:
                    await self.deliver(queue[0])
                except Forbidden:
                    _LOGGER.info("Telegram refused to deliver to a chat (blocked or removed)")
                    queue.clear()
                    break
                except Exception:  # the process never dies on a failed send
                    _LOGGER.exception("a reply could not be delivered")
                queue.popleft()
        finally:
            del self._queues[chat_id]

    async def deliver(self, message: Outgoing) -> None:
        """Send every chunk now; buttons go on the last one, the reply link on the first."""
        last = len(message.chunks) - 1
        for index, chunk in enumerate(message.chunks):
            markup = message.markup if index == last else None
            reply_to = message.reply_to if index == 0 else None
            try:
                await self._send(message, chunk, markup, reply_to, ParseMode.HTML)
            except BadRequest as exc:
                if "parse entities" not in str(exc).lower():
                    raise
                _LOGGER.warning("Telegram rejected our HTML; sending the reply as plain text")
                for part in _plain_parts(message.plain):
                    await self._send(message, part, markup, reply_to, None)
                    reply_to = None
                return
        self.delivered += 1

    async def _send(
        self,
        message: Outgoing,
        text: str,
        markup: InlineKeyboardMarkup | str | None,
        reply_to: int | None,
        parse_mode: str | None,
    ) -> None:
        chat_id = self._moved.get(message.chat_id, message.chat_id)
        for _ in range(2):  # once more if the group turned into a supergroup
            try:
                payload: dict[str, Any] = {
                    "chat_id": chat_id,
                    "text": text,
                    "link_preview_options": _NO_PREVIEW,
                }
                if parse_mode is not None:
                    payload["parse_mode"] = parse_mode
                if markup is not None:
                    payload["reply_markup"] = markup
                if message.thread_id is not None:
                    payload["message_thread_id"] = message.thread_id
                if reply_to is not None:
                    payload["reply_parameters"] = ReplyParameters(
                        reply_to, allow_sending_without_reply=True
                    )
                # The raw endpoint: Telegram's answer is not parsed back into a Message (with
                # its keyboard) that nobody reads, which was a third of the bot's CPU per update.
                await self._bot.do_api_request(SEND_MESSAGE, api_kwargs=payload)
                return
            except ChatMigrated as exc:
                _LOGGER.info("a group became a supergroup; following it to its new id")
                self._moved[message.chat_id] = chat_id = int(exc.new_chat_id)
                reply_to = None  # the old message ids do not exist in the new chat
        raise TelegramError("the chat moved twice in a row")


def _plain_parts(text: str) -> list[str]:
    size = MessageLimit.MAX_TEXT_LENGTH
    return [text[i : i + size] for i in range(0, len(text), size)] or ["…"]
