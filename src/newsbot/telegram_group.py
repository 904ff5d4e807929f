"""Group etiquette: which group messages are for the bot, and which answers would be repeats.

In a group the bot answers commands addressed to it (python-telegram-bot's ``CommandHandler``
already ignores ``/cmd@otherbot``), replies to its own messages and messages that mention it.
Everything else is other people's conversation, even when the bot is an admin and Telegram
delivers all of it. Groups get at most 20 messages a minute, so a question answered in the same
group within the last minute (same topic, or the engine's ``same_question``) gets no second copy:
at most one short pointer per question per minute, and nothing after that.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from telegram import Message, MessageEntity

from newsbot.reply import Reply

#: Handlers whose reply is the same whatever the question, so one per minute per group is plenty.
_FIXED_REPLIES = frozenset({"summary", "topics", "briefing", "source", "help"})
_MAX_GROUPS = 10_000
_MAX_REMEMBERED = 40


def addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a group message meant for the bot, or None when it is not for us."""
    text = message.text
    if not text:
        return None
    replied = message.reply_to_message
    to_us = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    )
    mentioned = _mentions(message, bot_id, username)
    if not (to_us or mentioned):
        return None
    question = re.sub(re.escape(f"@{username}") + r"\b", " ", text, flags=re.IGNORECASE)
    return " ".join(question.split())


def _mentions(message: Message, bot_id: int, username: str) -> bool:
    handle = f"@{username}".casefold()
    kinds: list[str | None] = [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
    for entity, value in message.parse_entities(kinds).items():
        if entity.type == MessageEntity.MENTION and value.casefold() == handle:
            return True
        if entity.user is not None and entity.user.id == bot_id:
            return True
    return False


def repeat_key(reply: Reply) -> str | None:
    """What makes two answers the same: the topic, or the handler for fixed replies.

    "Tell me more" on a topic is a different answer from the topic's first one.
    """
    if reply.topic:
        kind = "more" if reply.handler == "followup" else "topic"
        return f"{kind}:{reply.topic}"
    if reply.handler in _FIXED_REPLIES:
        return f"handler:{reply.handler}"
    return None


class Verdict(Enum):
    """What to do with a group question: answer it, point up at the answer, or stay quiet."""

    ANSWER = "answer"
    POINTER = "pointer"
    SILENT = "silent"


@dataclass(slots=True)
class _Answered:
    at: float
    question: str
    key: str | None
    pointer_at: float | None = None


class RepeatGuard:
    """Remembers, per group, what was answered in the last ``window`` seconds."""

    def __init__(
        self,
        same_question: Callable[[str, str], bool],
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._same = same_question
        self._window = window
        self._clock = clock
        self._groups: OrderedDict[int, deque[_Answered]] = OrderedDict()

    def check(self, chat_id: int, question: str, key: str | None) -> Verdict:
        """Decide, and remember the question when the verdict is to answer it."""
        now = self._clock()
        answered = self._recent(chat_id, now)
        for entry in answered:
            if (key is not None and entry.key == key) or self._same(entry.question, question):
                if entry.pointer_at is None or now - entry.pointer_at >= self._window:
                    entry.pointer_at = now
                    return Verdict.POINTER
                return Verdict.SILENT
        answered.append(_Answered(now, question, key))
        return Verdict.ANSWER

    def _recent(self, chat_id: int, now: float) -> deque[_Answered]:
        answered = self._groups.get(chat_id)
        if answered is None:
            answered = self._groups[chat_id] = deque(maxlen=_MAX_REMEMBERED)
            if len(self._groups) > _MAX_GROUPS:
                self._groups.popitem(last=False)
        else:
            self._groups.move_to_end(chat_id)
        while answered and now - answered[0].at >= self._window:
            answered.popleft()
        return answered
