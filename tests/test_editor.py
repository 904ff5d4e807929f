"""The editor's commands on real log files, including while the bot is writing."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsbot.editor import (
    EXPORT_FIELDS,
    export_command,
    forget_command,
    purge_command,
    stats_command,
)
from newsbot.store import ConversationLog, Exchange, StoreError, hash_id

KEY = b"editor test key"


def exchange(n: int, **changes: object) -> Exchange:
    values: dict[str, object] = {
        "frontend": "telegram",
        "chat_type": "private",
        "user_id": str(1000 + n % 3),
        "chat_id": str(1000 + n % 3),
        "question": f"what did Lee say about trade, «{n}»?",
        "handler": "topic",
        "topic": "trade",
        "score": 90.5,
        "grounded": True,
        "answer_length": 200,
        "latency_ms": 2.25,
        "update_id": n,
    }
    values.update(changes)
    return Exchange(**values)  # type: ignore[arg-type]


async def fill(db: Path, exchanges: list[Exchange]) -> None:
    log = await ConversationLog.open(db, KEY)
    for item in exchanges:
        log.record(item)
    await log.close()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "newsbot.db"
    old = datetime.now(UTC) - timedelta(days=10)
    items = [exchange(n) for n in range(6)]
    items.append(exchange(6, time=old, topic="summit"))
    items.append(
        exchange(7, handler="fallback", grounded=False, topic=None, score=None,
                 question="What about North Korea?", frontend="terminal",
                 chat_type="terminal", update_id=None)
    )  # fmt: skip
    asyncio.run(fill(db, items))
    return db


def run(command: object, *args: object) -> str:
    out = io.StringIO()
    assert command(*args, out) == 0  # type: ignore[operator]
    return out.getvalue()


def test_stats_as_text_and_json(database: Path) -> None:
    text = run(stats_command, database, None, False)
    assert text.startswith("Conversation log (all time)")
    assert "Questions: 8 from 3 readers" in text
    assert "1 × What about North Korea?" in text
    data = json.loads(run(stats_command, database, 7.0, True))
    assert (data["questions"], data["answered"], data["since_days"]) == (7, 6, 7.0)
    assert data["top_topics"] == [{"topic": "trade", "count": 6}]
    assert data["unanswered"] == [{"question": "What about North Korea?", "count": 1}]
    assert data["per_day"][0]["date"] == datetime.now(UTC).date().isoformat()


def test_export_jsonl_and_csv(database: Path) -> None:
    lines = run(export_command, database, None, "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 8
    assert tuple(records[0]) == EXPORT_FIELDS
    assert records[0]["topic"] == "summit"  # oldest first
    terminal = records[-1]
    assert (terminal["update_id"], terminal["score"], terminal["grounded"]) == (None, None, False)
    assert terminal["user"] == hash_id(KEY, "user", "1001")
    assert datetime.fromisoformat(terminal["time"]).tzinfo is not None
    assert "«" in lines[1]  # UTF-8 kept as typed

    table = list(csv.reader(io.StringIO(run(export_command, database, 1.0, "csv"))))
    assert tuple(table[0]) == EXPORT_FIELDS
    assert len(table) == 1 + 7
    assert table[-1][EXPORT_FIELDS.index("grounded")] == "false"
    assert table[-1][EXPORT_FIELDS.index("update_id")] == ""


def test_forget_deletes_one_telegram_user(database: Path) -> None:
    assert run(forget_command, database, KEY, "1000") == "forgot 3 rows for that user\n"
    assert run(forget_command, database, KEY, "1000") == "forgot 0 rows for that user\n"
    users = {r["user"] for r in map(json.loads, run(export_command, database, None, "jsonl")
                                    .splitlines())}  # fmt: skip
    assert hash_id(KEY, "user", "1000") not in users
    assert len(users) == 2


def test_purge_deletes_old_rows(database: Path) -> None:
    assert run(purge_command, database, 5.0) == "purged 1 row older than 5 days\n"
    assert run(purge_command, database, 5.0) == "purged 0 rows older than 5 days\n"
    with pytest.raises(StoreError, match="negative"):
        run(purge_command, database, -1.0)


@pytest.mark.parametrize("command", ["stats", "export", "forget", "purge"])
def test_missing_or_corrupt_database_is_one_line_error(tmp_path: Path, command: str) -> None:
    calls = {
        "stats": lambda db: stats_command(db, None, False, io.StringIO()),
        "export": lambda db: export_command(db, None, "jsonl", io.StringIO()),
        "forget": lambda db: forget_command(db, KEY, "1", io.StringIO()),
        "purge": lambda db: purge_command(db, 30, io.StringIO()),
    }
    missing = tmp_path / "nothing.db"
    with pytest.raises(StoreError, match="no conversation log at"):
        calls[command](missing)
    assert not missing.exists()  # the editor's commands never create a log

    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00garbage, not SQLite\n" * 300)
    with pytest.raises(StoreError) as error:
        calls[command](corrupt)
    assert "\n" not in str(error.value)

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    with pytest.raises(StoreError, match="not a newsbot conversation log"):
        calls[command](foreign)


async def test_commands_work_while_the_bot_writes(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    log = await ConversationLog.open(db, KEY, batch_size=200, flush_interval=0.005)
    stop = asyncio.Event()

    async def bot() -> int:
        n = 0
        while not stop.is_set():
            log.record(exchange(n))
            n += 1
            if n % 5 == 0:  # a busy bot, but not one that outruns the editor's export
                await asyncio.sleep(0.002)
        return n

    def editor() -> None:
        # the commands run their own event loop: give them a thread of their own
        for _ in range(15):
            assert json.loads(run(stats_command, db, None, True))["questions"] >= 0
            run(export_command, db, None, "csv")
            run(forget_command, db, KEY, "1002")
            run(purge_command, db, 365.0)

    writer = asyncio.create_task(bot())
    await asyncio.sleep(0.05)
    await asyncio.to_thread(editor)
    stop.set()
    written = await writer
    await log.close()
    assert log.dropped == 0
    remaining = json.loads(await asyncio.to_thread(run, stats_command, db, None, True))
    assert 0 < remaining["questions"] <= written
