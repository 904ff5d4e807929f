"""Telegram handlers: updates in, engine calls, replies out through the outbox.

:class:`Frontend` holds what the handlers share (settings, engine, log, outbox, follow-up
memory, the groups' repeat guard) as typed attributes; its bound methods are the callbacks
:mod:`newsbot.telegram_bot` registers. Handlers never wait for a send: they queue an
:class:`~newsbot.telegram_outbox.Outgoing` and return, and updates are processed one at a time.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from telegram import Chat, ChatMember, Message, Update, User
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from newsbot import render
from newsbot.answering import Answerer
from newsbot.config import Settings
from newsbot.engine import Engine
from newsbot.reply import Reply
from newsbot.stats import format_stats
from newsbot.store import ConversationLog, Exchange, StoreError
from newsbot.telegram_buttons import Press, decode, keyboard
from newsbot.telegram_group import RepeatGuard, Verdict, addressed_text, repeat_key
from newsbot.telegram_inline import CACHE_SECONDS, cards
from newsbot.telegram_outbox import Outbox, Outgoing

_LOGGER = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE

SORRY = "Sorry, something went wrong. Please try again."
STALE = "That button has expired — try /topics"
POINTER = "Answered just above ↑"
_JOINED = frozenset({ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER})
_MEMORY_SIZE = 10_000
_RENDER_CACHE = 1024


class Memory:
    """The last reply per (chat, user), for follow-ups; least recently used pairs go first."""

    def __init__(self, size: int = _MEMORY_SIZE) -> None:
        self._size = size
        self._last: OrderedDict[tuple[int, int], Reply] = OrderedDict()

    def get(self, chat_id: int, user_id: int) -> Reply | None:
        return self._last.get((chat_id, user_id))

    def put(self, chat_id: int, user_id: int, reply: Reply) -> None:
        key = (chat_id, user_id)
        self._last[key] = reply
        self._last.move_to_end(key)
        if len(self._last) > self._size:
            self._last.popitem(last=False)


def notice(text: str) -> Reply:
    """A message of our own (not an answer), rendered like any reply so render escapes it."""
    return Reply(text=text, handler="help")


def thread_of(message: Message | None) -> int | None:
    """The forum topic to answer in, if the message is in one."""
    if message is not None and message.is_topic_message:
        return message.message_thread_id
    return None


@dataclass(slots=True)
class Frontend:
    """Everything the handlers share; methods are the Telegram callbacks."""

    settings: Settings
    engine: Engine
    log: ConversationLog | None
    outbox: Outbox
    memory: Memory = field(default_factory=Memory)
    repeats: RepeatGuard | None = None
    answers: Answerer = field(init=False)

    _rendered: dict[tuple[object, ...], tuple[tuple[str, ...], str, str | None]] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        if self.repeats is None:
            self.repeats = RepeatGuard(self.engine.same_question)
        self.answers = Answerer(self.engine)  # in this process until start() has a worker

    # -- sending -------------------------------------------------------------------------

    def send(
        self, chat_id: int, reply: Reply, *, to: int | None = None, thread: int | None = None
    ) -> None:
        """Queue a reply: its HTML chunks, its plain fallback and its keyboard."""
        chunks, plain, markup = self.rendered(reply)
        self.outbox.put(Outgoing(chat_id, chunks, plain, markup, to, thread))

    def rendered(self, reply: Reply) -> tuple[tuple[str, ...], str, str | None]:
        """HTML chunks, plain fallback and keyboard JSON of a reply, computed once per reply.

        Replies are frozen values and most questions land on a few topics, so a small cache
        saves rendering and keyboard serialisation on nearly every update.
        """
        # what rendering reads: replies that differ only in score render the same
        key = (
            reply.text,
            reply.handler,
            reply.quote,
            reply.title,
            reply.suggestions,
            reply.buttons,
        )
        found = self._rendered.get(key)
        if found is None:
            found = (tuple(render.html(reply)), render.plain(reply), keyboard(reply))
            if len(self._rendered) >= _RENDER_CACHE:
                self._rendered.pop(next(iter(self._rendered)))
            self._rendered[key] = found
        return found

    def respond(self, update: Update, question: str, reply: Reply, started: float) -> None:
        """Answer a message, after the replies to questions this reader asked before it."""
        self.answers.then(
            _conversation(update), lambda: self._respond(update, question, reply, started)
        )

    def _respond(self, update: Update, question: str, reply: Reply, started: float) -> None:
        """Answer a message: in a group, in its thread and without repeating ourselves."""
        chat, message, user = _parts(update)
        if chat is None or message is None:
            return
        to = None if chat.type == ChatType.PRIVATE else message.message_id
        thread = thread_of(message)
        if chat.type != ChatType.PRIVATE and self.repeats is not None:
            verdict = self.repeats.check(chat.id, question, repeat_key(reply))
            if verdict is Verdict.SILENT:
                return
            if verdict is Verdict.POINTER:
                self.send(chat.id, notice(POINTER), to=to, thread=thread)
                return
        if user is not None:
            self.memory.put(chat.id, user.id, reply)
        self.send(chat.id, reply, to=to, thread=thread)
        self.record(update, chat, question, reply, started)

    def record(
        self, update: Update, chat: Chat | None, question: str, reply: Reply, started: float
    ) -> None:
        """Log one answered exchange (never blocks: the log queues it)."""
        user = update.effective_user
        if self.log is None or user is None:
            return
        self.log.record(
            Exchange(
                frontend="telegram",
                chat_type=chat.type if chat is not None else "inline",
                user_id=str(user.id),
                chat_id=str(chat.id if chat is not None else user.id),
                question=question,
                handler=reply.handler,
                topic=reply.topic,
                score=reply.score,
                grounded=reply.grounded,
                answer_length=len(self.rendered(reply)[1]),
                latency_ms=(time.perf_counter() - started) * 1000,
                update_id=update.update_id,
            )
        )

    def answer(self, update: Update, question: str, started: float) -> None:
        """Answer a question: now, or when the engine's worker replies (in this chat's order)."""

        def done(reply: Reply | None) -> None:  # in this reader's turn by construction
            if reply is None:
                self.sorry(update)  # answering failed; the traceback is logged
            else:
                self._respond(update, question, reply, started)

        self.answers.ask(_conversation(update), question, self.previous(update), done)

    def previous(self, update: Update) -> Reply | None:
        chat, user = update.effective_chat, update.effective_user
        return None if chat is None or user is None else self.memory.get(chat.id, user.id)

    # -- commands ------------------------------------------------------------------------

    async def start(self, update: Update, context: Context) -> None:
        """/start, with an optional deep-link payload ``topic_<id>``."""
        started = time.perf_counter()
        payload = context.args[0] if context.args else ""
        reply = None
        if payload.startswith("topic_"):
            reply = self.engine.topic(payload.removeprefix("topic_"))
        self.respond(update, _text(update), reply or self.engine.start(), started)

    async def help(self, update: Update, context: Context) -> None:
        """/help: what the bot can do."""
        self.respond(update, _text(update), self.engine.help(), time.perf_counter())

    async def summary(self, update: Update, context: Context) -> None:
        """/summary: the article in a paragraph."""
        self.respond(update, _text(update), self.engine.summary(), time.perf_counter())

    async def topics(self, update: Update, context: Context) -> None:
        """/topics: one button per topic."""
        self.respond(update, _text(update), self.engine.topics(), time.perf_counter())

    async def source(self, update: Update, context: Context) -> None:
        """/source: publisher and disclaimer."""
        self.respond(update, _text(update), self.engine.source(), time.perf_counter())

    async def briefing(self, update: Update, context: Context) -> None:
        """/briefing: headline, key points and the topics keyboard."""
        self.respond(update, _text(update), self.engine.briefing(), time.perf_counter())

    async def ask(self, update: Update, context: Context) -> None:
        """/ask <question>; a bare /ask explains how to ask."""
        started = time.perf_counter()
        question = " ".join(context.args or ())
        if not question:
            self.respond(update, _text(update), self.engine.help(), started)
            return
        self.answer(update, question, started)

    async def forget(self, update: Update, context: Context) -> None:
        """/forget: erase this user's rows from the conversation log."""
        chat, message, user = _parts(update)
        if chat is None or user is None or message is None:
            return
        if self.log is None:
            text = "I keep no log here, so there is nothing to forget."
        else:
            await self.answers.settled()  # questions still in the worker are logged first
            erased = await self.log.forget(str(user.id))
            text = f"Done: I erased {erased} logged question(s) of yours."
        self.send(chat.id, notice(text), to=_to(chat, message), thread=thread_of(message))

    async def stats(self, update: Update, context: Context) -> None:
        """/stats: the log's figures, for the ids in NEWSBOT_ADMIN_IDS only."""
        chat, message, user = _parts(update)
        if chat is None or user is None or message is None:
            return
        await self.answers.settled()  # count questions still in the worker; stay in turn
        if user.id not in self.settings.admin_ids:
            text = "Sorry, /stats is for the bot's editors only."
        elif self.log is None:
            text = "The conversation log is off."
        else:
            try:
                text = format_stats(await self.log.stats())
            except StoreError as exc:
                text = f"The conversation log cannot be read: {exc}"
            if self.log.dropped:
                text += f"\nRows lost to disk errors: {self.log.dropped}"
        self.send(chat.id, notice(text), to=_to(chat, message), thread=thread_of(message))

    # -- messages ------------------------------------------------------------------------

    async def private_text(self, update: Update, context: Context) -> None:
        """Any text in a private chat is a question."""
        started = time.perf_counter()
        self.answer(update, _text(update), started)

    async def group_text(self, update: Update, context: Context) -> None:
        """Group messages: only replies to us and mentions of us are questions."""
        started = time.perf_counter()
        message = update.effective_message
        user = update.effective_user
        if message is None or user is None or user.is_bot or not context.bot.username:
            return
        question = addressed_text(message, context.bot.id, context.bot.username)
        if question is None:
            return  # other people's conversation
        if question:
            self.answer(update, question, started)
        else:
            self.respond(update, _text(update), self.engine.help(), started)

    async def unknown_command(self, update: Update, context: Context) -> None:
        """An unknown /command in a private chat: show what works."""
        self.respond(update, _text(update), self.engine.help(), time.perf_counter())

    # -- buttons -------------------------------------------------------------------------

    async def button(self, update: Update, context: Context) -> None:
        """A button press: always answered, so the client's spinner stops."""
        started = time.perf_counter()
        query = update.callback_query
        if query is None:
            return
        press = decode(query.data)
        reply = self._pressed(press) if press is not None else None
        message = query.message
        if reply is None or message is None:
            self.outbox.call(query.answer(STALE), "answering a stale button")
            return
        chat = message.chat
        in_group = chat.type != ChatType.PRIVATE
        thread = thread_of(message) if isinstance(message, Message) else None
        if in_group and self.repeats is not None:
            verdict = self.repeats.check(chat.id, f"[button {query.data}]", repeat_key(reply))
            if verdict is not Verdict.ANSWER:
                self.outbox.call(query.answer(POINTER), "answering a repeated button")
                return
        self.outbox.call(query.answer(), "answering a button")
        to = message.message_id if in_group else None

        def deliver() -> None:
            self.memory.put(chat.id, query.from_user.id, reply)
            self.send(chat.id, reply, to=to, thread=thread)
            self.record(update, chat, f"[button {query.data}]", reply, started)

        # after the replies to questions this reader asked before pressing it
        self.answers.then(_conversation(update), deliver)

    def _pressed(self, press: Press) -> Reply | None:
        if press.action == "topics":
            return self.engine.topics()
        if press.action == "summary":
            return self.engine.summary()
        return self.engine.topic(press.target, more=press.action == "more")

    async def inline(self, update: Update, context: Context) -> None:
        """Inline mode: topic cards for the words typed after @bot."""
        query = update.inline_query
        if query is None or not context.bot.username:
            return
        results = cards(self.engine, query.query, context.bot.username)
        self.outbox.call(
            query.answer(results, cache_time=CACHE_SECONDS), "answering an inline query"
        )

    # -- membership and errors -----------------------------------------------------------

    async def membership(self, update: Update, context: Context) -> None:
        """Added to a group: introduce ourselves with the briefing card."""
        change = update.my_chat_member
        if change is None:
            return
        was, now = change.old_chat_member.status, change.new_chat_member.status
        if change.chat.type == ChatType.PRIVATE:
            if now == ChatMember.BANNED:
                _LOGGER.info("a user blocked the bot")
            return
        if now in _JOINED and was not in _JOINED:
            handle = f"@{context.bot.username}"
            intro = (
                f"Hello! I answer questions about one article: {self.engine.digest.article.title}"
                f"\n\nAsk with /ask{handle} followed by your question, or reply to any of my "
                "messages. I stay out of everything else."
            )
            self.send(change.chat.id, notice(intro))
            self.send(change.chat.id, self.engine.briefing())

    async def error(self, update: object, context: Context) -> None:
        """Log the traceback and tell the user something went wrong."""
        if not isinstance(update, Update):
            # Polling faults (getUpdates 5xx, timeouts): PTB retries them itself.
            if isinstance(context.error, TelegramError):
                _LOGGER.warning("Telegram polling problem: %s", context.error)
            else:
                _LOGGER.error("background failure", exc_info=context.error)
            return
        _LOGGER.error("a handler failed", exc_info=context.error)
        self.sorry(update)

    def sorry(self, update: Update) -> None:
        """Tell the user something went wrong (the error is already logged)."""
        if update.effective_chat is not None:
            message = update.effective_message
            chat = update.effective_chat
            to = _to(chat, message) if message is not None else None
            self.send(chat.id, notice(SORRY), to=to, thread=thread_of(message))


def _parts(update: Update) -> tuple[Chat | None, Message | None, User | None]:
    return update.effective_chat, update.effective_message, update.effective_user


def _conversation(update: Update) -> tuple[int, int]:
    """Whose turn: (chat, user), as the follow-up memory keys it."""
    chat, user = update.effective_chat, update.effective_user
    return (chat.id if chat else 0, user.id if user else 0)


def _text(update: Update) -> str:
    message = update.effective_message
    return (message.text or "") if message is not None else ""


def _to(chat: Chat, message: Message | None) -> int | None:
    return None if message is None or chat.type == ChatType.PRIVATE else message.message_id
