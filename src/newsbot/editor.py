"""The editor's commands on the conversation log: ``stats``, ``export``, ``forget``, ``purge``.

``cli.py`` parses the arguments and calls these; each runs its own event loop, prints to
``out`` and returns the exit code. A missing or corrupt database raises
:class:`~newsbot.store.StoreError` with a one-line message (the CLI prints it, exits 2). They
read and write through their own short-lived connection, so they work while the bot runs.
"""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path
from typing import Any, Literal, TextIO

from newsbot.store import forget_rows, format_stats, iter_export, purge_rows, read_stats

#: The export's columns, in order (also the CSV header).
EXPORT_FIELDS = (
    "time",
    "frontend",
    "chat_type",
    "user",
    "chat",
    "update_id",
    "question",
    "handler",
    "topic",
    "score",
    "grounded",
    "answer_length",
    "latency_ms",
)


def stats_command(database: Path, since_days: float | None, as_json: bool, out: TextIO) -> int:
    """Print totals, answer rate, top topics, volume per day and top unanswered questions."""
    stats = asyncio.run(read_stats(database, since_days))
    if as_json:
        out.write(json.dumps(stats.as_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(format_stats(stats) + "\n")
    return 0


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


async def _export(
    database: Path, since_days: float | None, fmt: Literal["jsonl", "csv"], out: TextIO
) -> int:
    count = 0
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(EXPORT_FIELDS)
    async for row in iter_export(database, since_days):
        if writer is not None:
            writer.writerow([_csv_value(row[name]) for name in EXPORT_FIELDS])
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_command(
    database: Path, since_days: float | None, fmt: Literal["jsonl", "csv"], out: TextIO
) -> int:
    """Write every row (oldest first) as JSON lines or CSV with a header row."""
    if fmt not in ("jsonl", "csv"):
        raise ValueError(f"unknown export format: {fmt}")
    asyncio.run(_export(database, since_days, fmt, out))
    return 0


def forget_command(database: Path, key: bytes, user_id: str, out: TextIO) -> int:
    """Delete every row of one Telegram user id (hashed with ``key``), in one transaction."""
    deleted = asyncio.run(forget_rows(database, key, user_id.strip()))
    out.write(f"forgot {deleted} row{'' if deleted == 1 else 's'} for that user\n")
    return 0


def purge_command(database: Path, older_than_days: float, out: TextIO) -> int:
    """Delete rows older than ``older_than_days`` days."""
    deleted = asyncio.run(purge_rows(database, older_than_days))
    out.write(
        f"purged {deleted} row{'' if deleted == 1 else 's'} older than {older_than_days:g} days\n"
    )
    return 0


__all__ = ["EXPORT_FIELDS", "export_command", "forget_command", "purge_command", "stats_command"]
