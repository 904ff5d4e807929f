"""Terminal chat: the same engine and conversation log as the Telegram bot, on stdin/stdout.

Reads lines until EOF, so it can be piped (``printf 'q\\n' | newsbot chat``). Each answer is
printed as plain text; follow-ups ("tell me more") use the previous reply. Exchanges are
logged as front end ``terminal``, with the OS user name hashed in place of a Telegram id.
"""

from __future__ import annotations

import asyncio
import getpass
import sys
import time
from collections.abc import Awaitable, Callable
from typing import TextIO

from newsbot.engine import Engine
from newsbot.render import answer_text, plain
from newsbot.reply import Reply
from newsbot.store import ConversationLog, Exchange

PROMPT = "you> "


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


async def _read_line(stream: TextIO) -> str | None:
    line = await asyncio.to_thread(stream.readline)
    return line if line else None


async def chat(engine: Engine, log: ConversationLog | None, stdin: TextIO, stdout: TextIO) -> int:
    """Answer every line of ``stdin`` until EOF; return the exit code."""
    interactive = stdin.isatty()
    user = _os_user()
    previous: Reply | None = None
    if interactive:
        stdout.write(plain(engine.start()) + "\n(Ctrl-D to quit)\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = await _read_line(stdin)
        if line is None:
            break
        question = line.strip()
        if not question:
            continue
        started = time.perf_counter()
        reply = engine.answer(question, previous)
        latency = (time.perf_counter() - started) * 1000
        previous = reply if reply.topic else previous
        stdout.write(f"bot> {plain(reply)}\n\n" if interactive else f"{plain(reply)}\n\n")
        stdout.flush()
        if log is not None:
            log.record(
                Exchange(
                    frontend="terminal",
                    chat_type="terminal",
                    user_id=user,
                    chat_id=user,
                    question=question,
                    handler=reply.handler,
                    topic=reply.topic,
                    score=reply.score,
                    grounded=reply.grounded,
                    answer_length=len(answer_text(reply)),
                    latency_ms=latency,
                )
            )
    return 0


LogOpener = Callable[[], Awaitable[ConversationLog]]


def run_chat(engine: Engine, log_opener: LogOpener | None = None) -> int:
    """Entry point for ``newsbot chat`` (the CLI passes an async log opener or None)."""
    return asyncio.run(_main(engine, log_opener))


async def _main(engine: Engine, log_opener: LogOpener | None) -> int:
    log = await log_opener() if log_opener is not None else None
    try:
        return await chat(engine, log, sys.stdin, sys.stdout)
    finally:
        if log is not None:
            await log.close()
