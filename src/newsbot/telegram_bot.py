"""The Telegram front end: build the application, connect, and run it until a stop signal.

:func:`run` is what ``newsbot run`` calls once settings and the engine are loaded.
:func:`build_application` wires the handlers (the table in :func:`_register` is the whole
bot at a glance) and is what the in-process tests drive. Only ``newsbot.telegram_*`` modules
import ``telegram``: start-up, the buttons, the outbox, the rate limiter, group etiquette,
inline mode and the token filter each live in their own module.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import warnings
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from newsbot.answering import freeze_start_up
from newsbot.config import ConfigError, Settings
from newsbot.engine import Engine
from newsbot.store import ConversationLog, resolve_key
from newsbot.telegram_handlers import Frontend
from newsbot.telegram_limits import TelegramLimiter
from newsbot.telegram_logging import install_token_filter
from newsbot.telegram_outbox import RAW_SEND_WARNING, Outbox
from newsbot.telegram_request import JsonRequest
from newsbot.telegram_startup import connect, introduce

_LOGGER = logging.getLogger(__name__)

AnyApp = Application[Any, Any, Any, Any, Any, Any]
ALLOWED_UPDATES = ["message", "callback_query", "inline_query", "my_chat_member"]
_LOG_PURGE_SECONDS = 24 * 60 * 60


class NewsbotApplication(Application[Any, Any, Any, Any, Any, Any]):
    """python-telegram-bot's Application with our state as typed attributes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._frontend: Frontend | None = None
        self.owns_log = False
        self.engine_worker = False

    @property
    def frontend(self) -> Frontend:
        """What the handlers share (engine, log, outbox, memory)."""
        if self._frontend is None:
            raise RuntimeError("build_application() sets the frontend")
        return self._frontend


def _ours(app: Application[Any, Any, Any, Any, Any, Any]) -> NewsbotApplication:
    if not isinstance(app, NewsbotApplication):
        raise TypeError("not an application from newsbot.telegram_bot.build_application")
    return app


def build_application(
    settings: Settings,
    engine: Engine,
    log: ConversationLog | None,
    *,
    open_log: bool = False,
    engine_worker: bool = False,
    request_timeout: float = 10.0,
) -> NewsbotApplication:
    """The bot, ready for ``run_polling``/``run_webhook`` or a test's ``async with app``.

    With ``open_log`` the conversation log is opened in ``post_init`` and closed in
    ``post_shutdown`` (that is what :func:`run` does); otherwise ``log`` belongs to the caller.
    With ``engine_worker`` questions are answered in a worker process
    (:mod:`newsbot.answering`), started in ``post_init`` and stopped in ``post_stop``.
    """
    # Opt in to PTB's timedelta durations: in 22.x, building RetryAfter for every 429
    # otherwise emits a deprecation warning (an error under the tests' warning filter).
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    warnings.filterwarnings("ignore", message=RAW_SEND_WARNING, category=PTBUserWarning)
    limiter = TelegramLimiter(limits=settings.rate_limit == "telegram")
    builder = (
        ApplicationBuilder()
        .application_class(NewsbotApplication)
        .token(settings.require_token())
        .base_url(settings.telegram_api_url)
        .rate_limiter(limiter)
        .concurrent_updates(False)  # sequential is ~3x faster here; sends never block it
        .request(_request(request_timeout, pool=8))
        .get_updates_request(_request(request_timeout, pool=1))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    app = _ours(builder.build())
    app._frontend = Frontend(settings, engine, log, Outbox(app.bot))
    app.owns_log = open_log
    app.engine_worker = engine_worker
    _register(app, app.frontend)
    return app


def _request(timeout: float, pool: int) -> JsonRequest:
    return JsonRequest(
        connection_pool_size=pool,
        connect_timeout=timeout,
        read_timeout=timeout,
        write_timeout=timeout,
        pool_timeout=timeout,
    )


def _register(app: AnyApp, bot: Frontend) -> None:
    """Every handler, in the order Telegram updates are tried against them."""
    only_new = filters.UpdateType.MESSAGE  # an edited question is not asked again
    groups = filters.ChatType.GROUPS
    private = filters.ChatType.PRIVATE
    commands: list[tuple[str, Callable[..., Coroutine[Any, Any, None]]]] = [
        ("start", bot.start),
        ("help", bot.help),
        ("summary", bot.summary),
        ("topics", bot.topics),
        ("source", bot.source),
        ("briefing", bot.briefing),
        ("ask", bot.ask),
        ("forget", bot.forget),
        ("stats", bot.stats),
    ]
    # Plain private questions are nearly all the traffic: tried first, before nine commands.
    app.add_handler(
        MessageHandler(only_new & private & filters.TEXT & ~filters.COMMAND, bot.private_text)
    )
    for name, callback in commands:
        app.add_handler(CommandHandler(name, callback, filters=only_new))
    app.add_handler(MessageHandler(only_new & private & filters.COMMAND, bot.unknown_command))
    app.add_handler(
        MessageHandler(only_new & groups & filters.TEXT & ~filters.COMMAND, bot.group_text)
    )
    app.add_handler(CallbackQueryHandler(bot.button))
    app.add_handler(InlineQueryHandler(bot.inline))
    app.add_handler(ChatMemberHandler(bot.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(bot.error)


async def _post_init(application: AnyApp) -> None:
    app = _ours(application)
    frontend = app.frontend
    settings = frontend.settings
    if app.owns_log and frontend.log is None:
        key = resolve_key(settings.user_id_key, settings.database)
        frontend.log = await ConversationLog.open(settings.database, key)
        if settings.retention_days is not None and app.job_queue is not None:
            app.job_queue.run_repeating(_purge, interval=_LOG_PURGE_SECONDS, first=1)
    await introduce(app, frontend.engine)
    if app.engine_worker:
        frontend.answers.start()
    freeze_start_up()  # digest, index and PTB objects live for the whole run


async def _purge(context: ContextTypes.DEFAULT_TYPE) -> None:
    frontend = _ours(context.application).frontend
    days = frontend.settings.retention_days
    if frontend.log is not None and days is not None:
        removed = await frontend.log.purge(days)
        _LOGGER.info("conversation log: purged %d row(s) older than %d days", removed, days)


async def _post_stop(application: AnyApp) -> None:
    frontend = _ours(application).frontend
    await frontend.answers.close()  # replies still in the worker go to the outbox first
    await frontend.outbox.drain()


async def _post_shutdown(application: AnyApp) -> None:
    app = _ours(application)
    frontend = app.frontend
    if app.owns_log and frontend.log is not None:
        await frontend.log.close()
        frontend.log = None


def run(settings: Settings, engine: Engine) -> int:
    """``newsbot run``: polling, or a webhook when NEWSBOT_WEBHOOK_URL is set. Returns 0.

    Raises :class:`ConfigError` (one line, exit 2) for a missing, malformed or refused token
    and for webhook mode without a secret.
    """
    token = settings.require_token()
    secret = settings.require_webhook_secret() if settings.webhook_url else None
    if settings.webhook_url and urlsplit(settings.webhook_url).scheme != "https":
        raise ConfigError("NEWSBOT_WEBHOOK_URL must be an https:// URL (Telegram requires it)")
    install_token_filter(token)
    # The engine in a worker process only pays where the two can run side by side.
    worker = len(os.sched_getaffinity(0)) >= 2
    app = build_application(settings, engine, None, open_log=True, engine_worker=worker)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if worker:
        app.frontend.answers.start(loop)  # it loads while we connect; questions wait for nothing
    try:
        connected = _start_up(loop, app)
    except BaseException:
        _stop_worker(app)
        loop.close()
        raise
    if not connected:
        _stop_worker(app)
        loop.close()
        return 0
    if settings.webhook_url:
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=urlsplit(settings.webhook_url).path.strip("/") or "telegram",
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=5,  # setWebhook: ride out a transient 5xx
        )
    else:
        app.run_polling(
            poll_interval=0.0,
            timeout=10,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=-1,  # deleteWebhook: retry transient failures until it works
        )
    return 0


def _stop_worker(app: NewsbotApplication) -> None:
    app.frontend.answers.stop()


def _start_up(loop: asyncio.AbstractEventLoop, app: AnyApp) -> bool:
    """:func:`connect` until it works; False when SIGINT/SIGTERM came first."""
    task = loop.create_task(connect(app))
    stops = (signal.SIGINT, signal.SIGTERM)
    for sig in stops:
        loop.add_signal_handler(sig, task.cancel)
    try:
        loop.run_until_complete(task)
    except asyncio.CancelledError:
        loop.run_until_complete(app.bot.shutdown())
        return False
    finally:
        for sig in stops:
            loop.remove_signal_handler(sig)
    return True
