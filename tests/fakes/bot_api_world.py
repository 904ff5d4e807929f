"""The fake Telegram's world: chats, users, messages, the update queue and the update builders.

Builders create realistic updates (a private message, a group message, a button press, an
inline query, the bot being added to a group) and queue them for getUpdates. Group messages
obey privacy mode the way Telegram does: a privacy-mode bot that is not an admin only gets
commands meant for it, replies to its own messages and service messages.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from typing import Any

from . import bot_api_objects as obj
from .bot_api_objects import JSON
from .telegram_html import addressed_words, text_entities

# Telegram leaves these out unless allowed_updates asks for them.
_OFF_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def _update_kind(update: JSON) -> str:
    return next((key for key in update if key != "update_id"), "")


class TelegramWorld:
    """State shared by the method handlers and the builders; all of it lives on one event loop."""

    def __init__(
        self,
        token: str,
        *,
        username: str = "newsbot",
        bot_id: int | None = None,
        admin_chats: set[int] | None = None,
        privacy: bool = True,
        deliver_mentions: bool = False,
    ) -> None:
        prefix = token.split(":", 1)[0]
        self.token = token
        self.username = username
        self.bot_id = bot_id if bot_id is not None else (int(prefix) if prefix.isdigit() else 1)
        self.privacy = privacy
        # Telegram's FAQ does not promise mentions to privacy-mode bots; off unless asked for.
        self.deliver_mentions = deliver_mentions
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "News Bot",
            "username": username,
        }
        self.dropped: list[JSON] = []  # group messages privacy mode kept from the bot
        self.deleted: list[tuple[int, int]] = []  # (chat_id, message_id) the bot deleted
        self._queue: deque[JSON] = deque()
        self._update_ids = itertools.count(10_000)
        self._query_ids = itertools.count(4_000_000_000_000)
        self._allowed: frozenset[str] | None = None  # None: Telegram's default set
        self._updates_event = asyncio.Event()
        self._users: dict[int, JSON] = {}
        self._chats: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._admin_chats: set[int] = set(admin_chats or ())
        self._bot_status: dict[int, str] = {}  # group chat id -> member/administrator/left/kicked
        self._blocked: set[int] = set()
        self._callback_queries: dict[str, bool] = {}  # id -> answered
        self._inline_queries: dict[str, bool] = {}

    # -- the update queue -------------------------------------------------------------------

    def push(self, update: JSON) -> int:
        """Queue a raw update (an update_id is assigned unless given) and wake getUpdates."""
        if "update_id" in update:
            uid = int(update["update_id"])
            self._update_ids = itertools.count(max(uid + 1, next(self._update_ids)))
        else:
            uid = next(self._update_ids)
            update = {"update_id": uid, **update}
        self._queue.append(update)
        self._wake_pollers()
        return uid

    @property
    def pending(self) -> int:
        """Updates queued and not yet acknowledged by a getUpdates offset."""
        return len(self._queue)

    def _wake_pollers(self) -> None:
        # A fresh Event per wake-up: waiters hold the old one, so nobody has to clear it.
        event, self._updates_event = self._updates_event, asyncio.Event()
        event.set()

    def _allows(self, update: JSON) -> bool:
        kind = _update_kind(update)
        if self._allowed is None:
            return kind not in _OFF_BY_DEFAULT
        return kind in self._allowed

    def _acknowledge(self, offset: int) -> None:
        queue = self._queue
        if offset < 0:  # Telegram: keep only the last -offset updates
            while len(queue) > -offset:
                queue.popleft()
            return
        while queue and queue[0]["update_id"] < offset:
            queue.popleft()

    def _take(self, limit: int) -> list[JSON]:
        """Up to `limit` deliverable updates; filtered ones at the head are dropped for good."""
        queue = self._queue
        while queue and not self._allows(queue[0]):
            queue.popleft()
        return list(itertools.islice((u for u in queue if self._allows(u)), limit))

    # -- chats, users and messages ----------------------------------------------------------

    def _user(self, user_id: int, first_name: str) -> JSON:
        known = self._users.get(user_id)
        if known is None:
            known = self._users[user_id] = obj.user(user_id, first_name)
        return known

    def _group(self, chat_id: int, chat_type: str) -> JSON:
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_type not in ("group", "supergroup"):
                raise ValueError(f"group chat type must be group or supergroup, not {chat_type}")
            chat = self._chats[chat_id] = obj.group_chat(chat_id, chat_type)
            self._bot_status[chat_id] = (
                "administrator" if chat_id in self._admin_chats else "member"
            )
        return chat

    def _new_message(
        self,
        chat: JSON,
        sender: JSON,
        text: str | None,
        entities: list[JSON],
        *,
        reply_to: JSON | None = None,
        thread_id: int | None = None,
    ) -> JSON:
        counter = self._message_ids.setdefault(chat["id"], itertools.count(1))
        msg: JSON = {"message_id": next(counter), "date": obj.now(), "chat": chat, "from": sender}
        if text is not None:
            msg["text"] = text
        if entities:
            msg["entities"] = entities
        if thread_id is not None:
            msg["message_thread_id"] = thread_id
            msg["is_topic_message"] = True
        if reply_to is not None:
            # Telegram nests the replied-to message one level deep only.
            msg["reply_to_message"] = {
                k: v for k, v in reply_to.items() if k != "reply_to_message"
            }
        self._messages[(chat["id"], msg["message_id"])] = msg
        return msg

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """A message the fake knows (sent by the bot or pushed by a builder), as last edited."""
        return self._messages.get((chat_id, message_id))

    def _is_for_bot(self, msg: JSON) -> bool:
        """Whether Telegram would deliver this group message to the bot."""
        status = self._bot_status.get(msg["chat"]["id"])
        if status in ("left", "kicked"):
            return False
        if not self.privacy or status == "administrator":
            return True
        replied = msg.get("reply_to_message")
        if replied is not None and replied.get("from", {}).get("id") == self.bot_id:
            return True
        me = self.username.lower()
        for kind, index, word in addressed_words(msg.get("text", "")):
            if kind == "bot_command":
                _, at, target = word.partition("@")
                # a bare /command counts at the start of the message only
                if target.lower() == me or (not at and index == 0):
                    return True
            elif word[1:].lower() == me and self.deliver_mentions:
                return True
        return False

    # -- builders ---------------------------------------------------------------------------

    def private_message(
        self, user_id: int, text: str, *, first_name: str = "Ann", reply_to: int | None = None
    ) -> int:
        """A user writes to the bot in private; `reply_to` is a message id in that chat."""
        sender = self._user(user_id, first_name)
        chat = self._chats.setdefault(user_id, obj.private_chat(sender))
        self._blocked.discard(user_id)
        replied = self._messages.get((user_id, reply_to)) if reply_to is not None else None
        msg = self._new_message(chat, sender, text, text_entities(text), reply_to=replied)
        return self.push({"message": msg})

    def group_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to_message_id: int | None = None,
        chat_type: str = "supergroup",
        first_name: str = "Bob",
        message_thread_id: int | None = None,
    ) -> int | None:
        """A user writes in a group; returns None when privacy mode keeps it from the bot."""
        chat = self._group(chat_id, chat_type)
        sender = self._user(user_id, first_name)
        replied = (
            self._messages.get((chat_id, reply_to_message_id))
            if reply_to_message_id is not None
            else None
        )
        msg = self._new_message(
            chat, sender, text, text_entities(text), reply_to=replied, thread_id=message_thread_id
        )
        if self._is_for_bot(msg):
            return self.push({"message": msg})
        self.dropped.append(msg)
        return None

    def callback_query(
        self, user_id: int, data: str, *, message_id: int, chat_id: int, first_name: str = "Ann"
    ) -> int:
        """A user presses an inline button with `data` under message (chat_id, message_id)."""
        sender = self._user(user_id, first_name)
        msg = self._messages.get((chat_id, message_id))
        if msg is None:  # a message the fake never saw: Telegram still sends a minimal one
            chat = self._chats.get(chat_id) or {"id": chat_id, "type": "private"}
            msg = {
                "message_id": message_id,
                "date": obj.now(),
                "chat": chat,
                "from": self.bot_user,
            }
        qid = str(next(self._query_ids))
        self._callback_queries[qid] = False
        query = {
            "id": qid,
            "from": sender,
            "chat_instance": str(abs(chat_id) * 7919 % 10**12),
            "message": msg,
            "data": data,
        }
        return self.push({"callback_query": query})

    def inline_query(
        self, user_id: int, query: str, *, first_name: str = "Ann", chat_type: str = "sender"
    ) -> int:
        """A user types `@bot <query>` in any chat."""
        qid = str(next(self._query_ids))
        self._inline_queries[qid] = False
        sender = self._user(user_id, first_name)
        inline = {"id": qid, "from": sender, "query": query, "offset": "", "chat_type": chat_type}
        return self.push({"inline_query": inline})

    def bot_added_to_group(
        self,
        chat_id: int,
        by_user: int,
        *,
        admin: bool = False,
        chat_type: str = "supergroup",
        service_message: bool = True,
    ) -> int:
        """my_chat_member (returned id), then, like Telegram, a new_chat_members message."""
        old = "kicked" if self._bot_status.get(chat_id) == "kicked" else "left"
        chat = self._group(chat_id, chat_type)
        self.set_admin(chat_id, admin)
        uid = self._member_update(chat, by_user, old, self._bot_status[chat_id])
        if service_message:
            sender = self._user(by_user, "Bob")
            msg = self._new_message(chat, sender, None, [])
            msg["new_chat_members"] = [self.bot_user]
            self.push({"message": msg})
        return uid

    def bot_removed_from_group(self, chat_id: int, by_user: int, *, kicked: bool = True) -> int:
        """The bot is removed (kicked) or leaves; later sends to the chat get 403."""
        chat = self._group(chat_id, "supergroup")
        old = self._bot_status.get(chat_id, "member")
        self._bot_status[chat_id] = "kicked" if kicked else "left"
        self._admin_chats.discard(chat_id)
        return self._member_update(chat, by_user, old, self._bot_status[chat_id])

    def block(self, user_id: int) -> int:
        """The user blocks the bot: my_chat_member 'kicked' in private, then sends get 403."""
        sender = self._user(user_id, "Ann")
        chat = self._chats.setdefault(user_id, obj.private_chat(sender))
        self._blocked.add(user_id)
        return self._member_update(chat, user_id, "member", "kicked")

    def set_admin(self, chat_id: int, admin: bool) -> None:
        """Make the bot an admin of a group (it then sees every message) or a plain member."""
        self._group(chat_id, "supergroup")
        if admin:
            self._admin_chats.add(chat_id)
        else:
            self._admin_chats.discard(chat_id)
        self._bot_status[chat_id] = "administrator" if admin else "member"

    def _member_update(self, chat: JSON, by_user: int, old: str, new: str) -> int:
        change = {
            "chat": chat,
            "from": self._user(by_user, "Bob"),
            "date": obj.now(),
            "old_chat_member": obj.chat_member(self.bot_user, old),
            "new_chat_member": obj.chat_member(self.bot_user, new),
        }
        return self.push({"my_chat_member": change})

    def _query(self, table: dict[str, bool], qid: Any) -> None:
        """Mark a callback or inline query answered; Telegram refuses unknown or repeat ids."""
        if table.get(str(qid)) is not False:
            raise obj.bad_request(obj.TOO_OLD_QUERY.removeprefix("Bad Request: "))
        table[str(qid)] = True
