"""The conversation log: every exchange in SQLite, written in batches, ids stored as HMACs.

The only module that imports ``aiosqlite`` and the only one holding SQL. The bot opens one
:class:`ConversationLog` at start-up; :meth:`ConversationLog.record` only appends to a bounded
in-memory queue, and one writer task commits the queue in batches (by count, or about every
100 ms), so a reply never waits for the disk. Disk faults (read-only, full, locked) drop rows,
count them in :attr:`ConversationLog.dropped` and log one error a minute; they never reach the
caller. WAL keeps the file consistent through ``kill -9`` and lets the editor's commands read
while the bot writes. Schema changes are forward migrations keyed by ``PRAGMA user_version``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import secrets
import sqlite3
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from newsbot.stats import CLUSTER_INPUT_LIMIT, Stats, answer_rate, cluster_questions, format_stats

log = logging.getLogger(__name__)

#: Each entry upgrades the schema by one version; entry ``i`` leads to ``user_version = i + 1``.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE exchanges (
            id INTEGER PRIMARY KEY,
            time TEXT NOT NULL,
            frontend TEXT NOT NULL,
            chat_type TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            chat_hash TEXT NOT NULL,
            update_id INTEGER,
            question TEXT NOT NULL,
            handler TEXT NOT NULL,
            topic TEXT,
            score REAL,
            grounded INTEGER NOT NULL,
            answer_length INTEGER NOT NULL,
            latency_ms REAL NOT NULL
        )""",
    ),
    (
        # version 1 had no uniqueness: keep the first copy of a redelivered update
        """DELETE FROM exchanges WHERE update_id IS NOT NULL AND id NOT IN (
            SELECT min(id) FROM exchanges WHERE update_id IS NOT NULL GROUP BY update_id)""",
        "CREATE UNIQUE INDEX exchanges_update_id ON exchanges (update_id)",
    ),
    (
        # no index on user_hash: /forget is rare and scans fast, while an index on random
        # 64-character keys would cut batched insert speed about five times
        "CREATE INDEX exchanges_time ON exchanges (time)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
KEY_FILE_NAME = "newsbot.key"
BUSY_TIMEOUT_MS = 5_000
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # fixed width, so text order is time order
_COLUMNS = (
    "time, frontend, chat_type, user_hash, chat_hash, update_id, question, handler, topic,"
    " score, grounded, answer_length, latency_ms"
)
# built from the constants above, never from input
_INSERT = f"INSERT OR IGNORE INTO exchanges ({_COLUMNS}) VALUES ({', '.join('?' * 13)})"  # noqa: S608
#: Rows per multi-row INSERT: 13 parameters each stays far below SQLite's 32,766 limit.
_ROWS_PER_INSERT = 250
_SELECT = f"SELECT {_COLUMNS} FROM exchanges WHERE time >= ? ORDER BY time, id"  # noqa: S608
_DELETE_USER = "DELETE FROM exchanges WHERE user_hash = ?"
_DELETE_OLDER = "DELETE FROM exchanges WHERE time < ?"

Row = tuple[Any, ...]


class StoreError(Exception):
    """The conversation log cannot be used: the message is one line for the editor."""


class _Secret(Protocol):
    def get_secret_value(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Exchange:
    """One question and how it was answered; ids are raw here and hashed by the log."""

    frontend: str
    chat_type: str
    user_id: str
    chat_id: str
    question: str
    handler: str
    topic: str | None
    score: float | None
    grounded: bool
    answer_length: int
    latency_ms: float
    update_id: int | None = None
    time: datetime = field(default_factory=lambda: datetime.now(UTC))


def hash_id(key: bytes, kind: str, raw_id: str | int) -> str:
    """HMAC-SHA256 of ``"<kind>:<id>"``, hex: the only form an id is stored in."""
    return hmac.digest(key, f"{kind}:{raw_id}".encode(), "sha256").hex()


def resolve_key(settings_key: str | _Secret | None, database: Path) -> bytes:
    """``NEWSBOT_USER_ID_KEY`` if set, else a key kept in ``newsbot.key`` by the database."""
    if settings_key is not None and not isinstance(settings_key, str):
        settings_key = settings_key.get_secret_value()
    if settings_key:
        return settings_key.encode()
    path = database.parent / KEY_FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key.encode()
        raise StoreError(
            f"user-id key file {path} is empty: delete it or set NEWSBOT_USER_ID_KEY"
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot create user-id key file {path}: {exc.strerror}") from exc
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    log.warning(
        "NEWSBOT_USER_ID_KEY is not set: generated a user-id key in %s (mode 0600); keep it "
        "with the database, or stored ids will no longer match",
        path,
    )
    return key.encode()


def _as_text(moment: datetime) -> str:
    if moment.tzinfo is None:  # a naive time is taken to be UTC already
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def _cutoff(days: float) -> str:
    if days < 0:
        raise StoreError(f"a number of days cannot be negative: {days:g}")
    return _as_text(datetime.now(UTC) - timedelta(days=days))


def _row(exchange: Exchange, key: bytes) -> Row:
    return (
        _as_text(exchange.time),
        exchange.frontend,
        exchange.chat_type,
        hash_id(key, "user", exchange.user_id),
        hash_id(key, "chat", exchange.chat_id),
        exchange.update_id,
        exchange.question,
        exchange.handler,
        exchange.topic,
        None if exchange.score is None else float(exchange.score),
        int(bool(exchange.grounded)),
        int(exchange.answer_length),
        float(exchange.latency_ms),
    )


@lru_cache(maxsize=32)
def _insert_rows(count: int) -> str:
    """``INSERT OR IGNORE`` of ``count`` rows in one statement."""
    values = ", ".join([f"({', '.join('?' * 13)})"] * count)
    return f"INSERT OR IGNORE INTO exchanges ({_COLUMNS}) VALUES {values}"  # noqa: S608


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# Path calls below are single stat()/mkdir() system calls, quick enough for the event loop.
def _uri(path: Path, mode: str) -> str:
    if mode == "rwc":
        path.parent.mkdir(parents=True, exist_ok=True)
    return f"{path.resolve().as_uri()}?mode={mode}"


def _exists(path: Path) -> bool:
    return path.is_file()


async def _connect(uri: str, busy_timeout_ms: int) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(uri, uri=True)
    try:
        await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except BaseException:
        await _close(conn)
        raise
    return conn


async def _close(conn: aiosqlite.Connection) -> None:
    thread = getattr(conn, "_thread", None)
    await conn.close()
    # aiosqlite stops its worker thread without joining it. The thread has already answered
    # its last request and is returning, so this join is over in microseconds.
    if isinstance(thread, threading.Thread):
        thread.join(timeout=1.0)


async def _user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def _migrate(conn: aiosqlite.Connection, path: Path) -> None:
    version = await _user_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer newsbot (schema {version} > {SCHEMA_VERSION})"
        )
    for target in range(version + 1, SCHEMA_VERSION + 1):
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[target - 1]:
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {target}")
            await conn.commit()
        except BaseException:
            await conn.rollback()
            raise
        log.debug("conversation log %s migrated to schema %d", path, target)
    if version < SCHEMA_VERSION:
        what = "created" if version == 0 else f"upgraded from schema {version}"
        log.info("conversation log %s %s (schema %d)", path, what, SCHEMA_VERSION)


async def _setup(conn: aiosqlite.Connection, path: Path) -> None:
    """WAL, ``synchronous=NORMAL`` and migrations; OperationalError when the disk says no."""
    async with conn.execute("PRAGMA journal_mode = WAL") as cursor:
        mode = await cursor.fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        log.warning("conversation log %s is not in WAL mode (%s)", path, mode)
    await conn.execute("PRAGMA synchronous = NORMAL")
    await _migrate(conn, path)


class ConversationLog:
    """The bot's one connection to the log: a queue, a writer task, and the queries."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        conn: aiosqlite.Connection | None,
        *,
        ready: bool,
        busy_timeout_ms: int,
        batch_size: int,
        flush_interval: float,
        max_pending: int,
    ) -> None:
        self.path = path
        self.dropped = 0
        self._key = key
        self._conn = conn
        self._busy_timeout_ms = busy_timeout_ms
        self._ready = ready  # connected, in WAL mode and migrated
        self._batch_size = max(1, batch_size)
        self._flush_interval = flush_interval
        self._max_pending = max(1, max_pending)
        self._pending: deque[Row] = deque()
        self._wake = asyncio.Event()  # set when rows are pending or the log is closing
        self._full = asyncio.Event()  # set when a whole batch is pending
        self._lock = asyncio.Lock()  # one write transaction at a time on the connection
        self._closing = False
        self._last_report: float | None = None
        self._writer = asyncio.create_task(self._run_writer(), name="conversation-log-writer")

    @classmethod
    async def open(
        cls,
        path: Path,
        key: bytes,
        *,
        batch_size: int = 1_000,
        flush_interval: float = 0.1,
        max_pending: int = 20_000,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> ConversationLog:
        """Open (creating and migrating) the log at ``path`` and start its writer.

        Raises :class:`StoreError` only when the file is not a usable newsbot database
        (corrupt, or from a newer newsbot). A disk that cannot be written gives a log that
        drops rows and says so.
        """
        conn: aiosqlite.Connection | None = None
        ready = False
        try:
            conn = await _connect(_uri(path, "rwc"), busy_timeout_ms)
            await _setup(conn, path)
            ready = True
        except (sqlite3.OperationalError, OSError) as exc:
            # read-only, full or locked: the bot answers anyway; the writer retries each batch
            log.error("conversation log %s cannot be set up yet: %s", path, _one_line(exc))
        except (sqlite3.DatabaseError, StoreError) as exc:
            if conn is not None:
                await _close(conn)
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{path} is not a usable conversation log: {_one_line(exc)}") from exc
        return cls(
            path,
            key,
            conn,
            ready=ready,
            busy_timeout_ms=busy_timeout_ms,
            batch_size=batch_size,
            flush_interval=flush_interval,
            max_pending=max_pending,
        )

    def record(self, exchange: Exchange) -> None:
        """Queue one exchange; never blocks, never raises (call it from the event loop)."""
        if self._closing or len(self._pending) >= self._max_pending:
            self._lost(1, "the log is closed" if self._closing else "the write queue is full")
            return
        try:
            row = _row(exchange, self._key)
        except (TypeError, ValueError, AttributeError) as exc:
            self._lost(1, f"bad exchange: {_one_line(exc)}")
            return
        self._pending.append(row)
        self._wake.set()
        if len(self._pending) >= self._batch_size:
            self._full.set()

    async def close(self) -> None:
        """Write every queued row, stop the writer and close the connection."""
        if self._closing:
            return
        self._closing = True
        self._wake.set()
        self._full.set()
        await self._writer
        if self._conn is not None:
            conn, self._conn = self._conn, None
            await _close(conn)

    async def forget(self, user_id: str) -> int:
        """Delete every row of this raw user id (queued ones too); the number deleted."""
        user_hash = hash_id(self._key, "user", user_id)
        queued = len(self._pending)
        self._pending = deque(row for row in self._pending if row[3] != user_hash)
        removed = queued - len(self._pending)
        async with self._lock:
            return removed + await self._delete(_DELETE_USER, user_hash)

    async def purge(self, older_than_days: float) -> int:
        """Delete rows older than this many days (retention); the number deleted."""
        cutoff = _cutoff(older_than_days)
        async with self._lock:
            return await self._delete(_DELETE_OLDER, cutoff)

    async def stats(self, since_days: float | None = None) -> Stats:
        """Totals, top topics, per-day volume and clustered unanswered questions."""
        if self._conn is None:
            raise StoreError(f"conversation log {self.path} is not open")
        try:
            return await _query_stats(self._conn, since_days)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read {self.path}: {_one_line(exc)}") from exc

    async def _delete(self, sql: str, value: str) -> int:
        if self._conn is None:
            raise StoreError(f"conversation log {self.path} is not open")
        try:
            cursor = await self._conn.execute(sql, (value,))
            await self._conn.commit()
        except sqlite3.Error as exc:
            with suppress(sqlite3.Error):
                await self._conn.rollback()
            raise StoreError(f"cannot erase rows in {self.path}: {_one_line(exc)}") from exc
        return max(cursor.rowcount, 0)

    async def _run_writer(self) -> None:
        while True:
            if not self._pending:
                if self._closing:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            if len(self._pending) < self._batch_size and not self._closing:
                # let a batch gather: whichever comes first, a full batch or the window's end
                self._full.clear()
                with suppress(TimeoutError):
                    async with asyncio.timeout(self._flush_interval):
                        await self._full.wait()
            count = min(len(self._pending), self._batch_size)
            batch = [self._pending.popleft() for _ in range(count)]
            if len(self._pending) < self._batch_size and not self._closing:
                self._full.clear()
            await self._write(batch)

    async def _write(self, batch: list[Row]) -> None:
        async with self._lock:
            try:
                conn = await self._ready_connection()
                # One statement per chunk, not one per row: every row of executemany hands the
                # GIL to SQLite and back, and under load each hand-back waits on the event loop.
                for start in range(0, len(batch), _ROWS_PER_INSERT):
                    chunk = batch[start : start + _ROWS_PER_INSERT]
                    await conn.execute(_insert_rows(len(chunk)), [v for row in chunk for v in row])
                await conn.commit()
            except Exception as exc:  # any failure drops the batch, never the bot
                if self._conn is not None:
                    with suppress(Exception):
                        await self._conn.rollback()
                self._lost(len(batch), _one_line(exc))

    async def _ready_connection(self) -> aiosqlite.Connection:
        """The connection, set up first if the disk refused at start-up (it may be fixed)."""
        if self._conn is None:
            self._conn = await _connect(_uri(self.path, "rwc"), self._busy_timeout_ms)
        if not self._ready:
            await _setup(self._conn, self.path)
            self._ready = True
        return self._conn

    def _lost(self, rows: int, reason: str) -> None:
        self.dropped += rows
        now = time.monotonic()
        if self._last_report is None or now - self._last_report >= 60.0:
            self._last_report = now
            log.error(
                "conversation log %s: %s; %d row(s) dropped so far",
                self.path,
                reason,
                self.dropped,
            )


async def _query_stats(conn: aiosqlite.Connection, since_days: float | None) -> Stats:
    since = _cutoff(since_days) if since_days is not None else ""
    async with conn.execute(
        "SELECT count(*), count(DISTINCT user_hash), coalesce(sum(grounded), 0)"
        " FROM exchanges WHERE time >= ?",
        (since,),
    ) as cursor:
        totals = await cursor.fetchone()
    questions, readers, answered = (int(v) for v in totals) if totals else (0, 0, 0)
    topics = await conn.execute_fetchall(
        "SELECT topic, count(*) AS n FROM exchanges WHERE time >= ? AND topic IS NOT NULL"
        " GROUP BY topic ORDER BY n DESC, topic LIMIT 10",
        (since,),
    )
    days = await conn.execute_fetchall(
        "SELECT substr(time, 1, 10) AS day, count(*) FROM exchanges WHERE time >= ?"
        " GROUP BY day ORDER BY day",
        (since,),
    )
    unanswered = await conn.execute_fetchall(
        "SELECT question FROM exchanges WHERE time >= ? AND grounded = 0"
        " AND handler = 'fallback' ORDER BY time DESC, id DESC LIMIT ?",
        (since, CLUSTER_INPUT_LIMIT),
    )
    # clustering is CPU work of up to a second: keep it off the bot's event loop
    clusters = await asyncio.to_thread(cluster_questions, [str(r[0]) for r in unanswered])
    return Stats(
        since_days=since_days,
        questions=questions,
        readers=readers,
        answered=answered,
        answer_rate=answer_rate(answered, questions),
        top_topics=tuple((str(t), int(n)) for t, n in topics),
        per_day=tuple((date.fromisoformat(str(d)), int(n)) for d, n in days),
        unanswered=clusters,
    )


# -- the editor's commands: their own short-lived connection to an existing log --------------


@asynccontextmanager
async def _existing(path: Path) -> AsyncIterator[aiosqlite.Connection]:
    """A connection to a log that must exist already; every SQLite failure is a StoreError."""
    if not _exists(path):
        raise StoreError(f"no conversation log at {path} yet: the bot creates it on first run")
    conn: aiosqlite.Connection | None = None
    try:
        try:
            conn = await _connect(_uri(path, "rw"), BUSY_TIMEOUT_MS)
        except sqlite3.OperationalError:  # a file we may not write can still be read
            conn = await _connect(_uri(path, "ro"), BUSY_TIMEOUT_MS)
        version = await _user_version(conn)
        if not 1 <= version <= SCHEMA_VERSION:
            raise StoreError(f"{path} is not a newsbot conversation log (schema {version})")
        yield conn
    except sqlite3.Error as exc:
        raise StoreError(f"cannot use conversation log {path}: {_one_line(exc)}") from exc
    finally:
        if conn is not None:
            await _close(conn)


async def read_stats(path: Path, since_days: float | None = None) -> Stats:
    """:class:`Stats` of the log at ``path``, read while the bot may be writing."""
    async with _existing(path) as conn:
        return await _query_stats(conn, since_days)


async def iter_export(
    path: Path, since_days: float | None = None
) -> AsyncIterator[dict[str, Any]]:
    """Every row (oldest first) as a dict with the export's keys, streamed."""
    since = _cutoff(since_days) if since_days is not None else ""
    async with (
        _existing(path) as conn,
        conn.execute(_SELECT, (since,)) as cursor,
    ):
        async for row in cursor:
            yield {
                "time": row[0],
                "frontend": row[1],
                "chat_type": row[2],
                "user": row[3],
                "chat": row[4],
                "update_id": row[5],
                "question": row[6],
                "handler": row[7],
                "topic": row[8],
                "score": row[9],
                "grounded": bool(row[10]),
                "answer_length": row[11],
                "latency_ms": row[12],
            }


async def forget_rows(path: Path, key: bytes, user_id: str) -> int:
    """Delete every row of a raw user id, in one transaction; the number deleted."""
    async with _existing(path) as conn:
        cursor = await conn.execute(_DELETE_USER, (hash_id(key, "user", user_id),))
        await conn.commit()
        return max(cursor.rowcount, 0)


async def purge_rows(path: Path, older_than_days: float) -> int:
    """Delete rows older than this many days; the number deleted."""
    cutoff = _cutoff(older_than_days)
    async with _existing(path) as conn:
        cursor = await conn.execute(_DELETE_OLDER, (cutoff,))
        await conn.commit()
        return max(cursor.rowcount, 0)


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ConversationLog",
    "Exchange",
    "Stats",
    "StoreError",
    "forget_rows",
    "format_stats",
    "hash_id",
    "iter_export",
    "purge_rows",
    "read_stats",
    "resolve_key",
]
