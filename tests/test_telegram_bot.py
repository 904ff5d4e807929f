"""The Telegram bot end to end, in process: the real python-telegram-bot client built by
``build_application`` polls the fake Bot API over HTTP on 127.0.0.1.

"Nothing was sent" is never checked by waiting: the test sends something the bot must answer
afterwards and, since updates are processed in order and each chat's replies are delivered in
order, checks that this later answer is the only new message.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from newsbot import render
from newsbot.engine import Engine
from newsbot.reply import Reply
from newsbot.telegram_handlers import POINTER, SORRY, STALE
from newsbot.telegram_limits import TelegramLimiter
from telegram_fixtures import JSON, harness, load_engine, logged

USER = 1001
OTHER = 1002
GROUP = -100_777


@pytest.fixture
def engine() -> Engine:
    return load_engine()


def buttons(message: JSON) -> list[str]:
    markup = message.get("reply_markup") or {}
    return [
        b.get("callback_data") or b.get("url")
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def first_line(reply: Reply) -> str:
    return reply.text.strip().split("\n", 1)[0][:60]


async def test_start_up_registers_commands_and_profile(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        commands = await h.api.wait_calls("setMyCommands", 2)
        scopes = {c["scope"]["type"] for c in commands}
        assert scopes == {"all_private_chats", "all_group_chats"}
        private = next(c for c in commands if c["scope"]["type"] == "all_private_chats")
        names = {c["command"] for c in private["commands"]}
        assert {"start", "help", "summary", "topics", "ask", "source", "briefing"} <= names
        assert "stats" not in names  # admins only; not advertised
        (description,) = await h.api.wait_calls("setMyDescription")
        (short,) = await h.api.wait_calls("setMyShortDescription")
        assert engine.digest.article.title in description["description"]
        assert 0 < len(description["description"]) <= 512
        assert 0 < len(short["short_description"]) <= 120


async def test_start_summary_topics_and_a_button(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        start = await h.private(USER, "/start")
        assert start["parse_mode"] == "HTML"
        assert first_line(engine.start()) in start["plain"]
        assert any(str(b).startswith("t:") for b in buttons(start))

        summary = await h.private(USER, "/summary")
        assert engine.digest.summary.text[:40] in summary["plain"]

        topics = await h.private(USER, "/topics")
        expected = {f"t:{t.id}" for t in engine.digest.topics}
        assert expected <= set(buttons(topics))
        assert all(len(str(b).encode()) <= 64 for b in buttons(topics))

        before = len(h.api.sent)
        h.api.callback_query(USER, "t:kpop_ban", message_id=topics["message_id"], chat_id=USER)
        answer = await h.api.wait_for(lambda m: m["chat_id"] == USER, start=before)
        kpop = engine.topic("kpop_ban")
        assert kpop is not None
        assert first_line(kpop) in answer["plain"]
        assert "m:kpop_ban" in buttons(answer)  # "Tell me more"
        (ack,) = await h.api.wait_calls("answerCallbackQuery", 1)
        assert not ack.get("text")

        more = engine.topic("kpop_ban", more=True)
        assert more is not None
        h.api.callback_query(USER, "m:kpop_ban", message_id=answer["message_id"], chat_id=USER)
        longer = await h.api.wait_for(lambda m: m["chat_id"] == USER, start=before + 1)
        assert first_line(more) in longer["plain"]


async def test_help_source_briefing_and_ask(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        for command, reply in (
            ("/help", engine.help()),
            ("/source", engine.source()),
            ("/briefing", engine.briefing()),
            ("/ask what about the kpop ban", engine.answer("what about the kpop ban")),
            ("/ask", engine.help()),
            ("/nonsense", engine.help()),
        ):
            message = await h.private(USER, command)
            assert first_line(reply) in message["plain"], command


async def test_deep_link_opens_the_topic(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        message = await h.private(USER, "/start topic_north_korea")
        topic = engine.topic("north_korea")
        assert topic is not None
        assert first_line(topic) in message["plain"]
        unknown = await h.private(USER, "/start topic_no_such_topic")
        assert first_line(engine.start()) in unknown["plain"]


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "engine-worker"])
async def test_questions_and_follow_ups_are_answered_and_logged(
    tmp_path: Path, engine: Engine, worker: bool
) -> None:
    bot = Engine(engine.digest)
    bot.cache_size = 0  # every question is worked out (in the worker, when there is one)
    async with harness(tmp_path, bot, engine_worker=worker) as h:
        question = "what about the kpop ban"
        first = engine.answer(question)
        follow = engine.answer("tell me more", first)
        assert follow.handler == "followup"

        message = await h.private(USER, question)
        assert first_line(first) in message["plain"]
        more = await h.private(USER, "tell me more")
        assert first_line(follow) in more["plain"]
        # another reader's "tell me more" has no context of its own
        alone = await h.private(OTHER, "tell me more")
        assert first_line(engine.answer("tell me more")) in alone["plain"]

        assert h.log is not None
        stats = await logged(h.log, 3)
        assert stats.questions == 3
        assert stats.readers == 2
        assert ("kpop_ban", 2) in stats.top_topics
        answers = h.app.frontend.answers
        assert answers is not None
        assert (answers.answered_there, answers.answered_here) == ((3, 0) if worker else (0, 3))


async def test_stale_and_foreign_buttons_get_a_polite_answer(
    tmp_path: Path, engine: Engine
) -> None:
    async with harness(tmp_path, engine) as h:
        start = await h.private(USER, "/start")
        for data in ("t:no_such_topic", "zz", "m:", "x" * 64):
            h.api.callback_query(USER, data, message_id=start["message_id"], chat_id=USER)
        answers = await h.api.wait_calls("answerCallbackQuery", 4)
        assert [a.get("text") for a in answers] == [STALE] * 4
        # the bot still answers afterwards
        assert (await h.private(USER, "/summary"))["plain"]


@pytest.mark.parametrize(
    "text",
    [
        "<p>what</p> about <b>Xi & <script>alert(1)</script> & the kpop ban?",
        "kpop ban? " + "a <b> c & d " * 420,  # 5,000 characters
        "<",
        "&amp; &lt; </blockquote>",
    ],
)
async def test_hostile_and_long_input_get_a_sensible_reply(
    tmp_path: Path, engine: Engine, text: str
) -> None:
    async with harness(tmp_path, engine) as h:
        message = await h.private(USER, text)
        assert message["parse_mode"] == "HTML"
        assert 0 < len(message["plain"]) <= 4096


async def test_odd_input_through_the_engine_worker(tmp_path: Path, engine: Engine) -> None:
    bot = Engine(engine.digest)
    bot.cache_size = 0
    odd = [
        "<p>what</p> about <b>Xi & <script>alert(1)</script> & the kpop ban?",
        "kpop ban? " + "a <b> c & d " * 420,  # 5,000 characters
        "🇰🇷🤝🇨🇳???",
        "李在明为什么访问中国",
        "\u200b",
    ]
    previous = None
    async with harness(tmp_path, bot, engine_worker=True) as h:
        for text in odd:
            message = await h.private(USER, text)
            assert message["parse_mode"] == "HTML"
            assert 0 < len(message["plain"]) <= 4096
            previous = engine.answer(text, previous)
            assert first_line(previous) in message["plain"]
        answers = h.app.frontend.answers
        assert answers is not None
        assert answers.answered_there == len(odd)


async def test_group_intro_when_added(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        h.api.bot_added_to_group(GROUP, OTHER)
        intro = await h.api.wait_for(lambda m: m["chat_id"] == GROUP)
        assert f"/ask@{h.api.username}" in intro["plain"]
        card = await h.api.wait_for(
            lambda m: m["chat_id"] == GROUP and m["message_id"] != intro["message_id"]
        )
        assert first_line(engine.briefing()) in card["plain"]
        assert any(str(b).startswith("t:") for b in buttons(card))


@pytest.mark.parametrize("admin", [False, True])
async def test_group_ignores_chatter_and_other_bots_commands(
    tmp_path: Path, engine: Engine, admin: bool
) -> None:
    async with harness(tmp_path, engine) as h:
        h.api.set_admin(GROUP, admin)
        before = len(h.api.sent)
        for text in ("the kpop ban is back?", "/summary@otherbot", "/ask@otherbot kpop ban"):
            h.api.group_message(GROUP, OTHER, text)
        answer = await h.in_group(GROUP, OTHER, f"/summary@{h.api.username}")
        assert h.sent_to(GROUP, before) == [answer]
        assert answer["reply_to_message_id"] is not None
        assert first_line(engine.summary()) in answer["plain"]


async def test_group_answers_mentions_and_replies_in_the_thread(
    tmp_path: Path, engine: Engine
) -> None:
    options = {"deliver_mentions": True}
    async with harness(tmp_path, engine, api_options=options) as h:
        h.api.set_admin(GROUP, False)
        question_id = h.api.group_message(
            GROUP, OTHER, f"@{h.api.username} what about the kpop ban?", message_thread_id=7
        )
        assert question_id is not None
        answer = await h.api.wait_for(lambda m: m["chat_id"] == GROUP)
        assert first_line(engine.answer("what about the kpop ban?")) in answer["plain"]
        assert answer["message_thread_id"] == 7
        assert answer["reply_to_message_id"] is not None

        follow = await h.in_group(
            GROUP, OTHER, "tell me more", reply_to_message_id=answer["message_id"]
        )
        assert follow["reply_to_message_id"] is not None
        expected = engine.answer("tell me more", engine.answer("what about the kpop ban?"))
        assert first_line(expected) in follow["plain"]


@pytest.mark.parametrize("worker", [False, True], ids=["in-process", "engine-worker"])
async def test_group_repeats_get_one_pointer_then_silence(
    tmp_path: Path, engine: Engine, worker: bool
) -> None:
    bot = Engine(engine.digest)
    bot.cache_size = 0
    async with harness(tmp_path, bot, engine_worker=worker) as h:
        ask = f"/ask@{h.api.username} what about the kpop ban"
        first = await h.in_group(GROUP, OTHER, ask)
        assert "kpop" in first["plain"].lower() or first["plain"]
        pointer = await h.in_group(GROUP, USER, ask + "?")
        assert pointer["plain"] == POINTER
        before = len(h.api.sent)
        h.api.group_message(GROUP, 1003, f"/ask@{h.api.username} kpop ban")  # same topic
        other = await h.in_group(GROUP, OTHER, f"/ask@{h.api.username} north korea?")
        assert h.sent_to(GROUP, before) == [other]
        # a private chat is never rationed
        assert (await h.private(USER, "what about the kpop ban"))["plain"] != POINTER


async def test_inline_queries(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine) as h:
        h.api.inline_query(USER, "kpop")
        h.api.inline_query(USER, "")
        calls = await h.api.wait_calls("answerInlineQuery", 2)
        for call in calls:
            results = call["results"]
            assert 0 < len(results) <= 50
            for card in results:
                assert card["type"] == "article"
                assert card["input_message_content"]["parse_mode"] == "HTML"
                (button,) = [b for row in card["reply_markup"]["inline_keyboard"] for b in row]
                assert button["url"].startswith(f"https://t.me/{h.api.username}")
        kpop, browse = (c["results"] for c in calls)
        assert any("start=topic_kpop_ban" in str(card["reply_markup"]) for card in kpop)
        assert browse[0]["title"] == engine.summary().title or browse[0]["title"]
        assert len(browse) == len(engine.digest.topics) + 1


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 429, "retry_after": 1},
        {"status": 500},
        {"status": 502, "html": True},
        {"status": 200, "delay": 1.5},  # longer than the client's timeout
    ],
    ids=["429", "500", "502-html", "timeout"],
)
async def test_reply_is_delivered_despite_a_fault(
    tmp_path: Path, engine: Engine, fault: dict[str, object]
) -> None:
    async with harness(tmp_path, engine, request_timeout=1.0) as h:
        h.api.fail("sendMessage", **fault)  # type: ignore[arg-type]
        message = await h.private(USER, "/summary")
        assert first_line(engine.summary()) in message["plain"]
        await h.api.wait_calls("sendMessage", 2)  # it was retried


async def test_carries_on_after_a_user_blocks_the_bot(
    tmp_path: Path, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    async with harness(tmp_path, engine) as h:
        caplog.set_level(logging.INFO, logger="newsbot")
        h.api.fail("sendMessage", status=403)
        h.api.private_message(USER, "/summary")
        message = await h.private(OTHER, "/summary")
        assert message["chat_id"] == OTHER
        refused = [r for r in caplog.records if "refused" in r.getMessage()]
        assert len(refused) == 1
        assert refused[0].levelno == logging.INFO


async def test_a_real_block_update_is_parsed_and_sends_to_that_user_stop(
    tmp_path: Path, engine: Engine
) -> None:
    async with harness(tmp_path, engine) as h:
        await h.private(USER, "/summary")
        h.api.block(USER)  # my_chat_member "kicked" in the private chat, then 403s
        polls_before = len(h.api.calls_of("getUpdates"))
        message = await h.private(OTHER, "/summary")
        assert message["chat_id"] == OTHER
        h.api.private_message(USER, "/summary")
        again = await h.private(OTHER, "/topics")
        assert again["chat_id"] == OTHER
        # the client parsed the update instead of re-polling it in a tight loop
        assert len(h.api.calls_of("getUpdates")) - polls_before < 50


class BrokenEngine(Engine):
    """An engine whose answers fail, to exercise the error handler."""

    def answer_after(self, question: str, previous_topic: str | None) -> Reply:
        raise RuntimeError("the engine broke")


async def test_a_failing_handler_says_sorry(
    tmp_path: Path, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    broken = BrokenEngine(engine.digest)
    async with harness(tmp_path, broken) as h:
        message = await h.private(USER, "what about the kpop ban")
        assert message["plain"] == SORRY
        assert any(r.exc_info for r in caplog.records if r.levelno >= logging.ERROR)
        assert (await h.private(USER, "/summary"))["plain"] != SORRY


async def test_forget_and_stats(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine, admin_ids=frozenset({OTHER})) as h:
        await h.private(USER, "what about the kpop ban")
        await h.private(USER, "north korea?")
        await h.private(OTHER, "north korea?")
        assert h.log is not None
        await logged(h.log, 3)
        refused = await h.private(USER, "/stats")
        assert "editors only" in refused["plain"]
        stats = await h.private(OTHER, "/stats")
        assert "3" in stats["plain"]
        forgot = await h.private(USER, "/forget")
        assert "erased 2" in forgot["plain"]
        assert h.log is not None
        assert (await h.log.stats()).readers == 1
        assert "erased 0" in (await h.private(USER, "/forget"))["plain"]


async def test_forget_right_after_a_question_erases_it_too(tmp_path: Path, engine: Engine) -> None:
    # The question is still in the engine worker when /forget arrives (both in one batch of
    # updates): its row must not be logged after the erasure.
    bot = Engine(engine.digest)
    bot.cache_size = 0
    async with harness(tmp_path, bot, engine_worker=True) as h:
        before = len(h.api.sent)
        h.api.private_message(USER, "what about the kpop ban")
        h.api.private_message(USER, "/forget")
        forgot = await h.api.wait_for(
            lambda m: m["chat_id"] == USER and "erased" in m["plain"], start=before
        )
        assert "erased 1" in forgot["plain"]
        answer = h.sent_to(USER, before)[0]
        assert first_line(engine.answer("what about the kpop ban")) in answer["plain"]
        assert h.log is not None
        other = await h.private(OTHER, "north korea?")
        assert other["plain"]
        stats = await logged(h.log, 1)
        assert (stats.questions, stats.readers) == (1, 1)  # OTHER's question only


async def test_a_command_right_after_a_question_is_answered_after_it(
    tmp_path: Path, engine: Engine
) -> None:
    bot = Engine(engine.digest)
    bot.cache_size = 0
    async with harness(tmp_path, bot, engine_worker=True) as h:
        before = len(h.api.sent)
        h.api.private_message(USER, "what about the kpop ban")  # goes to the worker
        h.api.private_message(USER, "/summary")  # answered at once, but sent in turn
        await h.api.wait_for(
            lambda m: m["chat_id"] == USER and first_line(engine.summary()) in m["plain"],
            start=before,
        )
        first, second = h.sent_to(USER, before)
        assert first_line(engine.answer("what about the kpop ban")) in first["plain"]
        assert first_line(engine.summary()) in second["plain"]


async def test_html_the_server_rejects_falls_back_to_plain_text(
    tmp_path: Path, engine: Engine
) -> None:
    async with harness(tmp_path, engine) as h:
        h.api.fail(
            "sendMessage", status=400, description="Bad Request: can't parse entities: oops"
        )
        message = await h.private(USER, "/summary")
        assert message["parse_mode"] is None
        assert message["plain"] == render.plain(engine.summary())[:4096]


async def test_telegram_limits_still_deliver(tmp_path: Path, engine: Engine) -> None:
    async with harness(tmp_path, engine, rate_limit="telegram") as h:
        assert (await h.private(USER, "/summary"))["plain"]
        assert (await h.private(USER, "what about the kpop ban"))["plain"]
        assert (await h.in_group(GROUP, OTHER, f"/topics@{h.api.username}"))["plain"]


async def test_limiter_queues_the_21st_group_message_and_paces_private_chats() -> None:
    sent: list[int] = []

    async def send(chat_id: int) -> bool:
        sent.append(chat_id)
        return True

    limiter = TelegramLimiter(limits=True)

    def call(chat_id: int) -> asyncio.Task[object]:
        data = {"chat_id": chat_id, "text": "x"}
        request = limiter.process_request(send, (chat_id,), {}, "sendMessage", data, None)
        return asyncio.create_task(request)

    group = [call(GROUP) for _ in range(21)]
    first, second, elsewhere = call(USER), call(USER), call(OTHER)
    await asyncio.gather(*group[:20], first, elsewhere)
    assert not group[20].done()  # queued for the next minute, not dropped
    await second  # one a second in a private chat: it waits its turn, then goes
    assert sent.count(USER) == 2
    group[20].cancel()
    with pytest.raises(asyncio.CancelledError):
        await group[20]
