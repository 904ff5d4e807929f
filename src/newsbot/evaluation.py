"""Scoring JSONL question sets (format: tests/data/README.md) against the engine.

Rules: ``in`` is right when the reply is grounded, every ``expect`` group matches within the
first 400 characters of the answer, and the answer is at most 1,200 characters; ``oos`` and
``unstated`` are right when not grounded; ``chitchat`` when answered as small talk or not
grounded. Strings of three characters or fewer match as whole words, longer ones from the
start of a word.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbot.engine import Engine
from newsbot.render import answer_text

KINDS = ("in", "oos", "unstated", "chitchat")
#: Targets asserted by the test suite over tests/data (not heldout/).
TARGETS = {"in": 0.95, "oos": 0.97, "unstated": 0.97, "chitchat": 0.9}


class QuestionSetError(Exception):
    """A question file that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Case:
    q: str
    kind: str
    expect: tuple[tuple[str, ...], ...] = ()
    source: str = ""


@dataclass(slots=True)
class Result:
    """Per-kind tallies and the misses."""

    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    rejected: int = 0  # in-scope questions declined
    wrong_topic: int = 0  # in-scope answered, but without the expected content
    misses: list[dict[str, Any]] = field(default_factory=list)

    def rate(self, kind: str) -> float:
        return self.right[kind] / self.total[kind] if self.total[kind] else 1.0


def read_cases(path: Path) -> list[Case]:
    cases = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionSetError(f"{path}: cannot read ({exc.strerror})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            kind = obj["kind"]
            if kind not in KINDS:
                raise ValueError(f"unknown kind {kind!r}")
            expect = tuple(tuple(group) for group in obj.get("expect", []))
            cases.append(Case(str(obj["q"]), kind, expect, str(obj.get("source", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise QuestionSetError(f"{path}:{number}: bad question line ({exc})") from None
    return cases


def contains(text: str, wanted: str) -> bool:
    """The README's matching rule for one expected string."""
    pattern = re.escape(wanted.lower())
    if len(wanted) <= 3:
        return re.search(rf"(?<!\w){pattern}(?!\w)", text) is not None
    return re.search(rf"(?<!\w){pattern}", text) is not None


def judge(engine: Engine, case: Case) -> tuple[bool, str, dict[str, Any]]:
    """Whether the engine answers ``case`` right, why not, and what it said."""
    reply = engine.answer(case.q)
    answer = answer_text(reply)
    seen = {"handler": reply.handler, "topic": reply.topic, "answer": answer[:160]}
    if case.kind == "in":
        if not reply.grounded:
            return False, "rejected", seen
        head = answer[:400].lower()
        ok = len(answer) <= 1200 and all(any(contains(head, s) for s in g) for g in case.expect)
        return ok, "" if ok else "wrong", seen
    if case.kind == "chitchat":
        ok = reply.handler in ("chitchat", "help") or not reply.grounded
        return ok, "" if ok else "grounded", seen
    return not reply.grounded, "" if not reply.grounded else "grounded", seen


def evaluate(engine: Engine, cases: list[Case]) -> Result:
    result = Result()
    for case in cases:
        ok, why, seen = judge(engine, case)
        result.total[case.kind] += 1
        if ok:
            result.right[case.kind] += 1
            continue
        if why == "rejected":
            result.rejected += 1
        elif why == "wrong":
            result.wrong_topic += 1
        result.misses.append({"q": case.q, "kind": case.kind, "why": why, **seen})
    return result


def table(rows: list[tuple[str, Result]]) -> str:
    """A plain-text table: one row per file, the rate per kind."""
    head = f"{'file':<34}" + "".join(f"{k:>16}" for k in KINDS) + f"{'in rejected':>13}"
    lines = [head, "-" * len(head)]
    for name, result in rows:
        cells = "".join(
            f"{result.right[k]:>6}/{result.total[k]:<4} {100 * result.rate(k):3.0f}%"
            if result.total[k]
            else f"{'-':>16}"
            for k in KINDS
        )
        rejected = f"{result.rejected}/{result.total['in']}" if result.total["in"] else "-"
        lines.append(f"{name[-34:]:<34}{cells}{rejected:>13}")
    return "\n".join(lines)
