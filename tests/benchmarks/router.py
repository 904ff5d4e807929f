"""Router latency: ``Engine.answer`` per question at 1x, 10x and 100x the digest, start-up time.

Synthetic digests clone every topic of the seed digest ``copies - 1`` more times with new ids
and every keyword and title token given a suffix unique to the copy, so the vocabulary, the
keyword index and the fuzzy-lookup buckets grow with the copies (cited text stays the same, so
text stems are shared by more topics). They are built in memory and skip the article check.

Each question is timed once on a fresh engine ("cold": the matcher's lookup cache is empty, as
for a question never seen before) and then over three more passes ("warm").
"""

from __future__ import annotations

import re
import time
from typing import Any

from newsbot.digest import Digest, Topic
from newsbot.engine import Engine

from .common import DIGEST, Row, all_questions, summary_ms

SCALES = (1, 10, 100)
WARM_PASSES = 3
P99_TARGET_MS = {1: 1.0, 100: 5.0}
_WORD = re.compile(r"[A-Za-z]+")


def _suffix(copy: int) -> str:
    """A suffix no stemmer strips (it ends in 'q') and that is unique to the copy."""
    letters = ""
    n = copy
    while True:
        n, r = divmod(n, 26)
        letters += chr(ord("a") + r)
        if n == 0:
            break
    return "x" + letters + "q"


def _mutate(text: str, suffix: str) -> str:
    return _WORD.sub(lambda m: m.group(0) + suffix, text)


def _clone(topic: Topic, copy: int) -> Topic:
    suffix = _suffix(copy)
    return topic.model_copy(
        update={
            "id": f"{topic.id}_{copy}"[:40],
            "title": _mutate(topic.title, suffix),
            "keywords": tuple(_mutate(k, suffix) for k in topic.keywords),
            "related": tuple(f"{r}_{copy}"[:40] for r in topic.related),
        }
    )


def scaled(seed: Digest, copies: int) -> Digest:
    """The seed digest with ``copies`` times its topics (copy 0 is the original)."""
    if copies == 1:
        return seed
    topics = list(seed.topics)
    for copy in range(1, copies):
        topics.extend(_clone(t, copy) for t in seed.topics)
    return seed.model_copy(update={"topics": tuple(topics)})


def _time_answers(engine: Engine, questions: list[str]) -> list[float]:
    out = []
    clock = time.perf_counter
    for question in questions:
        start = clock()
        engine.answer(question)
        out.append(clock() - start)
    return out


def measure_scale(seed: Digest, copies: int, questions: list[str]) -> dict[str, Any]:
    digest = scaled(seed, copies)
    start = time.perf_counter()
    engine = Engine(digest)
    build = time.perf_counter() - start
    engine.cache_size = 0  # time the routing itself; "warm" means warm lookup caches
    cold = _time_answers(engine, questions)
    warm: list[float] = []
    for _ in range(WARM_PASSES):
        warm.extend(_time_answers(engine, questions))
    return {
        "copies": copies,
        "topics": len(digest.topics),
        "keywords": sum(len(t.keywords) for t in digest.topics),
        "vocabulary": len(engine.matcher.vocabulary),
        "build_s": build,
        "cold": summary_ms(cold),
        "warm": summary_ms(warm),
    }


def run() -> tuple[list[Row], dict[str, Any]]:
    questions = all_questions()
    start = time.perf_counter()
    engine = Engine.from_file(DIGEST)
    from_file = time.perf_counter() - start
    seed = engine.digest
    results = {copies: measure_scale(seed, copies, questions) for copies in SCALES}
    rows = [
        Row(
            "router",
            "Engine.from_file (load, check, index)",
            f"{from_file * 1000:.0f} ms",
            data={"from_file_s": from_file},
        )
    ]
    base = results[1]
    for copies, r in results.items():
        cold, warm = r["cold"], r["warm"]
        target = P99_TARGET_MS.get(copies)
        ratio = (
            ""
            if copies == 1
            else (
                f"{cold['p50_ms'] / base['cold']['p50_ms']:.1f}x / "
                f"{cold['p99_ms'] / base['cold']['p99_ms']:.1f}x 1x"
            )
        )
        verdict = ""
        if target is not None:
            verdict = f"{'ok' if cold['p99_ms'] < target else 'MISS'} (p99 < {target:g} ms)"
        rows.append(
            Row(
                "router",
                f"{copies:>3}x cold ({r['topics']:,} topics, {r['keywords']:,} keywords)",
                f"{cold['p50_ms']:.3f} / {cold['p99_ms']:.3f} ms",
                ratio,
                verdict,
                r,
            )
        )
        rows.append(
            Row(
                "router",
                f"{copies:>3}x warm (Engine(digest) took {r['build_s'] * 1000:.0f} ms)",
                f"{warm['p50_ms']:.3f} / {warm['p99_ms']:.3f} ms",
            )
        )
    return rows, {
        "questions": len(questions),
        "from_file_s": from_file,
        "scales": {str(k): v for k, v in results.items()},
    }
