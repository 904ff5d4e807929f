"""Bot API wire format for the fake: request decoding, error type, JSON object builders, checks.

Everything here is pure: it turns python-telegram-bot's form fields into Python values, builds
the JSON objects Telegram returns (User, Chat, Message, ChatMember, ...) with the fields
python-telegram-bot requires, and validates what Telegram validates on the way in (inline
keyboards, message text, bot commands).
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from .telegram_html import EntityParseError, parse_html

JSON = dict[str, Any]

# python-telegram-bot sends form fields: strings as they are, everything else JSON-encoded.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "link_preview_options",
        "results",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "caption_entities",
        "button",
        "rights",
        "reaction",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "reply_to_message_id",
        "message_thread_id",
        "user_id",
        "cache_time",
        "from_chat_id",
        "max_connections",
    }
)
_BOOL_WORDS = {"true": True, "false": False}
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
MAX_TEXT = 4096
MAX_CALLBACK_DATA_BYTES = 64
TOO_OLD_QUERY = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """A Bot API error answer: HTTP status, description and optional ResponseParameters."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


def decode_params(raw: dict[str, Any]) -> JSON:
    """Typed parameters from form fields (all strings) or a JSON body (already typed)."""
    params: JSON = {}
    for key, value in raw.items():
        if isinstance(value, str):
            if key in _JSON_FIELDS:
                try:
                    value = json.loads(value)
                except ValueError as exc:
                    raise bad_request(f"can't parse {key} JSON object") from exc
            elif key in _INT_FIELDS:
                if value.lstrip("-").isdigit():  # "@channelname" chat ids stay strings
                    value = int(value)
            elif value in _BOOL_WORDS and key not in ("text", "query", "data", "description"):
                value = _BOOL_WORDS[value]
        params[key] = value
    return params


def now() -> int:
    return int(time.time())


def user(user_id: int, first_name: str, *, username: str | None = None) -> JSON:
    obj: JSON = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
    if username:
        obj["username"] = username
    return obj


def private_chat(who: JSON) -> JSON:
    return {"id": who["id"], "type": "private", "first_name": who["first_name"]}


def group_chat(chat_id: int, chat_type: str) -> JSON:
    return {"id": chat_id, "type": chat_type, "title": f"Test group {chat_id}"}


def chat_full_info(chat: JSON) -> JSON:
    """getChat's ChatFullInfo: the Chat plus the fields python-telegram-bot 22 requires."""
    gifts = dict.fromkeys(
        (
            "unlimited_gifts",
            "limited_gifts",
            "unique_gifts",
            "premium_subscription",
            "gifts_from_channels",
        ),
        False,
    )
    return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


def chat_member(member: JSON, status: str) -> JSON:
    """A ChatMember of the given status; administrators carry every required right."""
    if status == "kicked":
        return {"user": member, "status": status, "until_date": 0}  # 0: banned for ever
    if status != "administrator":
        return {"user": member, "status": status}
    rights = dict.fromkeys(
        (
            "is_anonymous",
            "can_manage_video_chats",
            "can_restrict_members",
            "can_promote_members",
            "can_change_info",
            "can_post_stories",
            "can_edit_stories",
            "can_delete_stories",
        ),
        False,
    )
    rights.update(
        can_be_edited=False,
        can_manage_chat=True,
        can_delete_messages=True,
        can_invite_users=True,
        can_pin_messages=True,
    )
    return {"user": member, "status": status, **rights}


def text_and_entities(text: Any, parse_mode: Any, entities: Any = None) -> tuple[str, list[JSON]]:
    """Message text after entity parsing, checked against Telegram's limits."""
    if not isinstance(text, str):
        raise bad_request("message text is empty")
    if isinstance(parse_mode, str) and parse_mode:
        mode = parse_mode.lower()
        if mode == "html":
            try:
                plain, found = parse_html(text)
            except EntityParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from exc
        elif mode in ("markdown", "markdownv2"):
            plain, found = text.strip(), []  # the bot uses HTML; Markdown is not checked
        else:
            raise bad_request("unsupported parse_mode")
    else:
        plain, found = text.strip(), list(entities or [])
    if not plain:
        raise bad_request("message text is empty")
    if len(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return plain, found


def check_reply_markup(markup: Any) -> None:
    """Validate an inline keyboard like Telegram (callback data 1-64 bytes, one action each)."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return  # reply keyboards, ForceReply and ReplyKeyboardRemove are not checked
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array')
    for row in rows:
        for button in row:
            _check_button(button)


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad_request("BUTTON_TEXT_INVALID")
    if "callback_data" in button:
        data = button["callback_data"]
        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    elif "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
    elif not any(key.startswith(("switch_inline", "web_app", "login", "copy")) for key in button):
        raise bad_request("text buttons are unallowed in the inline keyboard")


def check_commands(commands: Any) -> list[JSON]:
    """setMyCommands' list: at most 100, lower-case names of 1-32 chars, descriptions 1-256."""
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        name = command.get("command", "") if isinstance(command, dict) else ""
        if not _COMMAND_NAME.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(command.get("description", "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def check_inline_results(results: Any) -> None:
    """answerInlineQuery's results: at most 50, unique ids of 1-64 bytes, valid message text."""
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > 50:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        rid = str(result.get("id", ""))
        if not 1 <= len(rid.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if rid in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(rid)
        content = result.get("input_message_content")
        if isinstance(content, dict) and "message_text" in content:
            text_and_entities(content["message_text"], content.get("parse_mode"))
        check_reply_markup(result.get("reply_markup"))
