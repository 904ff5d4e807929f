"""The conversation log on real SQLite files: schema, batching, privacy, faults, kill -9."""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.stats import cluster_questions, format_stats
from newsbot.store import (
    KEY_FILE_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    ConversationLog,
    Exchange,
    StoreError,
    hash_id,
    resolve_key,
)

KEY = b"a test key, not a secret"


def exchange(n: int = 0, **changes: object) -> Exchange:
    values: dict[str, object] = {
        "frontend": "telegram",
        "chat_type": "private",
        "user_id": "987654321",
        "chat_id": "987654321",
        "question": f"what did Lee say about trade? ({n})",
        "handler": "topic",
        "topic": "trade",
        "score": 88.0,
        "grounded": True,
        "answer_length": 240,
        "latency_ms": 3.5,
        "update_id": None,
    }
    values.update(changes)
    return Exchange(**values)  # type: ignore[arg-type]


def rows(path: Path, sql: str = "SELECT * FROM exchanges ORDER BY id") -> list[sqlite3.Row]:
    conn = sqlite3.connect(path, timeout=5)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def count(path: Path) -> int:
    return int(rows(path, "SELECT count(*) FROM exchanges")[0][0])


async def wait_until(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Poll (a bounded time) until ``condition()`` is true; the tests assert no durations."""
    async with asyncio.timeout(within):
        # polling: the condition is another connection's view of the file, no event to await
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def test_rows_hold_hashes_and_no_raw_ids(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY)
    log.record(exchange(update_id=7, chat_type="group", chat_id="-100555"))
    log.record(
        exchange(frontend="terminal", chat_type="terminal", user_id="alice", chat_id="alice")
    )
    await log.close()

    first, second = rows(db)
    assert first["user_hash"] == hmac.new(KEY, b"user:987654321", "sha256").hexdigest()
    assert first["chat_hash"] == hash_id(KEY, "chat", "-100555")
    assert first["chat_hash"] != hash_id(KEY, "user", "-100555")  # domain-separated
    assert (first["update_id"], first["grounded"], first["topic"]) == (7, 1, "trade")
    assert first["time"].endswith("Z")
    assert second["update_id"] is None
    assert second["user_hash"] == hash_id(KEY, "user", "alice")
    stored = " ".join(str(value) for row in rows(db) for value in tuple(row))
    assert "987654321" not in stored
    assert "alice" not in stored
    assert "-100555" not in stored
    assert rows(db, "PRAGMA journal_mode")[0][0] == "wal"


def build_database(path: Path, version: int) -> None:
    """A log as an older newsbot left it, with a redelivered update logged twice."""
    conn = sqlite3.connect(path)
    for statements in MIGRATIONS[:version]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        insert = (
            "INSERT INTO exchanges (time, frontend, chat_type, user_hash, chat_hash, update_id,"
            " question, handler, topic, score, grounded, answer_length, latency_ms)"
            " VALUES ('2024-01-01T00:00:00.000000Z', 'telegram', 'private', 'u', 'c', ?,"
            " 'old question', 'topic', 'trade', 90.0, 1, 10, 1.0)"
        )
        conn.execute(insert, (1,))
        if version < 2:
            conn.execute(insert, (1,))
        conn.execute(insert, (None,))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
async def test_migrates_forward_from_every_earlier_version(tmp_path: Path, version: int) -> None:
    db = tmp_path / "old.db"
    build_database(db, version)
    log = await ConversationLog.open(db, KEY)
    log.record(exchange(update_id=1))  # already logged by the old version: a redelivery
    log.record(exchange(update_id=2))
    await log.close()

    assert rows(db, "PRAGMA user_version")[0][0] == SCHEMA_VERSION
    kept = [(r["update_id"], r["question"]) for r in rows(db)]
    if version == 0:
        assert kept == [(1, exchange().question), (2, exchange().question)]
    else:
        assert kept == [(1, "old question"), (None, "old question"), (2, exchange().question)]
    indexes = {r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"exchanges_update_id", "exchanges_time"} <= indexes


async def test_refuses_a_newer_schema_and_a_corrupt_file(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    build_database(newer, SCHEMA_VERSION)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer newsbot"):
        await ConversationLog.open(newer, KEY)

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database at all, " * 200)
    with pytest.raises(StoreError, match="not a usable conversation log") as error:
        await ConversationLog.open(corrupt, KEY)
    assert "\n" not in str(error.value)


async def test_full_batches_commit_at_once_and_the_rest_waits_for_its_window(
    tmp_path: Path,
) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY, batch_size=50, flush_interval=30.0)
    for n in range(120):
        log.record(exchange(n))
    await wait_until(lambda: count(db) == 100)
    await asyncio.sleep(0.05)
    assert count(db) == 100  # 20 rows wait for the 30 s window...
    await log.close()
    assert count(db) == 120  # ...and close() flushes them


async def test_a_lone_row_is_written_within_the_window(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY, flush_interval=0.05)
    log.record(exchange())
    await wait_until(lambda: count(db) == 1)
    await log.close()


async def test_close_flushes_the_queue_and_leaves_no_thread(tmp_path: Path) -> None:
    before = threading.active_count()
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY, flush_interval=60.0)
    for n in range(500):
        log.record(exchange(n, update_id=n))
    await log.close()
    await log.close()  # idempotent
    assert count(db) == 500
    assert log.dropped == 0
    assert threading.active_count() == before
    log.record(exchange())  # after close: dropped and counted, never raised
    assert log.dropped == 1


async def test_redelivered_update_is_logged_once(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY)
    log.record(exchange(update_id=42))
    log.record(exchange(update_id=42))  # same batch
    log.record(exchange(frontend="terminal", chat_type="terminal"))
    log.record(exchange(frontend="terminal", chat_type="terminal"))  # null ids never clash
    await log.close()
    log = await ConversationLog.open(db, KEY)
    log.record(exchange(update_id=42))  # after a restart
    await log.close()
    assert [r["update_id"] for r in rows(db)] == [42, None, None]
    assert log.dropped == 0


async def test_forget_deletes_one_readers_rows_including_queued_ones(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY, flush_interval=30.0)
    for n in range(3):
        log.record(exchange(n, user_id="111"))
        log.record(exchange(n, user_id="222"))
    await log.close()
    log = await ConversationLog.open(db, KEY, flush_interval=30.0)
    log.record(exchange(9, user_id="111"))  # still queued when the reader asks
    assert await log.forget("111") == 4
    assert await log.forget("111") == 0
    await log.close()
    assert {r["user_hash"] for r in rows(db)} == {hash_id(KEY, "user", "222")}
    assert count(db) == 3


async def test_purge_deletes_rows_older_than_the_retention(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY)
    now = datetime.now(UTC)
    for age in (40, 31, 29, 0):
        log.record(exchange(age, time=now - timedelta(days=age)))
    await log.close()
    log = await ConversationLog.open(db, KEY)
    assert await log.purge(30) == 2
    with pytest.raises(StoreError):
        await log.purge(-1)
    await log.close()
    assert count(db) == 2


UNANSWERED = [
    "What about North Korea?",
    "what about north korea",
    "North Korea, what about it?",
    "Will Lee meet Putin?",
    "will lee meet putin",
    "how tall is the president",
]


async def test_stats_count_rank_and_cluster(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY)
    now = datetime.now(UTC)
    for n in range(4):
        log.record(exchange(n, user_id=str(n % 2), topic="trade"))
    log.record(exchange(5, topic="summit", time=now - timedelta(days=3)))
    for n, question in enumerate(UNANSWERED):
        log.record(
            exchange(n, user_id="3", question=question, handler="fallback", topic=None,
                     grounded=False)
        )  # fmt: skip
    log.record(exchange(0, handler="help", grounded=False, topic=None))  # not unanswered
    await log.close()

    log = await ConversationLog.open(db, KEY)
    stats = await log.stats()
    recent = await log.stats(since_days=1)
    await log.close()
    assert (stats.questions, stats.readers, stats.answered) == (12, 4, 5)
    assert stats.answer_rate == pytest.approx(5 / 12)
    assert stats.top_topics == (("trade", 4), ("summit", 1))
    assert [n for _, n in stats.per_day] == [1, 11]
    assert stats.per_day[-1][0] == now.date()
    assert stats.unanswered[0][1] == 3
    assert "north korea" in stats.unanswered[0][0].casefold()
    rest = [(question.casefold().rstrip("?"), n) for question, n in stats.unanswered[1:]]
    assert rest == [("will lee meet putin", 2), ("how tall is the president", 1)]
    assert recent.questions == 11
    assert recent.top_topics == (("trade", 4),)
    text = format_stats(stats)
    assert "Questions: 12 from 4 readers" in text
    assert "(42%)" in text
    assert "3 × " in text


def test_clustering_is_greedy_bounded_and_keeps_the_common_wording() -> None:
    questions = ["is lee going to japan", "Is Lee going to Japan?", "Japan: is Lee going?"] * 2
    questions += ["who paid for the flights", "what is the weather in Seoul", "Who paid?"]
    clusters = cluster_questions(questions, limit=3)
    assert clusters[0] == ("is lee going to japan", 6)
    assert len(clusters) == 3
    assert cluster_questions([]) == ()


async def test_a_full_queue_drops_rows_and_counts_them(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY, max_pending=10)
    for n in range(15):
        log.record(exchange(n))  # no await in between: the writer cannot drain
    assert log.dropped == 5
    await log.close()
    assert count(db) == 10


async def test_a_locked_database_drops_rows_logs_once_and_recovers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(
        db, KEY, batch_size=5, flush_interval=0.01, busy_timeout_ms=20
    )
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    with caplog.at_level(logging.ERROR, logger="newsbot.store"):
        for n in range(20):
            log.record(exchange(n))
        await wait_until(lambda: log.dropped == 20)
    locker.execute("ROLLBACK")
    locker.close()
    log.record(exchange(99))
    await log.close()
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1  # one error a minute, however many batches failed
    assert "dropped so far" in errors[0].getMessage()
    assert "987654321" not in caplog.text
    assert count(db) == 1


async def test_a_log_locked_at_start_up_is_set_up_once_the_lock_goes(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    locker = sqlite3.connect(db, isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    log = await ConversationLog.open(db, KEY, flush_interval=0.01, busy_timeout_ms=20)
    log.record(exchange(1))
    await wait_until(lambda: log.dropped == 1)
    locker.execute("ROLLBACK")
    locker.close()
    log.record(exchange(2))
    await log.close()
    assert rows(db, "PRAGMA user_version")[0][0] == SCHEMA_VERSION
    assert rows(db, "PRAGMA journal_mode")[0][0] == "wal"
    assert [r["question"] for r in rows(db)] == [exchange(2).question]


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` unwritable: chmod for a normal user, the immutable flag for root."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        path.chmod(0o644)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("running as root and chattr +i is unavailable: cannot make a file read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


async def test_a_read_only_database_never_stops_the_bot(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "log.db"
    log = await ConversationLog.open(db, KEY)
    log.record(exchange(update_id=1))
    await log.close()
    with read_only(db), caplog.at_level(logging.ERROR, logger="newsbot.store"):
        log = await ConversationLog.open(db, KEY, flush_interval=0.01)
        for n in range(10):
            log.record(exchange(n, update_id=100 + n))
        await log.close()
        assert log.dropped == 10
        assert count(db) == 1
        assert "dropped so far" in caplog.text


def test_resolve_key_prefers_the_setting_then_a_private_generated_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "data" / "log.db"
    assert resolve_key("from the environment", db) == b"from the environment"
    assert not (db.parent / KEY_FILE_NAME).exists()
    with caplog.at_level(logging.INFO, logger="newsbot.store"):
        first = resolve_key(None, db)
        second = resolve_key("", db)
    key_file = db.parent / KEY_FILE_NAME
    assert first == second
    assert len(first) == 64
    assert key_file.stat().st_mode & 0o777 == 0o600
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert first.decode() not in caplog.text


WRITER_SCRIPT = """
import asyncio, sys
from pathlib import Path
from newsbot.store import ConversationLog, Exchange

async def main() -> None:
    log = await ConversationLog.open(Path(sys.argv[1]), b"k", batch_size=100, flush_interval=0.005)
    n = 0
    while True:
        log.record(Exchange("telegram", "private", str(n % 50), str(n % 50), f"question {n}",
                            "topic", "trade", 80.0, True, 100, 1.0, update_id=n))
        n += 1
        if n % 50 == 0:
            await asyncio.sleep(0)

asyncio.run(main())
"""


@pytest.mark.slow
def test_sigkill_mid_write_leaves_a_sound_database(tmp_path: Path) -> None:
    db = tmp_path / "log.db"
    script = tmp_path / "writer.py"
    script.write_text(WRITER_SCRIPT)
    process = subprocess.Popen([sys.executable, str(script), str(db)])

    def committed() -> int:
        try:
            return count(db) if db.exists() else 0
        except sqlite3.OperationalError:  # the table does not exist yet
            return 0

    try:
        deadline = time.monotonic() + 30
        while committed() < 5_000:  # killed while it keeps writing, batch after batch
            assert process.poll() is None, "the writer died on its own"
            assert time.monotonic() < deadline, "the writer committed too little in 30 s"
            time.sleep(0.01)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM exchanges").fetchone()[0] >= 5_000
    finally:
        conn.close()
