"""What the editor sees of the conversation log: the :class:`Stats` value, clustering, text.

Pure and synchronous: :mod:`newsbot.store` runs the SQL and hands the rows here. Unanswered
questions are grouped greedily with rapidfuzz ``token_sort_ratio`` on casefolded text, so
"what about North Korea?" and "north korea, what about it" count as one question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

#: Two unanswered questions belong together at this token_sort_ratio or above.
CLUSTER_THRESHOLD = 80.0
#: Clustering looks at the most recent unanswered questions only, so its cost is bounded.
CLUSTER_INPUT_LIMIT = 2_000

_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Stats:
    """Totals over the conversation log, for ``newsbot stats`` and the bot's ``/stats``."""

    since_days: float | None
    questions: int
    readers: int
    answered: int
    answer_rate: float
    top_topics: tuple[tuple[str, int], ...]
    per_day: tuple[tuple[date, int], ...]
    unanswered: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (``newsbot stats --json``)."""
        return {
            "since_days": self.since_days,
            "questions": self.questions,
            "readers": self.readers,
            "answered": self.answered,
            "answer_rate": round(self.answer_rate, 4),
            "top_topics": [{"topic": t, "count": n} for t, n in self.top_topics],
            "per_day": [{"date": d.isoformat(), "count": n} for d, n in self.per_day],
            "unanswered": [{"question": q, "count": n} for q, n in self.unanswered],
        }


def _normalise(question: str) -> str:
    # punctuation and spacing never make two questions different
    return _NON_WORD.sub(" ", question.casefold()).strip()


def cluster_questions(
    questions: Iterable[str], limit: int = 10, threshold: float = CLUSTER_THRESHOLD
) -> tuple[tuple[str, int], ...]:
    """Group similar questions; the ``limit`` largest groups as (representative, count).

    Exact repeats (after casefolding) merge first; then, most frequent first, each question
    joins the first group whose representative scores ``threshold`` or more, or starts one.
    The representative is the group's most frequent wording, as a reader typed it.
    """
    exact: dict[str, list[Any]] = {}
    for question in questions:
        norm = _normalise(question)
        if not norm:
            continue
        entry = exact.setdefault(norm, [question.strip(), 0])
        entry[1] += 1
    # sorted() is stable: equal counts keep the input order (most recent first)
    ordered = sorted(exact.items(), key=lambda item: -int(item[1][1]))
    representatives: list[str] = []
    groups: list[list[Any]] = []
    for norm, (text, count) in ordered:
        match = process.extractOne(
            norm,
            representatives,
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=threshold,
        )
        if match is None:
            representatives.append(norm)
            groups.append([text, count])
        else:
            groups[match[2]][1] += count
    groups.sort(key=lambda group: -int(group[1]))
    return tuple((str(text), int(count)) for text, count in groups[:limit])


def _clip(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _period(since_days: float | None) -> str:
    if since_days is None:
        return "all time"
    return f"last {since_days:g} day" + ("" if since_days == 1 else "s")


def format_stats(stats: Stats, days_shown: int = 7) -> str:
    """Short plain text: fits one Telegram message and reads well in a terminal."""
    lines = [f"Conversation log ({_period(stats.since_days)})"]
    lines.append(f"Questions: {stats.questions} from {stats.readers} readers")
    lines.append(f"Answered from the article: {stats.answered} ({stats.answer_rate:.0%})")
    if stats.top_topics:
        topics = ", ".join(f"{topic} ({count})" for topic, count in stats.top_topics)
        lines.append(f"Top topics: {topics}")
    if stats.per_day:
        recent = stats.per_day[-days_shown:]
        lines.append("Per day: " + ", ".join(f"{d.isoformat()} {n}" for d, n in recent))
    if stats.unanswered:
        lines.append("Top unanswered:")
        lines.extend(f"  {count} × {_clip(text)}" for text, count in stats.unanswered)
    return "\n".join(lines)


def answer_rate(answered: int, questions: int) -> float:
    """Share of questions answered from the article; 0.0 for an empty log."""
    return answered / questions if questions else 0.0


__all__ = [
    "CLUSTER_INPUT_LIMIT",
    "CLUSTER_THRESHOLD",
    "Stats",
    "answer_rate",
    "cluster_questions",
    "format_stats",
]
