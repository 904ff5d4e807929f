"""The engine worker (newsbot.answering) with a real spawned process and a real pipe.

Each test uses a fresh engine with its answer cache off, so every question makes the round
trip (or is answered here, where that is the point), and compares with the engine's own answer.
"""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import random
import signal
import threading
from dataclasses import replace
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from conftest import SEED_DIGEST
from newsbot.answering import CHAIN, Answerer, Done, serve
from newsbot.engine import Engine
from newsbot.reply import Reply

QUESTIONS = [
    json.loads(line)["q"]
    for line in (Path(__file__).parent / "data" / "in.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.fixture
def engine() -> Engine:
    fresh = Engine.from_file(SEED_DIGEST)
    fresh.cache_size = 0
    return fresh


class Collector:
    """Replies in the order their callbacks ran, tagged with what was asked."""

    def __init__(self) -> None:
        self.got: list[tuple[object, Reply | None]] = []

    def __call__(self, tag: object) -> Done:
        return lambda reply: self.got.append((tag, reply))


async def started(engine: Engine) -> Answerer:
    answers = Answerer(engine)
    answers.start()
    async with asyncio.timeout(60):
        assert await answers.ready()
    return answers


async def test_worker_answers_as_the_engine_does_in_order(engine: Engine) -> None:
    answers = await started(engine)
    got = Collector()
    questions = QUESTIONS[:150]
    for i, q in enumerate(questions):
        answers.ask(("chat", i), q, None, got(i))
    assert got.got == []  # nothing answered in the handler: it all went to the worker
    await answers.close()
    assert [tag for tag, _ in got.got] == list(range(len(questions)))
    assert [reply for _, reply in got.got] == [engine.answer(q) for q in questions]
    assert answers.answered_there == len(questions)
    assert answers.answered_here == 0
    assert answers.pid is None  # stopped


async def test_the_worker_never_sees_the_token(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "123456:" + "Q" * 35
    monkeypatch.setenv("NEWSBOT_TELEGRAM_TOKEN", token)
    answers = await started(engine)
    assert answers.pid is not None
    environ = Path(f"/proc/{answers.pid}/environ")
    environment = await asyncio.to_thread(environ.read_bytes)
    await answers.close()
    assert b"PATH=" in environment
    assert token.encode() not in environment
    assert b"NEWSBOT_" not in environment


async def test_follow_ups_chain_through_the_worker(engine: Engine) -> None:
    answers = await started(engine)
    got = Collector()
    first = engine.answer("who is zhao leji")
    # asked back to back: the second goes before the first's reply is back
    answers.ask("me", "who is zhao leji", None, got("first"))
    answers.ask("me", "tell me more", None, got("more"))
    answers.ask("you", "tell me more", None, got("other"))
    await answers.close()
    replies = dict(got.got)
    assert replies["first"] == first
    assert replies["more"] == engine.answer("tell me more", first)
    assert replies["more"] is not None
    assert replies["more"].handler == "followup"
    assert replies["other"] == engine.answer("tell me more")  # no context of its own


async def test_interleaved_conversations_get_what_one_at_a_time_would(engine: Engine) -> None:
    # Many readers, follow-ups among their questions, some asked while the previous answer is
    # still in the worker and some after it came back: every reply must be the one the engine
    # gives when each conversation's questions are answered one after another.
    rng = random.Random(20261129)
    follow_ups = ["tell me more", "why?", "and japan?", "more pls", "what else"]
    answers = await started(engine)
    memory: dict[int, Reply] = {}
    got: dict[tuple[int, int], Reply | None] = {}
    asked: list[tuple[int, int, str]] = []
    chained = 0

    def done(conversation: int, turn: int) -> Done:
        def record(reply: Reply | None) -> None:
            got[conversation, turn] = reply
            if reply is not None:
                memory[conversation] = reply  # what the bot's Memory does on reply

        return record

    for turn in range(400):
        conversation = rng.randrange(12)
        question = rng.choice(follow_ups) if rng.random() < 0.4 else rng.choice(QUESTIONS)
        asked.append((conversation, turn, question))
        chained += conversation in answers._latest  # its previous answer is not back yet
        answers.ask(conversation, question, memory.get(conversation), done(conversation, turn))
        if rng.random() < 0.3:
            await asyncio.sleep(0.002 * rng.random())  # let some replies come back
    await answers.close()

    last: dict[int, Reply] = {}
    for conversation, turn, question in asked:
        expected = engine.answer(question, last.get(conversation))
        last[conversation] = expected
        assert got[conversation, turn] == expected, (conversation, turn, question)
    assert answers.answered_there > 300
    assert chained > 50  # the case that needs the worker to remember the previous topic


async def test_then_waits_for_the_conversations_replies(engine: Engine) -> None:
    answers = await started(engine)
    order: list[str] = []
    answers.then("me", lambda: order.append("now"))  # nothing outstanding: at once
    assert order == ["now"]
    answers.ask("me", "who is zhao leji", None, lambda reply: order.append("answer 1"))
    answers.ask("you", "tl;dr", None, lambda reply: order.append("other reader"))
    answers.then("me", lambda: order.append("command"))
    answers.then("you", lambda: order.append("other command"))
    answers.ask("me", "tell me more", None, lambda reply: order.append("answer 2"))
    answers.then("me", lambda: order.append("button"))
    assert order == ["now"]
    await answers.close()
    mine = [x for x in order if x not in ("other reader", "other command")]
    assert mine == ["now", "answer 1", "command", "answer 2", "button"]
    assert order.index("other command") == order.index("other reader") + 1


async def test_repeated_questions_skip_the_round_trip() -> None:
    cached = Engine.from_file(SEED_DIGEST)  # cache on
    answers = await started(cached)
    got = Collector()
    answers.ask(1, "tl;dr", None, got("once"))
    await answers.close()
    answers = await started(cached)
    answers.ask(2, "tl;dr", None, got("again"))
    assert [tag for tag, _ in got.got] == ["once", "again"]  # answered in the call
    assert answers.answered_there == 0
    answers.stop()


async def test_before_the_worker_is_up_questions_are_answered_here(engine: Engine) -> None:
    answers = Answerer(engine)  # never started, like the first moments after start()
    got = Collector()
    answers.ask(1, "who is zhao leji", None, got("now"))
    assert got.got == [("now", engine.answer("who is zhao leji"))]
    assert answers.answered_here == 1
    assert not await answers.ready()


async def test_a_lost_worker_loses_no_question(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    answers = await started(engine)
    got = Collector()
    for i, q in enumerate(QUESTIONS[:100]):
        answers.ask(i % 7, q, None, got(i))
    assert answers._process is not None
    answers._process.kill()  # the worker dies with questions in flight
    answers._process.wait(10)
    answers.ask(99, "who is zhao leji", None, got("after"))
    await answers.close()
    tags = [tag for tag, _ in got.got]
    assert tags == [*range(100), "after"]
    assert all(reply is not None for _, reply in got.got)
    assert answers.answered_here >= 1
    assert "engine worker lost" in caplog.text


async def test_a_lost_worker_is_replaced(engine: Engine) -> None:
    answers = await started(engine)
    answers.restart_delay = 0.0
    first = answers.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    got = Collector()
    async with asyncio.timeout(30):
        while answers.pid in (None, first):
            answers.ask("probe", "tl;dr", None, got("probe"))  # notices the loss
            await asyncio.sleep(0.05)
        assert await answers.ready()
    answers.ask("after", "who is zhao leji", None, got("after"))
    await answers.close()
    assert got.got[-1] == ("after", engine.answer("who is zhao leji"))
    assert answers.answered_there >= 1
    assert answers.pid is None


async def test_restarts_are_bounded(engine: Engine) -> None:
    answers = await started(engine)
    answers.restart_delay = 0.0
    answers.restarts = 0
    assert answers.pid is not None
    os.kill(answers.pid, signal.SIGKILL)
    got = Collector()
    async with asyncio.timeout(30):
        while answers.working:
            answers.ask("probe", "tl;dr", None, got("probe"))
            await asyncio.sleep(0.05)
    await asyncio.sleep(0.1)  # a restart, had one been scheduled, would be under way
    assert answers.pid is None
    assert not await answers.ready()
    answers.stop()


async def test_a_burst_bigger_than_the_socket_buffer_never_blocks(engine: Engine) -> None:
    # Thousands of questions handed over in one go: the socket takes a few hundred, the rest
    # waits in the bot's buffer while replies are read (a blocking write here deadlocked).
    answers = await started(engine)
    got = Collector()
    questions = [f"{QUESTIONS[i % len(QUESTIONS)]} ({i})" for i in range(3000)]
    for i, q in enumerate(questions):
        answers.ask(i, q, None, got(i))
    assert answers._out  # more than the socket would take at once
    long = "what did lee say about the kpop ban " * 120  # ~4,300 characters
    answers.ask("long", long, None, got("long"))
    async with asyncio.timeout(60):
        await answers.close()
    assert [tag for tag, _ in got.got] == [*range(len(questions)), "long"]
    assert answers.answered_there == len(questions) + 1


async def test_stopping_answers_what_the_worker_holds_here_in_order(engine: Engine) -> None:
    answers = await started(engine)
    got = Collector()
    for i in range(500):
        answers.ask("me", f"{QUESTIONS[i % len(QUESTIONS)]} ({i})", None, got(i))
    answers.stop()  # at once: every question handed over is answered here
    assert [tag for tag, _ in got.got] == list(range(500))
    assert answers.answered_here == 500
    assert answers.answered_there == 0


async def test_a_hung_worker_is_replaced_by_the_bot(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    answers = await started(engine)
    answers.patience = 0.3
    assert answers.pid is not None
    os.kill(answers.pid, signal.SIGSTOP)  # alive but answering nothing
    got = Collector()
    for i, q in enumerate(QUESTIONS[:20]):
        answers.ask(i, q, None, got(i))
    async with asyncio.timeout(10):
        await answers.close(grace=30)  # the watchdog, not the grace, ends the wait
    assert [tag for tag, _ in got.got] == list(range(20))
    assert answers.answered_here == 20
    assert "no reply in 0.3 s" in caplog.text


async def test_a_failed_answer_is_reported_and_the_rest_carry_on(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(Engine):
        def answer_after(self, question: str, previous_topic: str | None) -> Reply:
            if "broken" in question:
                raise RuntimeError("the engine broke")
            return super().answer_after(question, previous_topic)

    answers = Answerer(Broken(engine.digest))
    got = Collector()
    answers.ask(1, "a broken question", None, got("bad"))
    answers.ask(1, "who is zhao leji", None, got("good"))
    assert got.got[0] == ("bad", None)
    assert got.got[1][1] is not None
    assert "the engine broke" in caplog.text


def received(conn: Connection) -> tuple[str | None, int, Reply | None, float | None]:
    found: tuple[str | None, int, Reply | None, float | None] = pickle.loads(  # noqa: S301
        conn.recv_bytes()
    )
    return found


def test_the_worker_protocol(engine: Engine) -> None:
    ours, theirs = Pipe()
    thread = threading.Thread(target=serve, args=(theirs,))
    thread.start()
    zhao = engine.answer("who is zhao leji")
    try:
        ours.send_bytes(pickle.dumps((engine.digest, engine.thresholds)))
        assert ours.recv_bytes() == b"ready"
        ours.send_bytes(pickle.dumps(("c", None, None)))  # not a question: the engine raises
        assert received(ours) == (None, -2, None, None)  # failed: the bot answers it itself
        ours.send_bytes(pickle.dumps(("c", "who is zhao leji", None)))
        previous, number, body, score = received(ours)
        assert (previous, number) == (None, 0)
        assert body is not None
        assert body.score is None
        assert replace(body, score=score) == zhao
        ours.send_bytes(pickle.dumps(("d", "who's zhao leji??", None)))
        assert received(ours) == (None, 0, None, score)  # the same body: only its number
        ours.send_bytes(pickle.dumps(("c", "tell me more", CHAIN)))
        previous, number, body, score = received(ours)
        assert previous == zhao.topic  # chained to c's last reply
        assert number == 1
        assert body is not None
        assert body.handler == "followup"
    finally:
        ours.close()  # the worker reads end-of-file and returns
        thread.join(10)
    assert not thread.is_alive()
