"""Inline keyboards built as plain JSON say exactly what python-telegram-bot's objects say."""

from __future__ import annotations

import json
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from newsbot.engine import Engine
from newsbot.reply import Button, Reply, Suggestion
from newsbot.telegram_buttons import buttons, decode, keyboard

DATA = Path(__file__).parent / "data"


def _ptb(reply: Reply) -> str | None:
    rows = [[InlineKeyboardButton(label, callback_data=data)] for label, data in buttons(reply)]
    return InlineKeyboardMarkup(rows).to_json() if rows else None


def test_keyboard_json_matches_ptb_for_every_reply_to_our_questions(engine: Engine) -> None:
    seen = 0
    for path in sorted(DATA.glob("dev2*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            reply = engine.answer(json.loads(line)["q"])
            ours, theirs = keyboard(reply), _ptb(reply)
            assert (ours is None) == (theirs is None)
            if ours is not None and theirs is not None:
                assert json.loads(ours) == json.loads(theirs)
                seen += 1
    assert seen > 500


def test_duplicates_blanks_and_oversized_data_are_dropped() -> None:
    reply = Reply(
        text="x",
        handler="topic",
        buttons=(Button("More", "more", "visit"), Button("   ", "topic", "japan")),
        suggestions=(
            Suggestion("visit", "The visit"),
            Suggestion("visit", "The visit again"),
            Suggestion("k" * 70, "Too long for callback data"),
            Suggestion("japan", "Japan and Taiwan “quoted” é"),
        ),
    )
    markup = keyboard(reply)
    assert markup is not None
    rows = json.loads(markup)["inline_keyboard"]
    assert [row[0]["callback_data"] for row in rows] == ["m:visit", "t:visit", "t:japan"]
    assert rows[2][0]["text"] == "Japan and Taiwan “quoted” é"
    assert all(decode(row[0]["callback_data"]) is not None for row in rows)


def test_no_buttons_means_no_keyboard() -> None:
    assert keyboard(Reply(text="hi", handler="chitchat")) is None
