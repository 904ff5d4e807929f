"""``newsbot run`` as a black box: a real subprocess polling the fake Bot API on 127.0.0.1.

Start-up despite a failing getMe, command registration, private chat, faults while sending,
a user who blocks the bot, the token kept out of DEBUG output, exit codes for bad tokens and
webhook settings, the webhook's secret check, and a clean exit on SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from fakes.bot_api import FakeBotAPI
from telegram_fixtures import JSON, ROOT, load_engine, make_token

pytestmark = pytest.mark.slow

USER = 2001
BLOCKER = 2002
GROUP = -100777
START_TIMEOUT = 30.0


def bot_env(api_url: str, token: str, tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of ``newsbot run``: ours, without any NEWSBOT_ settings of the caller."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env.update(
        {
            "NEWSBOT_TELEGRAM_API_URL": api_url,
            "NEWSBOT_TELEGRAM_TOKEN": token,
            "NEWSBOT_DATABASE": str(tmp_path / "newsbot.db"),
            "NEWSBOT_RATE_LIMIT": "off",
            "NEWSBOT_LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra)
    return env


class Bot:
    """A running ``newsbot run`` with its output captured in files (pipes could fill up)."""

    def __init__(self, process: asyncio.subprocess.Process, out: Path, err: Path) -> None:
        self.process = process
        self.out_path = out
        self.err_path = err

    @property
    def output(self) -> str:
        return self.out_path.read_text() + self.err_path.read_text()

    async def stop(self, sig: int = signal.SIGINT) -> int:
        if self.process.returncode is None:
            self.process.send_signal(sig)
        return await asyncio.wait_for(self.process.wait(), 20)


#: ``python -m newsbot run`` allowed one core only (as on a one-CPU machine or container).
ONE_CORE = (
    "import os, runpy, sys; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
    "sys.argv = ['newsbot', 'run']; runpy.run_module('newsbot', run_name='__main__')"
)


@asynccontextmanager
async def newsbot_run(
    env: dict[str, str], tmp_path: Path, *, one_core: bool = False
) -> AsyncIterator[Bot]:
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    argv = ["-c", ONE_CORE] if one_core else ["-m", "newsbot", "run"]
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = await asyncio.create_subprocess_exec(
            sys.executable, *argv, cwd=ROOT, env=env, stdout=stdout, stderr=stderr
        )
    bot = Bot(process, out, err)
    try:
        yield bot
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def exit_code(env: dict[str, str], tmp_path: Path) -> tuple[int, str]:
    async with newsbot_run(env, tmp_path) as bot:
        code = await asyncio.wait_for(bot.process.wait(), START_TIMEOUT)
        return code, bot.err_path.read_text()


async def private(api: FakeBotAPI, user_id: int, text: str) -> JSON:
    start = len(api.sent)
    api.private_message(user_id, text)
    return await api.wait_for(lambda m: m["chat_id"] == user_id, START_TIMEOUT, start=start)


def children(pid: int) -> list[int]:
    """Child processes of ``pid`` (the engine worker), from /proc."""
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


async def test_black_box_session_at_debug(tmp_path: Path) -> None:
    engine = load_engine()
    token = make_token()
    async with FakeBotAPI(token) as api:
        api.fail("getMe", status=500)  # the first getMe fails; the bot must not give up
        env = bot_env(api.base_url, token, tmp_path, NEWSBOT_LOG_LEVEL="DEBUG")
        async with newsbot_run(env, tmp_path) as bot:
            commands = await api.wait_calls("setMyCommands", 2, timeout=START_TIMEOUT)
            assert {c["scope"]["type"] for c in commands} == {
                "all_private_chats",
                "all_group_chats",
            }
            assert len(api.calls_of("getMe")) >= 2

            start = await private(api, USER, "/start")
            assert start["reply_markup"]["inline_keyboard"]
            answer = await private(api, USER, "what about the kpop ban")
            topic = engine.topic("kpop_ban")
            assert topic is not None
            assert topic.text[:40] in answer["plain"]
            more = await private(api, USER, "tell me more")
            assert more["plain"] != answer["plain"]

            before = len(api.sent)
            api.callback_query(USER, "t:north_korea", message_id=start["message_id"], chat_id=USER)
            await api.wait_for(lambda m: m["chat_id"] == USER, START_TIMEOUT, start=before)
            await api.wait_calls("answerCallbackQuery", 1)

            api.fail("sendMessage", status=429, retry_after=1)
            assert (await private(api, USER, "/summary"))["plain"]
            api.fail("sendMessage", status=500)
            assert (await private(api, USER, "/source"))["plain"]

            # A user who blocked the bot: Telegram answers 403; the bot logs it and carries on.
            # (The fake's block() sends a ChatMember "kicked" that PTB 22 cannot parse.)
            sends = len(api.calls_of("sendMessage"))
            api.fail("sendMessage", status=403)
            api.private_message(BLOCKER, "/summary")
            await api.wait_calls("sendMessage", sends + 1, timeout=START_TIMEOUT)
            assert (await private(api, USER, "/topics"))["plain"]

            # Added to a group as an admin (so it sees everything): it introduces itself,
            # ignores chatter, and answers a mention as a reply in the thread.
            before = len(api.sent)
            api.bot_added_to_group(GROUP, USER, admin=True)
            intro = await api.wait_for(
                lambda m: m["chat_id"] == GROUP, START_TIMEOUT, start=before
            )
            assert "/ask@newsbot" in intro["plain"]
            await asyncio.sleep(0.5)  # the intro may come in more than one message
            before = len(api.sent)
            api.group_message(GROUP, USER, "lol did anyone see the game last night")
            asked = api.group_message(GROUP, USER, "@newsbot why did china ban kpop")
            assert asked is not None
            reply = await api.wait_for(
                lambda m: m["chat_id"] == GROUP, START_TIMEOUT, start=before
            )
            assert "2016" in reply["plain"]
            assert reply["reply_to_message_id"] or reply["reply_parameters"]
            assert len([m for m in api.sent[before:] if m["chat_id"] == GROUP]) == 1

            api.inline_query(USER, "kpop")
            answers = await api.wait_calls("answerInlineQuery", 1, timeout=START_TIMEOUT)
            assert 1 <= len(answers[0]["results"]) <= 50

            pid = bot.process.pid
            workers = children(pid)
            assert len(workers) == (1 if len(os.sched_getaffinity(0)) >= 2 else 0)
            assert await bot.stop(signal.SIGINT) == 0
        output = bot.output
    # the engine worker answered, and the bot stopped it before exiting
    assert ("engine worker ready" in output) == bool(workers)
    assert not any(map(alive, workers))
    assert "engine worker lost" not in output
    assert "DEBUG" in output  # the level was honoured, so the test means something
    assert token not in output
    assert token.split(":", 1)[1] not in output
    assert "Traceback" not in output


async def test_on_one_core_the_bot_answers_in_process(tmp_path: Path) -> None:
    engine = load_engine()
    token = make_token()
    async with FakeBotAPI(token) as api:
        env = bot_env(api.base_url, token, tmp_path)
        async with newsbot_run(env, tmp_path, one_core=True) as bot:
            await api.wait_calls("setMyCommands", 2, timeout=START_TIMEOUT)
            answer = await private(api, USER, "what about the kpop ban")
            topic = engine.topic("kpop_ban")
            assert topic is not None
            assert topic.text[:40] in answer["plain"]
            assert children(bot.process.pid) == []  # no engine worker: it would share the core
            assert await bot.stop(signal.SIGINT) == 0
        assert "engine worker" not in bot.output


async def test_refused_token_is_one_line_and_exit_2(tmp_path: Path) -> None:
    async with FakeBotAPI(make_token()) as api:
        env = bot_env(api.base_url, make_token(), tmp_path)  # not the fake's token: 401
        code, stderr = await exit_code(env, tmp_path)
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "NEWSBOT_TELEGRAM_TOKEN" in stderr
    assert env["NEWSBOT_TELEGRAM_TOKEN"] not in stderr


@pytest.mark.parametrize(
    ("extra", "variable"),
    [
        ({"NEWSBOT_TELEGRAM_TOKEN": "not-a-token"}, "NEWSBOT_TELEGRAM_TOKEN"),
        ({"NEWSBOT_WEBHOOK_URL": "https://example.invalid/hook"}, "NEWSBOT_WEBHOOK_SECRET"),
        (
            {"NEWSBOT_WEBHOOK_URL": "http://example.invalid/hook", "NEWSBOT_WEBHOOK_SECRET": "s"},
            "NEWSBOT_WEBHOOK_URL",
        ),
    ],
    ids=["malformed-token", "webhook-without-secret", "webhook-not-https"],
)
async def test_bad_settings_are_one_line_and_exit_2(
    tmp_path: Path, extra: dict[str, str], variable: str
) -> None:
    env = bot_env("http://127.0.0.1:9/bot", make_token(), tmp_path, **extra)
    code, stderr = await exit_code(env, tmp_path)
    assert code == 2
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert variable in stderr


def webhook_update(user_id: int, text: str) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "Ann"}
    return {
        "update_id": 77,
        "message": {
            "message_id": 900,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "Ann"},
            "from": user,
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
        },
    }


async def post(url: str, update: dict[str, Any], secret: str | None) -> int:
    """POST an update, retrying while the webhook server is still starting."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    deadline = asyncio.get_running_loop().time() + START_TIMEOUT
    async with aiohttp.ClientSession() as session:
        while True:
            try:
                async with session.post(url, json=update, headers=headers) as response:
                    return response.status
            except aiohttp.ClientConnectionError:
                if asyncio.get_running_loop().time() > deadline:
                    raise
                await asyncio.sleep(0.1)


async def test_webhook_checks_the_secret(tmp_path: Path, unused_tcp_port: int) -> None:
    token, secret = make_token(), "s3cret_" + make_token().split(":")[1][:20]
    # Telegram posts to the public https URL; the proxy forwards the path to our port.
    public = "https://bot.example.invalid/newsbot/hook"
    url = f"http://127.0.0.1:{unused_tcp_port}/newsbot/hook"
    async with FakeBotAPI(token) as api:
        env = bot_env(
            api.base_url,
            token,
            tmp_path,
            NEWSBOT_WEBHOOK_URL=public,
            NEWSBOT_WEBHOOK_SECRET=secret,
            NEWSBOT_WEBHOOK_PORT=str(unused_tcp_port),
        )
        api.private_message(USER, "hello")  # the fake now knows the chat
        async with newsbot_run(env, tmp_path) as bot:
            (hook,) = await api.wait_calls("setWebhook", 1, timeout=START_TIMEOUT)
            assert hook["url"] == public
            assert hook["secret_token"] == secret
            assert await post(url, webhook_update(USER, "/help"), None) == 403
            assert await post(url, webhook_update(USER, "/help"), "wrong") == 403
            assert await post(url, webhook_update(USER, "/summary"), secret) == 200
            reply = await api.wait_for(lambda m: m["chat_id"] == USER, START_TIMEOUT)
            assert reply["plain"]
            assert len(api.sent) == 1  # the refused updates were not processed
            assert await bot.stop(signal.SIGTERM) == 0


async def test_unreachable_api_is_retried_until_sigint(
    tmp_path: Path, unused_tcp_port: int
) -> None:
    env = bot_env(f"http://127.0.0.1:{unused_tcp_port}/bot", make_token(), tmp_path)
    async with newsbot_run(env, tmp_path) as bot:
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT
        while "getMe failed" not in bot.err_path.read_text():  # connection refused
            assert bot.process.returncode is None, bot.output
            assert asyncio.get_running_loop().time() < deadline, bot.output
            await asyncio.sleep(0.1)
        assert await bot.stop(signal.SIGINT) == 0
    assert "Traceback" not in bot.output
