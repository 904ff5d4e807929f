"""The value the engine returns: what to say, why, and where the reader can go next.

Front ends never build answers themselves; they turn a :class:`Reply` into a Telegram
message, a terminal line or a JSON object through :mod:`newsbot.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Handler = Literal[
    "topic",
    "entity",
    "quote",
    "summary",
    "topics",
    "briefing",
    "source",
    "followup",
    "chitchat",
    "help",
    "fallback",
]

#: Handlers whose replies state article content in answer to the question (DESIGN §6).
GROUNDED_HANDLERS: frozenset[str] = frozenset(
    {"topic", "entity", "quote", "summary", "briefing", "source", "followup"}
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A topic offered to the reader: its id (for buttons and deep links) and its title."""

    topic: str
    title: str


@dataclass(frozen=True, slots=True)
class Button:
    """An action the reader can take next.

    ``action`` is ``"topic"`` (open ``target``), ``"more"`` (the longer answer of ``target``),
    ``"topics"`` (the topic list) or ``"summary"``.
    """

    label: str
    action: Literal["topic", "more", "topics", "summary"]
    target: str = ""


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer.

    ``text`` is the plain answer a reader sees (quote included, suggestions not);
    ``quote`` is the article sentence shown with it, if any (already part of ``text``'s
    plain form via :func:`newsbot.render.plain`); ``grounded`` is true exactly when the
    reply answers with article content.
    """

    text: str
    handler: Handler
    topic: str | None = None
    score: float | None = None
    grounded: bool = False
    quote: str | None = None
    citations: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    buttons: tuple[Button, ...] = field(default=())
    #: Title shown above the answer (topic title, "Summary", ...); may be empty.
    title: str = ""
