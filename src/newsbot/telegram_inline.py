"""Inline mode: ``@bot <words>`` in any chat offers topic cards to post there.

Each card is an article result: the topic's title, the start of its answer, the answer itself
as the message to post (Telegram HTML from :mod:`newsbot.render`) and a URL button that opens
the topic in a private chat through the ``?start=topic_<id>`` deep link. An empty query offers
the summary and the topics in digest order.
"""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import InlineQueryLimit, ParseMode

from newsbot import render
from newsbot.engine import Engine
from newsbot.reply import Reply

#: Seconds Telegram may cache an answer: short, so a new digest shows up quickly.
CACHE_SECONDS = 10
_DESCRIPTION_CHARS = 100


def cards(engine: Engine, query: str, bot_username: str) -> list[InlineQueryResultArticle]:
    """The inline results for a query (at most Telegram's 50)."""
    limit = InlineQueryLimit.RESULTS
    replies = engine.search(query.strip(), limit)  # an empty query: summary, then topics
    return [_card(index, reply, bot_username) for index, reply in enumerate(replies[:limit])]


def _card(index: int, reply: Reply, bot_username: str) -> InlineQueryResultArticle:
    link = f"https://t.me/{bot_username}"
    if reply.topic:
        link += f"?start=topic_{reply.topic}"
    plain = render.plain(reply)
    title = reply.title or plain.split("\n", 1)[0]
    description = plain[len(reply.title) :].strip() if plain.startswith(reply.title) else plain
    return InlineQueryResultArticle(
        id=f"{index}:{reply.topic or reply.handler}"[:64],
        title=title[:_DESCRIPTION_CHARS] or "newsbot",
        description=" ".join(description.split())[:_DESCRIPTION_CHARS],
        input_message_content=InputTextMessageContent(
            render.html(reply)[0], parse_mode=ParseMode.HTML
        ),
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton("Continue in private chat", url=link)]]
        ),
    )
