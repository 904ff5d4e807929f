"""cProfile of the engine's hot path: every question, cold then once warm, at 1x and 100x.

Prints nothing itself; :func:`run` returns the top functions by own time (tottime) for the
table's appendix and the JSON, so ``docs/benchmarks.md`` can quote them.
"""

from __future__ import annotations

import cProfile
import pstats
from pathlib import Path
from typing import Any

from newsbot.engine import Engine

from .common import DIGEST, ROOT, all_questions
from .router import scaled

TOP = 10
#: One cold and one warm pass: the profile's shares settle by then, and more passes under the
#: profiler (about 25 s each at 100x) would push `make bench` past its five minutes.
PASSES = 2


def _where(key: tuple[str, int, str]) -> str:
    path, line, name = key
    for prefix in (str(ROOT / "src") + "/", "site-packages/", "lib/python3."):
        if prefix in path:
            path = path.split(prefix, 1)[1]
            break
    return f"{Path(path).as_posix()}:{line}({name})" if line else name


def profile(copies: int) -> dict[str, Any]:
    seed = Engine.from_file(DIGEST).digest
    questions = all_questions()
    engine = Engine(scaled(seed, copies))
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PASSES):
        for question in questions:
            engine.answer(question)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    entries = sorted(
        stats.stats.items(),  # type: ignore[attr-defined]
        key=lambda item: item[1][2],
        reverse=True,
    )[:TOP]
    top = [
        {
            "function": _where(key),
            "calls": value[1],
            "tottime_s": value[2],
            "cumtime_s": value[3],
            "share": value[2] / total if total else 0.0,
        }
        for key, value in entries
    ]
    return {
        "copies": copies,
        "answers": len(questions) * PASSES,
        "total_s": total,
        "top": top,
    }


def run() -> dict[str, Any]:
    return {f"{copies}x": profile(copies) for copies in (1, 100)}


def format_profile(data: dict[str, Any]) -> str:
    lines = []
    for label, prof in data.items():
        lines.append(
            f"cProfile, Engine.answer at {label}: {prof['answers']:,} answers, "
            f"{prof['total_s']:.2f} s under the profiler; top {TOP} by own time"
        )
        for entry in prof["top"]:
            lines.append(
                f"  {100 * entry['share']:5.1f}%  {entry['tottime_s']:6.3f} s  "
                f"{entry['calls']:>9,}  {entry['function']}"
            )
    return "\n".join(lines)
