"""Inline keyboards: a :class:`~newsbot.reply.Reply`'s buttons and suggestions as callback data.

Callback data is short and versionless: ``t:<topic>`` opens a topic, ``m:<topic>`` its longer
answer, ``l`` the topic list, ``s`` the summary. Topic ids match ``[a-z0-9_]{1,40}`` (the
digest checks), so data stays far under Telegram's 64-byte limit; anything longer is dropped
rather than sent. Data that does not decode (an old keyboard from another digest, a client
bug) is reported as stale by :func:`decode`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from telegram.constants import InlineKeyboardButtonLimit

from newsbot.reply import Reply

Action = Literal["topic", "more", "topics", "summary"]

_PREFIX: dict[str, Action] = {"t": "topic", "m": "more"}
_BARE: dict[str, Action] = {"l": "topics", "s": "summary"}
_CODE: dict[Action, str] = {"topic": "t", "more": "m", "topics": "l", "summary": "s"}
_MAX_DATA = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
_MAX_ROWS = 20


@dataclass(frozen=True, slots=True)
class Press:
    """A decoded button press: what to show, and for which topic (empty for list/summary)."""

    action: Action
    target: str = ""


def encode(action: Action, target: str = "") -> str | None:
    """Callback data for an action, or None when it would not fit in 64 bytes."""
    code = _CODE[action]
    data = f"{code}:{target}" if action in ("topic", "more") else code
    return data if len(data.encode()) <= _MAX_DATA else None


def decode(data: str | None) -> Press | None:
    """The press behind callback data, or None when the data is not ours or malformed."""
    if not data:
        return None
    if data in _BARE:
        return Press(_BARE[data])
    code, sep, target = data.partition(":")
    if sep and code in _PREFIX and target and len(target) <= 40:
        return Press(_PREFIX[code], target)
    return None


def buttons(reply: Reply) -> list[tuple[str, str]]:
    """(label, callback data) of each button, one per row: the reply's buttons first, then
    its suggestions; no duplicates, no blank labels, nothing that does not fit."""
    choices: list[tuple[str, Action, str]] = [(b.label, b.action, b.target) for b in reply.buttons]
    choices += [(s.title, "topic", s.topic) for s in reply.suggestions]
    found: dict[str, str] = {}  # callback data -> label
    for label, action, target in choices:
        data = encode(action, target)
        if data is None or not label.strip() or data in found or len(found) >= _MAX_ROWS:
            continue
        found[data] = label
    return [(label, data) for data, label in found.items()]


def keyboard(reply: Reply) -> str | None:
    """The reply's inline keyboard as the JSON Telegram takes for ``reply_markup``.

    Built as plain JSON: python-telegram-bot's button objects cost about 45 µs a keyboard
    (`tests/test_telegram_bot.py` checks both give the same markup).
    """
    rows = [[{"text": label, "callback_data": data}] for label, data in buttons(reply)]
    return json.dumps({"inline_keyboard": rows}) if rows else None
