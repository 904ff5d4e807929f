"""The fake's Bot API methods (all but getUpdates): what each answers and what it refuses.

Each handler takes the decoded parameters and returns the `result` Telegram would return, or
raises `ApiError` with Telegram's status and description. Messages the bot sends or edits are
recorded in `sent` for tests to inspect.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import bot_api_objects as obj
from .bot_api_objects import JSON, ApiError, bad_request
from .bot_api_world import TelegramWorld

Handler = Callable[[JSON], Any]
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of a message"
)

_METHODS = (
    *("getMe", "logOut", "close", "deleteWebhook", "setWebhook", "getWebhookInfo"),
    *("sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage"),
    *("answerCallbackQuery", "answerInlineQuery", "sendChatAction"),
    *("setMyCommands", "getMyCommands", "deleteMyCommands"),
    *("setMyDescription", "setMyShortDescription", "getMyDescription", "getMyShortDescription"),
    *("getChat", "getChatMember", "leaveChat"),
)


def _inline_part(markup: Any) -> JSON | None:
    """Telegram echoes only inline keyboards back on a Message."""
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        return {"inline_keyboard": markup["inline_keyboard"]}
    return None


class BotMethods(TelegramWorld):
    """The method handlers, on top of the world they read and change."""

    def __init__(self, token: str, **world: Any) -> None:
        super().__init__(token, **world)
        self.sent: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.inline_answers: dict[str, list[JSON]] = {}
        self.webhook_url = ""
        self.webhook_secret: str | None = None
        self.handlers: dict[str, Handler] = {
            name.lower(): getattr(self, "_" + name) for name in _METHODS
        }

    def _on_sent(self) -> None:
        """Hook for waiters; the HTTP layer overrides it."""

    # -- identity, webhook, commands, descriptions -------------------------------------------

    def _getMe(self, p: JSON) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.privacy,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _logOut(self, p: JSON) -> bool:
        return True

    _close = _logOut

    def _deleteWebhook(self, p: JSON) -> bool:
        self.webhook_url, self.webhook_secret = "", None
        if p.get("drop_pending_updates"):
            self._queue.clear()
        return True

    def _setWebhook(self, p: JSON) -> bool:
        url = p.get("url", "")
        if url and not str(url).startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url, self.webhook_secret = str(url), p.get("secret_token")
        if p.get("drop_pending_updates"):
            self._queue.clear()
        return True

    def _getWebhookInfo(self, p: JSON) -> JSON:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }

    @staticmethod
    def _scope_key(p: JSON) -> tuple[str, str]:
        scope = p.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(p.get("language_code", ""))

    def commands_for(self, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        """The commands set for a scope (default scope if None) and language."""
        return self.commands.get(
            self._scope_key({"scope": scope, "language_code": language_code}), []
        )

    def _setMyCommands(self, p: JSON) -> bool:
        self.commands[self._scope_key(p)] = obj.check_commands(p.get("commands"))
        return True

    def _getMyCommands(self, p: JSON) -> list[JSON]:
        return self.commands.get(self._scope_key(p), [])

    def _deleteMyCommands(self, p: JSON) -> bool:
        self.commands.pop(self._scope_key(p), None)
        return True

    def _setMyDescription(self, p: JSON) -> bool:
        text = str(p.get("description", ""))
        if len(text) > 512:
            raise bad_request("BOT_DESCRIPTION_INVALID")
        self.descriptions[str(p.get("language_code", ""))] = text
        return True

    def _setMyShortDescription(self, p: JSON) -> bool:
        text = str(p.get("short_description", ""))
        if len(text) > 120:
            raise bad_request("BOT_ABOUT_INVALID")
        self.short_descriptions[str(p.get("language_code", ""))] = text
        return True

    def _getMyDescription(self, p: JSON) -> JSON:
        return {"description": self.descriptions.get(str(p.get("language_code", "")), "")}

    def _getMyShortDescription(self, p: JSON) -> JSON:
        lang = str(p.get("language_code", ""))
        return {"short_description": self.short_descriptions.get(lang, "")}

    # -- chats ----------------------------------------------------------------------------------

    def _sendable_chat(self, chat_id: Any) -> JSON:
        """The chat the bot may post to, or the error Telegram gives for it."""
        if not isinstance(chat_id, int):
            raise bad_request("chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        chat = self._chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        status = self._bot_status.get(chat_id)
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {chat['type']} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {chat['type']} chat")
        return chat

    def _known_chat(self, chat_id: Any) -> JSON:
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _getChat(self, p: JSON) -> JSON:
        return obj.chat_full_info(self._known_chat(p.get("chat_id")))

    def _getChatMember(self, p: JSON) -> JSON:
        chat = self._known_chat(p.get("chat_id"))
        user_id = p.get("user_id")
        if user_id == self.bot_id:
            return obj.chat_member(self.bot_user, self._bot_status.get(chat["id"], "member"))
        member = self._users.get(user_id) if isinstance(user_id, int) else None
        if member is None:
            raise bad_request("PARTICIPANT_ID_INVALID")
        return obj.chat_member(member, "member")

    def _leaveChat(self, p: JSON) -> bool:
        chat = self._sendable_chat(p.get("chat_id"))
        if chat["type"] == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self._bot_status[chat["id"]] = "left"
        self._admin_chats.discard(chat["id"])
        return True

    def _sendChatAction(self, p: JSON) -> bool:
        self._sendable_chat(p.get("chat_id"))
        if not p.get("action"):
            raise bad_request("wrong parameter action in request")
        return True

    # -- messages -------------------------------------------------------------------------------

    def _reply_target(self, chat_id: int, p: JSON) -> JSON | None:
        params = p.get("reply_parameters")
        if isinstance(params, dict):
            target, lenient = params.get("message_id"), params.get("allow_sending_without_reply")
        elif "reply_to_message_id" in p:
            target, lenient = p["reply_to_message_id"], p.get("allow_sending_without_reply")
        else:
            return None
        found = self._messages.get((chat_id, target)) if isinstance(target, int) else None
        if found is None and not lenient:
            raise bad_request("message to be replied not found")
        return found

    def _record(self, method: str, p: JSON, msg: JSON | None, chat_id: int | None) -> None:
        replied = msg.get("reply_to_message") if msg else None
        self.sent.append(
            {
                "method": method,
                "chat_id": chat_id,
                "message_id": msg["message_id"] if msg else None,
                "text": p.get("text", msg.get("text") if msg else None),
                "plain": msg.get("text") if msg else p.get("text"),
                "parse_mode": p.get("parse_mode"),
                "reply_to_message_id": replied["message_id"] if replied else None,
                "reply_parameters": p.get("reply_parameters"),
                "reply_markup": p.get("reply_markup"),
                "message_thread_id": p.get("message_thread_id"),
                "entities": msg.get("entities", []) if msg else [],
                "params": p,
            }
        )
        self._on_sent()

    def _sendMessage(self, p: JSON) -> JSON:
        chat = self._sendable_chat(p.get("chat_id"))
        text, entities = obj.text_and_entities(
            p.get("text"), p.get("parse_mode"), p.get("entities")
        )
        obj.check_reply_markup(p.get("reply_markup"))
        replied = self._reply_target(chat["id"], p)
        msg = self._new_message(
            chat,
            self.bot_user,
            text,
            entities,
            reply_to=replied,
            thread_id=p.get("message_thread_id"),
        )
        markup = _inline_part(p.get("reply_markup"))
        if markup:
            msg["reply_markup"] = markup
        self._record("sendMessage", p, msg, chat["id"])
        return msg

    def _own_message(self, p: JSON, verb: str) -> JSON:
        chat_id, message_id = p.get("chat_id"), p.get("message_id")
        if not isinstance(chat_id, int) or not isinstance(message_id, int):
            raise bad_request(f"message to {verb} not found")
        self._sendable_chat(chat_id)
        msg = self._messages.get((chat_id, message_id))
        if msg is None:
            raise bad_request(f"message to {verb} not found")
        if msg["from"]["id"] != self.bot_id:
            raise bad_request(f"message can't be {verb}ed")
        return msg

    def _apply_edit(self, method: str, p: JSON, msg: JSON, text: str, ents: list[JSON]) -> JSON:
        markup = _inline_part(p.get("reply_markup"))
        if (
            msg.get("text") == text
            and msg.get("entities", []) == ents
            and msg.get("reply_markup") == markup
        ):
            raise bad_request(_NOT_MODIFIED)
        msg["text"], msg["edit_date"] = text, obj.now()
        for key, value in (("entities", ents), ("reply_markup", markup)):
            if value:
                msg[key] = value
            else:
                msg.pop(key, None)
        self._record(method, p, msg, msg["chat"]["id"])
        return msg

    def _editMessageText(self, p: JSON) -> JSON | bool:
        text, ents = obj.text_and_entities(p.get("text"), p.get("parse_mode"), p.get("entities"))
        obj.check_reply_markup(p.get("reply_markup"))
        if "inline_message_id" in p:
            self._record("editMessageText", p, None, None)
            return True
        return self._apply_edit("editMessageText", p, self._own_message(p, "edit"), text, ents)

    def _editMessageReplyMarkup(self, p: JSON) -> JSON | bool:
        obj.check_reply_markup(p.get("reply_markup"))
        if "inline_message_id" in p:
            self._record("editMessageReplyMarkup", p, None, None)
            return True
        msg = self._own_message(p, "edit")
        method = "editMessageReplyMarkup"
        return self._apply_edit(method, p, msg, msg.get("text", ""), msg.get("entities", []))

    def _deleteMessage(self, p: JSON) -> bool:
        chat_id, message_id = p.get("chat_id"), p.get("message_id")
        chat = self._sendable_chat(chat_id)
        msg = self._messages.get((chat["id"], message_id)) if isinstance(message_id, int) else None
        if msg is None:
            raise bad_request("message to delete not found")
        others = msg["from"]["id"] != self.bot_id
        if (
            others
            and chat["type"] != "private"
            and self._bot_status.get(chat["id"]) != "administrator"
        ):
            raise bad_request("message can't be deleted")
        del self._messages[(chat["id"], msg["message_id"])]
        self.deleted.append((chat["id"], msg["message_id"]))
        return True

    # -- queries --------------------------------------------------------------------------------

    def _answerCallbackQuery(self, p: JSON) -> bool:
        if len(str(p.get("text", ""))) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self._query(self._callback_queries, p.get("callback_query_id"))
        return True

    def _answerInlineQuery(self, p: JSON) -> bool:
        results = p.get("results")
        obj.check_inline_results(results)
        qid = str(p.get("inline_query_id"))
        self._query(self._inline_queries, qid)
        self.inline_answers[qid] = list(results or [])
        return True
