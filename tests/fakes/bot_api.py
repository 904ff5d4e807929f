"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot client.

    async with FakeBotAPI(token) as api:           # aiohttp on a random port
        bot = telegram.Bot(token, base_url=api.base_url)
        api.private_message(42, "hi")              # queue an update for getUpdates
        reply = await api.wait_for(lambda m: m["chat_id"] == 42)

This module owns the HTTP face: routing `/bot<token>/<method>`, decoding requests, long-polling
getUpdates, fault injection (`fail`) and the waits tests use. The methods live in
`bot_api_methods`, the chats and update builders in `bot_api_world`. Everything runs on the
test's event loop; call the builders from that loop.
"""

# The wait helpers take a `timeout` argument: the natural API for a test helper (ASYNC109).
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any

from aiohttp import web

from .bot_api_methods import BotMethods
from .bot_api_objects import JSON, ApiError, bad_request, decode_params

_NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_DEFAULT_FAULTS = {
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
}


@dataclass(frozen=True, slots=True)
class _Fault:
    status: int
    retry_after: int | None
    html: bool
    delay: float
    description: str | None

    def response(self) -> web.Response:
        if self.html:
            return web.Response(status=self.status, text=_NGINX_502, content_type="text/html")
        params: JSON | None = None
        description = self.description or _DEFAULT_FAULTS.get(self.status)
        if self.status == 429:
            retry = 1 if self.retry_after is None else self.retry_after
            params = {"retry_after": retry}
            description = description or f"Too Many Requests: retry after {retry}"
        if description is None:
            description = HTTPStatus(self.status).phrase
        return web.json_response(
            ApiError(self.status, description, params).body(), status=self.status
        )


class FakeBotAPI(BotMethods):
    """The fake server. See the module docstring; `calls`, `sent` and friends are public."""

    def __init__(
        self,
        token: str,
        *,
        username: str = "newsbot",
        bot_id: int | None = None,
        admin_chats: set[int] | None = None,
        privacy: bool = True,
        deliver_mentions: bool = False,
        max_poll_wait: float = 1.0,
    ) -> None:
        super().__init__(
            token,
            username=username,
            bot_id=bot_id,
            admin_chats=admin_chats,
            privacy=privacy,
            deliver_mentions=deliver_mentions,
        )
        # getUpdates waits at most this long, whatever timeout the client asks for.
        self.max_poll_wait = max_poll_wait
        self.calls: list[tuple[str, JSON]] = []
        self.unknown_methods: list[str] = []
        self.base_url = ""
        self.port = 0
        self._by_method: dict[str, list[JSON]] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._activity = asyncio.Event()
        self._stopping = asyncio.Event()
        self._poll_generation = 0
        self._runner: web.AppRunner | None = None

    # -- lifecycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        # No access log: the benchmarks push thousands of requests through here.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self.base_url = f"http://127.0.0.1:{self.port}/bot"

    async def stop(self) -> None:
        self._stopping.set()  # ends long polls and injected delays at once
        self._wake_pollers()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # -- HTTP -----------------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        name = request.match_info["method"]
        key = name.lower()
        try:
            params = decode_params(await self._read(request))
        except ApiError as exc:
            return web.json_response(exc.body(), status=exc.status)
        self.calls.append((name, params))
        self._by_method.setdefault(key, []).append(params)
        self._on_sent()
        if self._faults:
            fault = self._next_fault(key)
            if fault is not None:
                if fault.delay:
                    await self._sleep(fault.delay)
                if fault.status != 200:
                    return fault.response()
        try:
            if key == "getupdates":
                result = await self._get_updates(params)
            else:
                handler = self.handlers.get(key)
                if handler is None:
                    # Never 404: python-telegram-bot reads a 404 as InvalidToken.
                    self.unknown_methods.append(name)
                    raise bad_request("method not found in fake")
                result = handler(params)
        except ApiError as exc:
            return web.json_response(exc.body(), status=exc.status)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def _read(request: web.Request) -> dict[str, Any]:
        if request.method == "GET":
            return dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON body")
            return body
        form = await request.post()
        # Uploaded files are not modelled; keep their field names visible to tests.
        return {k: v if isinstance(v, str) else f"<file {k}>" for k, v in form.items()}

    async def _sleep(self, delay: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), delay)

    # -- getUpdates -----------------------------------------------------------------------------

    async def _get_updates(self, p: JSON) -> list[JSON]:
        if self.webhook_url:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        allowed = p.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = frozenset(allowed) if allowed else None
        limit = min(max(int(p.get("limit", 100)), 1), 100)
        wait = min(max(float(p.get("timeout", 0)), 0.0), self.max_poll_wait)
        # A newer poll ends an older one with 409, as Telegram does.
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_pollers()
        self._acknowledge(int(p.get("offset", 0)))
        batch = self._take(limit)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        while not batch and not self._stopping.is_set():
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._updates_event.wait(), remaining)
            if generation != self._poll_generation:
                raise ApiError(409, _DEFAULT_FAULTS[409])
            batch = self._take(limit)
        return batch

    # -- fault injection ------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: int,
        retry_after: int | None = None,
        html: bool = False,
        delay: float = 0.0,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` ("*" for any) fail.

        status 429 carries parameters.retry_after (default 1); 401/403/500 get Telegram's
        descriptions; html=True answers with nginx's HTML page instead of JSON; delay sleeps
        first (status=200 with a delay answers normally, late, so a client can time out while
        the call still takes effect, as with the real server).
        """
        fault = _Fault(status, retry_after, html, delay, description)
        self._faults.setdefault(method.lower(), deque()).extend([fault] * times)

    def _next_fault(self, key: str) -> _Fault | None:
        for name in (key, "*"):
            queue = self._faults.get(name)
            if queue:
                fault = queue.popleft()
                if not queue:
                    del self._faults[name]
                return fault
        return None

    # -- waiting --------------------------------------------------------------------------------

    def _on_sent(self) -> None:
        event, self._activity = self._activity, asyncio.Event()
        event.set()

    async def _until(self, ready: Callable[[], Any], timeout: float, what: str) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = ready()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {what}\n{self.summary()}"
                )
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._activity.wait(), remaining)

    async def wait_for(
        self,
        predicate: Callable[[JSON], bool],
        timeout: float = 10.0,
        *,
        start: int = 0,
    ) -> JSON:
        """The first entry of `sent[start:]` that matches, waiting for it if need be."""
        index = start

        def scan() -> JSON | None:
            nonlocal index
            while index < len(self.sent):
                entry = self.sent[index]
                index += 1
                if predicate(entry):
                    return entry
            return None

        result: JSON = await self._until(scan, timeout, "a sent message matching the predicate")
        return result

    async def wait_sent(self, count: int, timeout: float = 10.0) -> list[JSON]:
        """Wait until at least `count` messages were sent or edited; returns a copy of `sent`."""
        return await self._until(  # type: ignore[no-any-return]
            lambda: list(self.sent) if len(self.sent) >= count else None, timeout, f"{count} sent"
        )

    async def wait_calls(self, method: str, count: int = 1, timeout: float = 10.0) -> list[JSON]:
        """Parameters of every call of `method` so far, once there are at least `count`."""
        calls = self._by_method.setdefault(method.lower(), [])
        return await self._until(  # type: ignore[no-any-return]
            lambda: list(calls) if len(calls) >= count else None, timeout, f"{count} {method}"
        )

    def calls_of(self, method: str) -> list[JSON]:
        """Parameters of every call of `method` so far (method names are case-insensitive)."""
        return list(self._by_method.get(method.lower(), []))

    def summary(self) -> str:
        """What the bot did, for assertion messages."""
        counts = Counter(name for name, _ in self.calls)
        lines = [f"calls: {dict(counts)}", f"unknown methods: {self.unknown_methods}"]
        lines.append(f"pending updates: {self.pending}; sent ({len(self.sent)}), last 10:")
        for entry in self.sent[-10:]:
            lines.append(f"  {entry['method']} chat={entry['chat_id']}: {entry['plain']!r:.120}")
        return "\n".join(lines)
