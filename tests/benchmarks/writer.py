"""Log writer: rows/s through ``ConversationLog`` (batched) vs one commit per row.

The log is fed ``N`` exchanges as fast as ``record`` takes them and then closed (which
flushes the queue); the time is from the first ``record`` to the end of ``close``. The
queue bound is raised to ``N`` for this run so that nothing is dropped: the bot's default
(20,000 pending rows) would drop the excess of a burst this size written in one go, which is
the bound doing its job, not the writer's speed. The baseline is the same schema (the log's own
migrations), WAL and ``synchronous=NORMAL``, the same HMAC-hashed rows, written with plain
``sqlite3`` and a commit after every row. Both run on a fresh file in a temp directory.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

# the log's own row layout and statement, so the baseline writes exactly what the log writes
from newsbot.store import _INSERT, MIGRATIONS, ConversationLog, Exchange, _row

from .common import Row

N = 50_000
BASELINE_N = 50_000
KEY = b"k" * 32


def _exchanges(n: int) -> list[Exchange]:
    return [
        Exchange(
            frontend="telegram",
            chat_type="private",
            user_id=str(10_000_000 + i),
            chat_id=str(10_000_000 + i),
            question=f"why is lee going to china, question number {i}",
            handler="topic",
            topic="purpose",
            score=87.5,
            grounded=True,
            answer_length=240,
            latency_ms=0.2,
            update_id=i,
        )
        for i in range(n)
    ]


async def batched(path: Path, exchanges: list[Exchange]) -> dict[str, Any]:
    log = await ConversationLog.open(path, KEY, max_pending=len(exchanges) + 1)
    start = time.perf_counter()
    for exchange in exchanges:
        log.record(exchange)
    queued = time.perf_counter() - start
    await log.close()
    total = time.perf_counter() - start
    with sqlite3.connect(path) as conn:
        stored = conn.execute("SELECT count(*) FROM exchanges").fetchone()[0]
    conn.close()
    return {
        "rows": len(exchanges),
        "stored": stored,
        "dropped": log.dropped,
        "record_s": queued,
        "total_s": total,
        "rows_per_s": len(exchanges) / total,
    }


def per_row(path: Path, exchanges: list[Exchange]) -> dict[str, Any]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    for statements in MIGRATIONS:
        for statement in statements:
            conn.execute(statement)
    start = time.perf_counter()
    for exchange in exchanges:
        conn.execute("BEGIN")
        conn.execute(_INSERT, _row(exchange, KEY))
        conn.execute("COMMIT")
    total = time.perf_counter() - start
    stored = conn.execute("SELECT count(*) FROM exchanges").fetchone()[0]
    conn.close()
    return {
        "rows": len(exchanges),
        "stored": stored,
        "total_s": total,
        "rows_per_s": len(exchanges) / total,
    }


def run() -> tuple[list[Row], dict[str, Any]]:
    exchanges = _exchanges(max(N, BASELINE_N))
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        fast = asyncio.run(batched(Path(tmp) / "batched.db", exchanges[:N]))
        slow = per_row(Path(tmp) / "per_row.db", exchanges[:BASELINE_N])
    ratio = fast["rows_per_s"] / slow["rows_per_s"]
    rows = [
        Row(
            "writer",
            f"ConversationLog, {N:,} rows + close",
            f"{fast['rows_per_s']:,.0f} rows/s",
            f"{ratio:.1f}x one commit per row ({slow['rows_per_s']:,.0f} rows/s)",
            "ok" if fast["stored"] == N and not fast["dropped"] else "ROWS LOST",
            fast,
        ),
        Row(
            "writer",
            "record() alone (on the bot's event loop)",
            f"{fast['record_s'] / N * 1e6:.1f} us/row",
        ),
    ]
    return rows, {"batched": fast, "per_row": slow, "ratio": ratio}
