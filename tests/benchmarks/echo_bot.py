"""A bare python-telegram-bot echo bot: the end-to-end benchmark's baseline.

Run as a script: ``python tests/benchmarks/echo_bot.py``. It reads the same variables as
``newsbot run`` (NEWSBOT_TELEGRAM_TOKEN, NEWSBOT_TELEGRAM_API_URL) and ECHO_MODE:

- ``await`` (the textbook echo bot): the handler awaits ``send_message``, so updates are
  answered one round trip at a time;
- ``task``: the handler starts the send as a task and returns, which is how newsbot's outbox
  sends (one task per chat, no bound on how many are in flight);
- ``bounded``: like ``task``, but at most ECHO_INFLIGHT (default 16) sends in flight at once;
  the rest wait on a semaphore before they reach httpx's connection pool.

Same polling settings as newsbot (no rate limiter, sequential updates, poll_interval 0,
timeout 10, the same allowed updates).
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

_TASKS: set[asyncio.Task[Any]] = set()


async def echo_await(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        await context.bot.send_message(message.chat_id, message.text)


async def echo_task(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        task = asyncio.create_task(context.bot.send_message(message.chat_id, message.text))
        _TASKS.add(task)
        task.add_done_callback(_TASKS.discard)


_LIMIT: list[asyncio.Semaphore] = []


async def _bounded_send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str) -> None:
    async with _LIMIT[0]:
        await context.bot.send_message(chat_id, text)


async def echo_bounded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None and message.text:
        if not _LIMIT:
            _LIMIT.append(asyncio.Semaphore(int(os.environ.get("ECHO_INFLIGHT", "16"))))
        task = asyncio.create_task(_bounded_send(context, message.chat_id, message.text))
        _TASKS.add(task)
        task.add_done_callback(_TASKS.discard)


def main() -> None:
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    mode = os.environ.get("ECHO_MODE", "await")
    app = (
        ApplicationBuilder()
        .token(os.environ["NEWSBOT_TELEGRAM_TOKEN"])
        .base_url(os.environ["NEWSBOT_TELEGRAM_API_URL"])
        .concurrent_updates(False)
        .build()
    )
    callback = {"task": echo_task, "bounded": echo_bounded}.get(mode, echo_await)
    app.add_handler(MessageHandler(filters.TEXT, callback))
    app.run_polling(
        poll_interval=0.0,
        timeout=10,
        allowed_updates=["message", "callback_query", "inline_query", "my_chat_member"],
    )


if __name__ == "__main__":
    main()
