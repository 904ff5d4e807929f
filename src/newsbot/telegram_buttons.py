"""Inline keyboards: a :class:`~newsbot.reply.Reply`'s buttons and suggestions as callback data.

Callback data is short and versionless: ``t:<topic>`` opens a topic, ``m:<topic>`` its longer
answer, ``l`` the topic list, ``s`` the summary. Topic ids match ``[a-z0-9_]{1,40}`` (the
digest checks), so data stays far under Telegram's 64-byte limit; anything longer is dropped
rather than sent. Data that does not decode (an old keyboard from another digest, a client
bug) is reported as stale by :func:`decode`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
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


def _button(label: str, action: Action, target: str) -> InlineKeyboardButton | None:
    data = encode(action, target)
    if not label.strip():
        return None
    return None if data is None else InlineKeyboardButton(label, callback_data=data)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """One button per row: the reply's buttons first, then its suggestions, no duplicates."""
    choices: list[tuple[str, Action, str]] = [(b.label, b.action, b.target) for b in reply.buttons]
    choices += [(s.title, "topic", s.topic) for s in reply.suggestions]
    seen: set[str] = set()
    rows: list[list[InlineKeyboardButton]] = []
    for label, action, target in choices:
        button = _button(label, action, target)
        if button is None or button.callback_data in seen or len(rows) >= _MAX_ROWS:
            continue
        seen.add(str(button.callback_data))
        rows.append([button])
    return InlineKeyboardMarkup(rows) if rows else None
