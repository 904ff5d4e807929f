"""The fake Bot API behaves like Telegram as seen through the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from fakes.bot_api import FakeBotAPI
from fakes.telegram_html import EntityParseError, parse_html

GROUP = -1001234567890
USER = 4242


def make_token() -> str:
    # Built at run time so no token-shaped literal sits in the repository.
    return f"{random.randint(10**8, 10**9)}:" + "A" * 35


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(make_token()) as fake:
        yield fake


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(api.token, base_url=api.base_url) as client:
        yield client


async def test_get_me_describes_a_privacy_mode_bot(api: FakeBotAPI, bot: telegram.Bot) -> None:
    me = await bot.get_me()
    assert me.username == "newsbot"
    assert me.id == api.bot_id
    assert me.can_read_all_group_messages is False
    assert me.supports_inline_queries is True


async def test_a_wrong_token_is_rejected(api: FakeBotAPI) -> None:
    with pytest.raises(InvalidToken):
        async with telegram.Bot(make_token(), base_url=api.base_url):
            pass


async def test_unknown_methods_are_bad_requests_and_recorded(
    bot: telegram.Bot, api: FakeBotAPI
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)method not found"):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": USER})
    assert api.unknown_methods == ["sendHologram"]


async def test_send_message_returns_a_message_and_is_recorded(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    api.private_message(USER, "hello")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("More", callback_data="more:visit")]])
    msg = await bot.send_message(
        USER, "<b>Lee</b> visits &amp; talks", parse_mode="HTML", reply_markup=keyboard
    )
    assert msg.text == "Lee visits & talks"
    assert msg.from_user is not None
    assert msg.from_user.id == api.bot_id
    assert msg.entities[0].type == "bold"
    assert msg.parse_entity(msg.entities[0]) == "Lee"
    assert msg.reply_markup == keyboard
    sent = await api.wait_for(lambda m: m["chat_id"] == USER)
    assert sent["text"] == "<b>Lee</b> visits &amp; talks"
    assert sent["plain"] == "Lee visits & talks"
    assert sent["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "more:visit"


async def test_a_reply_points_at_the_question(api: FakeBotAPI, bot: telegram.Bot) -> None:
    api.private_message(USER, "who went?")
    (update,) = await bot.get_updates(timeout=0)
    assert update.message is not None
    reply = await update.message.reply_text("Lee did.", do_quote=True)
    assert reply.reply_to_message is not None
    assert reply.reply_to_message.message_id == update.message.message_id
    assert api.sent[-1]["reply_to_message_id"] == update.message.message_id
    with pytest.raises(BadRequest, match=r"(?i)message to be replied not found"):
        await bot.send_message(USER, "x", reply_to_message_id=999)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("<p>para</p>", 'Unsupported start tag "p"'),
        ("1 < 2", "Unsupported start tag"),
        ("<b>bold", "Can't find end tag"),
        ("<b><i>x</b></i>", "Unmatched end tag"),
        ("Q&A", "bare '&'"),
        ("a<br>b", 'Unsupported start tag "br"'),
        ('<span class="x">s</span>', "tg-spoiler"),
    ],
)
async def test_html_that_telegram_rejects_is_rejected(
    api: FakeBotAPI, bot: telegram.Bot, text: str, reason: str
) -> None:
    api.private_message(USER, "hi")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as err:
        await bot.send_message(USER, text, parse_mode="HTML")
    assert reason.lower() in err.value.message.lower()
    assert api.sent == []


def test_html_that_telegram_accepts_is_parsed() -> None:
    text, entities = parse_html(
        '<a href="https://t.me/newsbot?start=topic_x">go</a> <blockquote expandable>q</blockquote>'
        ' <pre><code class="language-python">x</code></pre> &#128075;&lt;&gt;&quot;'
        ' <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> <u>u</u> <s>s</s>'
    )
    assert text == 'go q x 👋<>" s t u s'
    kinds = [e["type"] for e in entities]
    assert kinds == [
        "text_link",
        "expandable_blockquote",
        "pre",
        "spoiler",
        "spoiler",
        "underline",
        "strikethrough",
    ]
    assert entities[2]["language"] == "python"
    # after the emoji (two UTF-16 units), offsets count UTF-16 code units
    assert entities[3]["offset"] == len('go q x <>" ') + 2
    with pytest.raises(EntityParseError):
        parse_html("&nbsp;")


async def test_text_limits_are_counted_after_entity_parsing(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    api.private_message(USER, "hi")
    await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    await bot.send_message(USER, "&amp;" * 4096, parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER, "<b> </b>", parse_mode="HTML")


async def test_callback_data_is_at_most_64_bytes(api: FakeBotAPI, bot: telegram.Bot) -> None:
    api.private_message(USER, "hi")
    fits = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    await bot.send_message(USER, "fits", reply_markup=fits)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="é" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(USER, "too long", reply_markup=too_long)


async def test_get_updates_honours_offsets_and_long_polls(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    ids = [api.private_message(USER, f"q{i}") for i in range(3)]
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == ids
    assert [u.update_id for u in await bot.get_updates(offset=ids[1], timeout=0)] == ids[1:]
    assert await bot.get_updates(offset=ids[-1] + 1, timeout=0) == ()
    assert api.pending == 0
    poll = asyncio.create_task(bot.get_updates(offset=ids[-1] + 1, timeout=5))
    await asyncio.sleep(0.05)
    later = api.private_message(USER, "late")
    assert [u.update_id for u in await poll] == [later]


async def test_privacy_mode_delivers_only_what_is_meant_for_the_bot(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    assert api.group_message(GROUP, USER, "hello everyone") is None
    assert api.group_message(GROUP, USER, "/ask@otherbot what?") is None
    assert api.group_message(GROUP, USER, "ask @newsbot please") is None
    delivered = [
        api.group_message(GROUP, USER, "/ask@newsbot who went? 👋 @someone_else"),
        api.group_message(GROUP, USER, "/summary"),
    ]
    card = await bot.send_message(GROUP, "card")
    delivered.append(api.group_message(GROUP, USER, "and?", reply_to_message_id=card.message_id))
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == delivered
    first = updates[0].message
    assert first is not None
    assert list(first.parse_entities().values()) == ["/ask@newsbot", "@someone_else"]
    replied = updates[2].message
    assert replied is not None
    assert replied.reply_to_message is not None
    assert replied.reply_to_message.from_user is not None
    assert replied.reply_to_message.from_user.id == api.bot_id
    assert len(api.dropped) == 3


async def test_an_admin_bot_sees_every_group_message(api: FakeBotAPI, bot: telegram.Bot) -> None:
    added = api.bot_added_to_group(GROUP, USER, admin=True)
    chatter = api.group_message(GROUP, USER, "hello everyone")
    updates = await bot.get_updates(timeout=0)
    assert updates[0].update_id == added
    change = updates[0].my_chat_member
    assert change is not None
    assert change.new_chat_member.status == "administrator"
    assert updates[1].message is not None
    assert updates[1].message.new_chat_members
    assert updates[-1].update_id == chatter
    member = await bot.get_chat_member(GROUP, api.bot_id)
    assert member.status == "administrator"


async def test_callback_queries_must_be_known_and_answered_once(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    api.private_message(USER, "hi")
    msg = await bot.send_message(USER, "pick")
    pressed = api.callback_query(USER, "topic:visit", message_id=msg.message_id, chat_id=USER)
    update = (await bot.get_updates(timeout=0))[-1]
    assert update.update_id == pressed
    query = update.callback_query
    assert query is not None
    assert query.data == "topic:visit"
    assert query.message is not None
    assert query.message.message_id == msg.message_id
    await query.answer()
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await query.answer()
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query("12345")


async def test_inline_answers_are_limited_to_50(api: FakeBotAPI, bot: telegram.Bot) -> None:
    api.inline_query(USER, "visit")
    (update,) = await bot.get_updates(timeout=0)
    assert update.inline_query is not None
    results = [
        telegram.InlineQueryResultArticle(
            str(i), f"card {i}", telegram.InputTextMessageContent(f"<b>{i}</b>", parse_mode="HTML")
        )
        for i in range(51)
    ]
    with pytest.raises(BadRequest, match=r"(?i)RESULTS_TOO_MUCH"):
        await update.inline_query.answer(results)
    await update.inline_query.answer(results[:50])
    assert len(api.inline_answers[update.inline_query.id]) == 50


async def test_start_up_calls_are_answered(api: FakeBotAPI, bot: telegram.Bot) -> None:
    await bot.delete_webhook(drop_pending_updates=True)
    await bot.set_my_commands([("ask", "Ask about the article")])
    await bot.set_my_commands(
        [("briefing", "The group card")], scope=telegram.BotCommandScopeAllGroupChats()
    )
    await bot.set_my_description("Answers questions about one article.")
    await bot.set_my_short_description("News Q&A")
    assert [c.command for c in await bot.get_my_commands()] == ["ask"]
    assert api.commands_for({"type": "all_group_chats"})[0]["command"] == "briefing"
    assert (await bot.get_my_description()).description.startswith("Answers")
    assert (await bot.get_my_short_description()).short_description == "News Q&A"
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Ask", "capitals are refused")])
    assert api.unknown_methods == []


async def test_edits_and_deletes(api: FakeBotAPI, bot: telegram.Bot) -> None:
    api.private_message(USER, "hi")
    msg = await bot.send_message(USER, "one")
    edited = await bot.edit_message_text("two", chat_id=USER, message_id=msg.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.text == "two"
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("two", chat_id=USER, message_id=msg.message_id)
    assert await bot.delete_message(USER, msg.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("three", chat_id=USER, message_id=msg.message_id)
    assert [m["method"] for m in api.sent] == ["sendMessage", "editMessageText"]


async def test_forbidden_chats(api: FakeBotAPI, bot: telegram.Bot) -> None:
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(USER, "hi")
    api.private_message(USER, "hi")
    api.block(USER)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(USER, "hi")
    api.bot_removed_from_group(GROUP, USER)
    with pytest.raises(Forbidden, match="kicked"):
        await bot.send_message(GROUP, "hi")


async def test_injected_faults_map_to_telegram_errors(
    api: FakeBotAPI, bot: telegram.Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without this, reading RetryAfter.retry_after warns (PTB 22.2+), an error under our config.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    api.private_message(USER, "hi")
    api.fail("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as flood:
        await bot.send_message(USER, "x")
    assert flood.value.retry_after.total_seconds() == 7  # type: ignore[union-attr]
    api.fail("sendMessage", status=500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(USER, "x")
    api.fail("sendMessage", status=502, html=True)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(USER, "x")
    api.fail("sendMessage", status=403)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(USER, "x")
    api.fail("getMe", status=401)
    with pytest.raises(InvalidToken):
        await bot.get_me()
    await bot.send_message(USER, "through")
    assert [m["plain"] for m in api.sent] == ["through"]
    assert len(api.calls_of("sendMessage")) == 5


async def test_a_slow_answer_times_the_client_out(api: FakeBotAPI) -> None:
    request = HTTPXRequest(read_timeout=0.2)
    async with telegram.Bot(api.token, base_url=api.base_url, request=request) as bot:
        api.private_message(USER, "hi")
        api.fail("sendMessage", status=200, delay=1.0)
        with pytest.raises(TimedOut):
            await bot.send_message(USER, "late")
        # like Telegram, the call still took effect after the client gave up
        sent = await api.wait_for(lambda m: m["plain"] == "late", timeout=5)
        assert sent["chat_id"] == USER


async def test_wait_for_reports_what_was_sent_on_timeout(
    api: FakeBotAPI, bot: telegram.Bot
) -> None:
    api.private_message(USER, "hi")
    await bot.send_message(USER, "something else")
    with pytest.raises(AssertionError, match="something else"):
        await api.wait_for(lambda m: m["plain"] == "never", timeout=0.1)


async def test_an_echo_application_polls_and_answers(api: FakeBotAPI) -> None:
    async def echo(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo: {update.effective_message.text}")

    app = Application.builder().token(api.token).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(drop_pending_updates=True, timeout=5)
        for i in range(20):
            api.private_message(USER + i, f"q{i}")
        await api.wait_sent(20)
        await app.updater.stop()
        await app.stop()
    assert sorted(m["plain"] for m in api.sent) == sorted(f"echo: q{i}" for i in range(20))
    assert api.pending == 0
    assert api.unknown_methods == []
