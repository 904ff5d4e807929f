"""``newsbot`` command line: argparse subcommands and the one composition root.

``main()`` reads settings, loads the digest, builds the engine, the conversation log and the
chosen front end. Every failure a user can cause (bad settings, a broken digest, an unreadable
file, a missing database) is one line on stderr and exit code 2; a check that fails
(``digest check``, ``eval`` below target) is exit code 1.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import TextIO

from newsbot import __version__
from newsbot.config import ConfigError, Settings, load_settings
from newsbot.digest import DigestError
from newsbot.engine import Engine
from newsbot.evaluation import TARGETS, QuestionSetError, evaluate, read_cases, table
from newsbot.render import as_json, plain
from newsbot.store import StoreError

log = logging.getLogger("newsbot")


class UsageError(Exception):
    """Bad input to a command: one line, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Answers readers' questions about one news article."
    )
    parser.add_argument("--version", action="version", version=f"newsbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", help="run the Telegram bot (token from NEWSBOT_TELEGRAM_TOKEN)")
    sub.add_parser("chat", help="chat in the terminal with the same engine (no token needed)")
    ask = sub.add_parser("ask", help="answer one question, or one per stdin line")
    ask.add_argument("question", nargs="?", help="the question; omit to read stdin")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    digest = sub.add_parser("digest", help="digest tools")
    digest_sub = digest.add_subparsers(dest="digest_command", required=True, metavar="ACTION")
    check = digest_sub.add_parser("check", help="validate a digest and print coverage")
    check.add_argument("file", nargs="?", type=Path, help="digest file (default: NEWSBOT_DIGEST)")
    check.add_argument("--strict", action="store_true", help="coverage gaps are errors")
    ev = sub.add_parser("eval", help="score JSONL question sets")
    ev.add_argument("files", nargs="+", type=Path)
    ev.add_argument("--json", action="store_true", help="print results as JSON")
    ev.add_argument("--misses", type=int, default=40, help="misses to list (default 40)")
    stats = sub.add_parser("stats", help="what readers asked, from the conversation log")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--since", type=float, metavar="DAYS")
    export = sub.add_parser("export", help="export the conversation log")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--since", type=float, metavar="DAYS")
    forget = sub.add_parser("forget", help="delete every logged row of one Telegram user id")
    forget.add_argument("user_id")
    purge = sub.add_parser("purge", help="delete logged rows older than DAYS")
    purge.add_argument("--older-than", type=float, required=True, metavar="DAYS")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        logging.getLogger("httpx").setLevel(logging.WARNING)
        return _dispatch(args, settings, sys.stdout)
    except (ConfigError, DigestError, StoreError, UsageError, QuestionSetError) as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _dispatch(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    command: str = args.command
    if command in ("stats", "export", "forget", "purge"):
        return _log_command(args, settings, out)
    if command == "digest":
        return _digest_check(args.file or settings.digest, args.strict, out)
    engine = Engine.from_file(settings.digest)
    if command == "ask":
        return _ask(engine, args.question, args.json, out)
    if command == "eval":
        return _eval(engine, args.files, args.json, args.misses, out)
    if command == "chat":
        from newsbot.chat import run_chat
        from newsbot.store import ConversationLog, resolve_key

        async def open_log() -> ConversationLog:
            key = resolve_key(settings.user_id_key, settings.database)
            return await ConversationLog.open(settings.database, key)

        return run_chat(engine, open_log)
    from newsbot.telegram_bot import run

    return run(settings, engine)


def _ask(engine: Engine, question: str | None, as_json_lines: bool, out: TextIO) -> int:
    lines = [question] if question is not None else (line.rstrip("\n") for line in sys.stdin)
    for line in lines:
        if not line.strip():
            continue
        reply = engine.answer(line)
        if as_json_lines:
            out.write(json.dumps(as_json(line, reply), ensure_ascii=False) + "\n")
        else:
            out.write(plain(reply) + "\n\n")
        out.flush()
    return 0


def _eval(engine: Engine, files: list[Path], as_json_out: bool, misses: int, out: TextIO) -> int:
    rows = [(str(path), evaluate(engine, read_cases(path))) for path in files]
    failed = any(r.total[k] and r.rate(k) < TARGETS[k] for _, r in rows for k in TARGETS)
    if as_json_out:
        payload = [
            {
                "file": name,
                "rates": {k: r.rate(k) for k in r.total},
                "totals": dict(r.total),
                "in_rejected": r.rejected,
                "in_wrong": r.wrong_topic,
                "misses": r.misses,
            }
            for name, r in rows
        ]
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
        return 1 if failed else 0
    for name, result in rows:
        for miss in result.misses[:misses]:
            out.write(
                f"MISS {name.rsplit('/', 1)[-1]} [{miss['kind']}/{miss['why']}] {miss['q']!r}"
                f" -> {miss['handler']}:{miss['topic']} {miss['answer'][:80]!r}\n"
            )
    thresholds = engine.thresholds
    out.write(f"\nthresholds: {thresholds}\n{table(rows)}\n")
    total = {k: sum(r.total[k] for _, r in rows) for k in TARGETS}
    right = {k: sum(r.right[k] for _, r in rows) for k in TARGETS}
    overall = "  ".join(f"{k} {right[k]}/{total[k]}" for k in TARGETS if total[k])
    out.write(f"overall: {overall}\n")
    return 1 if failed else 0


def _digest_check(path: Path, strict: bool, out: TextIO) -> int:
    from newsbot.coverage import coverage_report

    engine = Engine.from_file(path)  # raises DigestError: exit 2
    warnings = coverage_report(engine)
    for line in warnings:
        out.write(f"warning: {line}\n")
    digest = engine.digest
    out.write(
        f"{path}: ok: {len(digest.topics)} topics, {len(digest.entities)} entities, "
        f"{len(digest.quotes)} quotes, {len(warnings)} coverage warnings\n"
    )
    return 1 if strict and warnings else 0


def _log_command(args: argparse.Namespace, settings: Settings, out: TextIO) -> int:
    from newsbot import editor
    from newsbot.store import resolve_key

    database = settings.database
    if args.command == "stats":
        return editor.stats_command(database, args.since, args.json, out)
    if args.command == "export":
        return editor.export_command(database, args.since, args.format, out)
    if args.command == "forget":
        if not args.user_id.lstrip("-").isdigit():
            raise UsageError(f"forget: USER_ID must be a Telegram user id, got {args.user_id!r}")
        key = resolve_key(settings.user_id_key, database)
        return editor.forget_command(database, key, args.user_id, out)
    if args.older_than < 0:
        raise UsageError("purge: --older-than must be 0 or more days")
    return editor.purge_command(database, args.older_than, out)
