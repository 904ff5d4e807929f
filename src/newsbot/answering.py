"""Answering off the event loop: the engine runs in a worker process beside the bot.

The bot's process parses Telegram updates, renders, logs and sends; the engine's work on a
question it has not seen (about 0.1 ms) runs in a second process, so on a machine with two or
more cores the two overlap and the event loop never waits for the engine. A handler hands its
question to :meth:`Answerer.ask` with a callback and returns at once; replies come back in the
order the questions went in, so every conversation's replies keep their order.

- Follow-ups work across the hop: while a conversation still has a question in the worker, its
  next one goes as "after whatever that reply was" (:data:`CHAIN`), and the worker remembers
  the last topic of each conversation for it.
- Replies that need no engine (commands, buttons) wait for the answer to a question the same
  reader asked just before (:meth:`Answerer.then`); ``/forget`` waits for every outstanding
  answer (:meth:`Answerer.settled`), so none is logged after the erasure.
- Repeated questions are answered from this process's cache without a round trip (unless the
  conversation has a question in the worker, which the cached answer would overtake).
- Until the worker reports ready (it imports and indexes the digest, under a second), and while
  it is gone, questions are answered here, in order, by the same engine: nothing is lost. A
  worker that exits, or leaves the oldest question unanswered for :attr:`Answerer.patience`
  seconds, is killed and replaced after :attr:`Answerer.restart_delay` seconds (at most
  :attr:`Answerer.restarts` times).
- The bot's end of the socket is non-blocking: what the socket will not take yet waits in a
  buffer for the event loop's "writable", and replies are read as they come, so neither side
  can wait on the other (a blocking write with a full socket, while the worker waits to hand
  back replies nobody reads, is a deadlock: a burst of a few hundred questions fills the
  socket's buffer, which counts each small message at about a kilobyte).
- The worker is ``python -c "...worker_main(fd)"`` with a socket to the bot: it never re-runs
  the bot's ``__main__`` (as multiprocessing's spawn would). It ignores SIGINT and SIGTERM and
  has its own process group: the bot stops it by closing the socket, so a Ctrl-C or a service
  stop never kills it while the bot is still draining replies. It gets the bot's environment
  without NEWSBOT_* and TELEGRAM_* variables: it needs no settings, least of all the token.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection

from newsbot.engine import Engine
from newsbot.reply import Reply

_LOGGER = logging.getLogger(__name__)

#: "After the reply to this conversation's previous question, still in the worker."
CHAIN = "\x00chain"
#: Bytes read from the worker's socket at a time.
_READ_SIZE = 262_144
_HEADER = struct.Struct("!i")  # multiprocessing.connection's frame header (the worker reads it)
#: Conversations whose last topic the worker keeps for chained follow-ups.
_CONVERSATIONS = 10_000
_READY = b"ready"
#: Distinct reply bodies numbered per worker (the rest cross the pipe whole every time).
_BODIES = 20_000
_UNNUMBERED = -1
_FAILED = -2
_PICKLE = pickle.HIGHEST_PROTOCOL
_QUIET = {signal.SIGINT, signal.SIGTERM}

#: Called with the reply, or with None when answering failed (the error is logged).
Done = Callable[[Reply | None], None]


@dataclass(slots=True)
class _Question:
    conversation: Hashable
    question: str
    previous_topic: str | None  # or CHAIN
    done: Done
    asked: float  # event-loop time
    #: replies of commands and buttons that came after this question (see Answerer.then)
    after: list[Callable[[], None]] = field(default_factory=list)


def freeze_start_up() -> None:
    """Tune the collector for a long-running process, once what start-up built is in place.

    What exists now lives for the whole run: it leaves the collector's generations, so full
    collections stay short under load. Each question allocates a few hundred short-lived
    objects (PTB's Update, httpx's request, the engine's matches); young collections every
    50,000 allocations instead of 700 cost a few MiB and saved about 0.05 ms of CPU per update
    (`python -m tests.benchmarks endtoend`, log off 0.80 -> 0.75x, then in the worker too).
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def serve(conn: Connection) -> None:
    """The worker: the digest first, then (conversation, question, previous topic) in and
    (topic used, body number, body or None, score) out, until the pipe closes.

    Replies repeat (a topic's answer differs only in its score from one question to the next),
    so each distinct body crosses the pipe once with its number and later only the number:
    unpickling a reply with its suggestions and buttons was the bot's largest cost per answer
    from the worker. A question the engine fails on comes back with :data:`_FAILED`, and the
    bot's process answers it itself (where the failure is logged with its traceback).
    """
    try:
        digest, thresholds = pickle.loads(conn.recv_bytes())  # noqa: S301 (our own process)
        engine = Engine(digest, thresholds)
        freeze_start_up()  # as in the bot: the digest and its index live as long as we do
        conn.send_bytes(_READY)
    except (EOFError, OSError):
        return  # the bot stopped before we were up
    last: OrderedDict[Hashable, str | None] = OrderedDict()
    bodies = _Bodies()
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return
        conversation, question, previous = pickle.loads(data)  # noqa: S301 (our own process)
        if previous == CHAIN:
            previous = last.get(conversation)
        try:
            reply: Reply | None = engine.answer_after(question, previous)
        except Exception:  # the engine never raises; if it ever does, the bot answers instead
            reply = None
        if reply is None:
            message: tuple[object, ...] = (previous, _FAILED, None, None)
        else:
            last[conversation] = reply.topic
            last.move_to_end(conversation)
            if len(last) > _CONVERSATIONS:
                last.popitem(last=False)
            message = (previous, *bodies.number(reply))
        try:
            conn.send_bytes(pickle.dumps(message, _PICKLE))
        except OSError:
            return


class _Bodies:
    """The worker's numbering of distinct reply bodies (a reply without its score)."""

    def __init__(self) -> None:
        self._numbers: dict[Reply, int] = {}

    def number(self, reply: Reply) -> tuple[int, Reply | None, float | None]:
        """(number, the body if the bot has not seen it, score); -1: not numbered."""
        body = reply if reply.score is None else replace(reply, score=None)
        found = self._numbers.get(body)
        if found is not None:
            return found, None, reply.score
        if len(self._numbers) >= _BODIES:
            return _UNNUMBERED, body, reply.score
        found = self._numbers[body] = len(self._numbers)
        return found, body, reply.score


def worker_main(fd: int) -> None:
    """Entry point of the worker process (see :meth:`Answerer.start`)."""
    for quiet in _QUIET:
        signal.signal(quiet, signal.SIG_IGN)  # the bot stops us by closing the pipe
    serve(Connection(fd))


class Answerer:
    """Questions in, replies to callbacks, in order; the engine in a worker when there is one."""

    #: Seconds the oldest question may wait for the worker before it counts as hung (it is
    #: then killed and the bot answers itself); the engine takes well under a millisecond.
    patience = 10.0
    #: A lost worker is replaced after this many seconds, at most :attr:`restarts` times.
    restart_delay = 5.0
    restarts = 3

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._process: subprocess.Popen[bytes] | None = None
        self._sock: socket.socket | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ready = False
        self._decided = asyncio.Event()  # set once the worker is ready or gone
        self._idle = asyncio.Event()
        self._idle.set()
        self._sent: deque[_Question] = deque()  # handed to the worker, oldest first
        #: each conversation's newest question still in the worker; replies come back in
        #: order, so a conversation has questions in the worker exactly while it is here
        self._latest: dict[Hashable, _Question] = {}
        self._bodies: list[Reply] = []  # the worker's reply bodies, by number
        self._out = bytearray()  # frames the socket has not taken yet
        self._in = bytearray()  # bytes read, up to the end of the last whole frame
        self._watchdog: asyncio.TimerHandle | None = None
        self._stopped = False  # stop() was called: no more workers
        self._restarted = 0
        #: Questions answered in this process and by the worker (cache hits count in neither).
        self.answered_here = 0
        self.answered_there = 0

    @property
    def working(self) -> bool:
        """True while a worker process answers questions."""
        return self._sock is not None and self._ready

    @property
    def pid(self) -> int | None:
        """The worker's process id, while it runs."""
        return self._process.pid if self._sock is not None and self._process else None

    def start(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """Start the worker for ``loop`` (default: the running one) and return at once.

        Questions asked before it is ready are answered here. A call while a worker runs, or
        after :meth:`stop`, does nothing; a worker that cannot be started is logged and the bot
        answers everything itself. A worker that dies or hangs is replaced after
        :attr:`restart_delay` seconds, at most :attr:`restarts` times.
        """
        if self._sock is not None or self._stopped:
            return
        self._loop = loop or asyncio.get_running_loop()
        self._ready = False
        self._decided.clear()
        self._bodies = []  # a new worker numbers from 0 again
        ours, theirs = socket.socketpair()
        code = f"from newsbot.answering import worker_main; worker_main({theirs.fileno()})"
        try:
            # its own process group: a Ctrl-C in the terminal reaches the bot, not the worker
            process = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
                [sys.executable, "-c", code],
                pass_fds=[theirs.fileno()],
                process_group=0,
                env=_worker_environment(),
            )
        except OSError as exc:
            _LOGGER.warning("engine worker not started (%s); answering in the bot's process", exc)
            ours.close()
            self._decided.set()
            return
        finally:
            theirs.close()
        ours.setblocking(False)
        self._process, self._sock = process, ours
        self._loop.add_reader(ours.fileno(), self._readable)
        self._send(pickle.dumps((self.engine.digest, self.engine.thresholds), _PICKLE))

    async def ready(self) -> bool:
        """Wait until the worker answers questions (True) or is gone (False)."""
        if self._sock is not None:
            await self._decided.wait()
        return self.working

    def ask(
        self, conversation: Hashable, question: str, previous: Reply | None, done: Done
    ) -> None:
        """Answer ``question`` (asked after ``previous``) and call ``done`` with the reply.

        ``done`` runs now when the answer is at hand, else when the worker's reply arrives;
        either way after the replies to this conversation's earlier questions.
        """
        previous_topic = previous.topic if previous is not None else None
        if conversation in self._latest:
            previous_topic = CHAIN
        elif not self.working:
            self._here(question, previous_topic, done)
            return
        else:
            hit = self.engine.cached(question, previous_topic)
            if hit is not None:
                _call(done, hit)
                return
        self._idle.clear()
        assert self._loop is not None
        now = self._loop.time()
        item = _Question(conversation, question, previous_topic, done, now)
        self._sent.append(item)
        self._latest[conversation] = item
        if self._watchdog is None:
            self._watchdog = self._loop.call_at(now + self.patience, self._watch)
        self._send(pickle.dumps((conversation, question, previous_topic), _PICKLE))

    def then(self, conversation: Hashable, callback: Callable[[], None]) -> None:
        """Run ``callback`` right after the reply to this conversation's newest question in
        the worker (now, if it has none): a command's reply never overtakes a question asked
        before it, nor waits for one asked after it.
        """
        latest = self._latest.get(conversation)
        if latest is not None:
            latest.after.append(callback)
        else:
            _run(callback)

    async def settled(self, grace: float = 10.0) -> None:
        """Wait (up to ``grace`` seconds) until every question handed over has its reply.

        ``/forget`` waits for this, so a question asked just before it is logged before the
        erasure, not after it.
        """
        if not self._idle.is_set():
            try:
                await asyncio.wait_for(self._idle.wait(), grace)
            except TimeoutError:
                _LOGGER.warning("engine worker: replies still outstanding after %g s", grace)

    async def close(self, grace: float = 10.0) -> None:
        """Wait up to ``grace`` seconds for the questions in the worker, then stop it for good."""
        self._stopped = True
        await self.settled(grace)
        self.stop()  # what is still outstanding is answered here

    def stop(self, hung: bool = False) -> None:
        """Stop the worker (at once when ``hung``); what it holds is answered here, in order.

        Called from outside, for good; :meth:`_lost` calls it and may start a new worker.
        """
        self._stop(hung)
        self._stopped = True

    def _stop(self, hung: bool) -> None:
        self._ready = False
        self._decided.set()
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        sock, self._sock = self._sock, None
        if sock is not None:
            if self._loop is not None and not self._loop.is_closed():
                self._loop.remove_reader(sock.fileno())
                self._loop.remove_writer(sock.fileno())
            sock.close()  # the worker reads end-of-file and returns
        self._out.clear()
        self._in.clear()
        process = self._process
        if process is not None and process.poll() is None:
            try:
                process.wait(timeout=0 if hung else 2)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=2)
        last: dict[Hashable, str | None] = {}
        items = list(self._sent)
        self._sent.clear()
        for item in items:
            previous = item.previous_topic
            if previous == CHAIN:
                previous = last.get(item.conversation)
            self._settle(item)
            reply = self._here(item.question, previous, item.done)
            last[item.conversation] = reply.topic if reply is not None else None
            self._release(item)

    # -- here and there ----------------------------------------------------------------------

    def _here(self, question: str, previous_topic: str | None, done: Done) -> Reply | None:
        self.answered_here += 1
        try:
            reply: Reply | None = self.engine.answer_after(question, previous_topic)
        except Exception:
            _LOGGER.exception("answering a question failed")
            reply = None
        _call(done, reply)
        return reply

    def _send(self, data: bytes) -> None:
        """Queue one frame; the socket takes what it can now, the event loop the rest."""
        had = bool(self._out)
        self._out += _HEADER.pack(len(data))
        self._out += data
        if not had:
            self._writable()

    def _writable(self) -> None:
        sock = self._sock
        if sock is None:
            return
        try:
            sent = sock.send(self._out)
        except BlockingIOError:
            sent = 0
        except OSError:
            self._lost("the socket to it broke")
            return
        del self._out[:sent]
        assert self._loop is not None
        if self._out:
            self._loop.add_writer(sock.fileno(), self._writable)
        else:
            self._loop.remove_writer(sock.fileno())

    def _readable(self) -> None:
        sock = self._sock
        if sock is None:
            return
        try:
            data = sock.recv(_READ_SIZE)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._lost("it exited")
            return
        buffer = self._in
        buffer += data
        start = 0
        while len(buffer) - start >= _HEADER.size:
            (size,) = _HEADER.unpack_from(buffer, start)
            end = start + _HEADER.size + size
            if end > len(buffer):
                break
            frame = buffer[start + _HEADER.size : end]
            start = end
            self._frame(frame)
            if self._sock is None:
                return  # lost or stopped while handing over a reply
        del buffer[:start]

    def _frame(self, frame: bytearray) -> None:
        if not self._ready:
            self._ready = frame == _READY
            self._decided.set()
            _LOGGER.info("engine worker ready (pid %s)", self.pid)
            return
        used, number, body, score = pickle.loads(frame)  # noqa: S301 (our own child process)
        item = self._sent.popleft()
        self._settle(item)
        if number == _FAILED:  # the worker's engine failed: this one logs why
            self._here(item.question, used, item.done)
        else:
            if body is None:
                body = self._bodies[number]
            elif number != _UNNUMBERED:
                self._bodies.append(body)  # numbered in order, from 0
            reply = body if score is None else replace(body, score=score)
            self.answered_there += 1
            self.engine.remember(item.question, used, reply)
            _call(item.done, reply)
        self._release(item)

    def _release(self, item: _Question) -> None:
        """Run the replies that waited for this question's."""
        for callback in item.after:
            _run(callback)

    def _settle(self, item: _Question) -> None:
        """One question less in flight."""
        if self._latest.get(item.conversation) is item:
            del self._latest[item.conversation]
            if not self._latest:
                self._idle.set()

    def _watch(self) -> None:
        """Every ``patience`` seconds while questions wait: is the oldest one too old?"""
        self._watchdog = None
        if not self._sent or self._loop is None:
            return
        oldest = self._sent[0].asked
        if self._loop.time() - oldest >= self.patience:
            self._lost(f"no reply in {self.patience:g} s", hung=True)
            return
        self._watchdog = self._loop.call_at(oldest + self.patience, self._watch)

    def _lost(self, why: str, hung: bool = False) -> None:
        _LOGGER.error("engine worker lost (%s); answering in the bot's process", why)
        self._stop(hung)
        if self._stopped or self._loop is None or self._restarted >= self.restarts:
            return
        self._restarted += 1
        _LOGGER.info("starting engine worker again in %g s", self.restart_delay)
        self._loop.call_later(self.restart_delay, self.start, self._loop)


def _worker_environment() -> dict[str, str]:
    """The bot's environment without its settings: the worker needs none, least of all the
    token (which would otherwise sit in the worker's /proc/<pid>/environ too)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}


def _run(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception:  # one failed reply must not stop the replies behind it
        _LOGGER.exception("handling a reply failed")


def _call(done: Done, reply: Reply | None) -> None:
    try:
        done(reply)
    except Exception:  # one failed reply must not stop the replies behind it
        _LOGGER.exception("handling a reply failed")
