"""Telegram's text rules for the fake Bot API: HTML parse mode and the entities of user text.

`parse_html` accepts what Telegram's HTML parse mode accepts and raises `EntityParseError`
(worded like Telegram's "can't parse entities" reasons) for what it rejects: unsupported tags,
bad nesting, unclosed tags, a bare `<` or `&`. It returns the plain text and the message
entities Telegram would attach. One deliberate difference: Telegram keeps an `&` that does not
start an entity as text, the fake rejects it, so unescaped user text shows up in tests.
Offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import html
import re
from typing import Any

# Tag -> entity type; span, a, code, pre, blockquote and tg-emoji get extra handling below.
_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTR_NAME = re.compile(r"[A-Za-z0-9_-]+")
_END_TAG = re.compile(r"</([A-Za-z][A-Za-z0-9-]*)\s*>")
_UNQUOTED = re.compile(r"[^\s>\"'=<`]+")
# A command is `/name` or `/name@botname` at the start or after whitespace (Telegram's rule
# for highlighting); a mention is `@username` (5-32 characters) not glued to a word.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@/])")
_MENTION = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{5,32}(?!\w)")


class EntityParseError(ValueError):
    """Telegram's reason for "Bad Request: can't parse entities: <reason>"."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Bot API entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def _parse_start_tag(src: str, i: int) -> tuple[str, dict[str, str], int]:
    """Parse `<name attr="v" ...>` at src[i]; return (lower-case name, attributes, end index)."""
    m = _TAG_NAME.match(src, i + 1)
    if m is None:
        raise EntityParseError(f'Unsupported start tag "" at byte offset {_byte_offset(src, i)}')
    name = m.group(0).lower()
    if name not in _SIMPLE_TAGS:
        raise EntityParseError(
            f'Unsupported start tag "{name}" at byte offset {_byte_offset(src, i)}'
        )
    attrs: dict[str, str] = {}
    j = m.end()
    n = len(src)
    while True:
        while j < n and src[j].isspace():
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(src, i)}")
        if src[j] == ">":
            return name, attrs, j + 1
        am = _ATTR_NAME.match(src, j)
        if am is None:
            raise EntityParseError(
                f'Empty attribute name in the tag "{name}" at byte offset {_byte_offset(src, j)}'
            )
        key = am.group(0).lower()
        j = am.end()
        while j < n and src[j].isspace():
            j += 1
        if j < n and src[j] == "=":
            j += 1
            while j < n and src[j].isspace():
                j += 1
            if j < n and src[j] in "\"'":
                close = src.find(src[j], j + 1)
                if close < 0:
                    raise EntityParseError(
                        f'Unclosed start tag "{name}" at byte offset {_byte_offset(src, i)}'
                    )
                raw, j = src[j + 1 : close], close + 1
            else:
                vm = _UNQUOTED.match(src, j)
                if vm is None:
                    raise EntityParseError(
                        f'Expected equal sign in declaration of an attribute of the tag "{name}"'
                        f" at byte offset {_byte_offset(src, j)}"
                    )
                raw, j = vm.group(0), vm.end()
            attrs[key] = html.unescape(raw)
        else:
            attrs[key] = ""


def _entity_for(name: str, attrs: dict[str, str], src: str, at: int) -> dict[str, Any] | None:
    """The entity a start tag opens (offset and length filled in at its end tag)."""
    kind = _SIMPLE_TAGS[name]
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise EntityParseError(
            f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(src, at)}'
        )
    if name == "a":
        href = attrs.get("href")
        return {"type": "text_link", "url": href} if href else None
    if name == "tg-emoji":
        if not attrs.get("emoji-id"):
            raise EntityParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset '
                f"{_byte_offset(src, at)}"
            )
        return {"type": kind, "custom_emoji_id": attrs["emoji-id"]}
    if name == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    if name == "code" and attrs.get("class", "").startswith("language-"):
        return {"type": kind, "language": attrs["class"][len("language-") :]}
    return {"type": kind}


def parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of `src` in HTML parse mode; raise EntityParseError if invalid."""
    out: list[str] = []
    pos = 0  # UTF-16 offset of the end of `out`
    stack: list[tuple[str, dict[str, Any] | None, int]] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(src)
    while i < n:
        lt, amp = src.find("<", i), src.find("&", i)
        nxt = min(k for k in (lt, amp, n) if k >= 0)
        if nxt > i:
            chunk = src[i:nxt]
            out.append(chunk)
            pos += utf16_len(chunk)
            i = nxt
            continue
        if src[i] == "&":
            m = _ENTITY.match(src, i)
            if m is None:
                raise EntityParseError(
                    f"Unsupported HTML entity or bare '&' at byte offset {_byte_offset(src, i)}"
                )
            try:
                chunk = html.unescape(m.group(0))
            except (ValueError, OverflowError):  # pragma: no cover - unescape is lenient
                chunk = "\ufffd"
            out.append(chunk)
            pos += utf16_len(chunk)
            i = m.end()
        elif src.startswith("</", i):
            m = _END_TAG.match(src, i)
            if m is None:
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(src, i)}")
            name = m.group(1).lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(src, i)}")
            open_name, entity, start = stack.pop()
            if name != open_name:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(src, i)}, "
                    f'expected "</{open_name}>", found "</{name}>"'
                )
            if entity is not None and pos > start:
                entities.append({**entity, "offset": start, "length": pos - start})
            i = m.end()
        else:
            name, attrs, end = _parse_start_tag(src, i)
            stack.append((name, _entity_for(name, attrs, src, i), pos))
            i = end
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return _strip("".join(out), _merge_pre_language(entities))


def _merge_pre_language(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`<pre><code class="language-x">` is one pre entity with a language, as in Telegram."""
    pres = {(e["offset"], e["length"]): e for e in entities if e["type"] == "pre"}
    merged: list[dict[str, Any]] = []
    for e in entities:
        pre = pres.get((e["offset"], e["length"]))
        if e["type"] == "code" and pre is not None:
            if "language" in e:
                pre["language"] = e["language"]
            continue
        if e["type"] == "code":
            e.pop("language", None)  # a standalone code tag has no language
        merged.append(e)
    return merged


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Telegram trims leading and trailing whitespace and clips the entities to what is left."""
    stripped = text.strip()
    if stripped == text:
        entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return text, entities
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    end = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for e in entities:
        a = min(max(e["offset"] - lead, 0), end)
        b = min(max(e["offset"] + e["length"] - lead, 0), end)
        if b > a:
            kept.append({**e, "offset": a, "length": b - a})
    kept.sort(key=lambda e: (e["offset"], -e["length"]))
    return stripped, kept


def addressed_words(text: str) -> list[tuple[str, int, str]]:
    """(kind, str index, word) of each bot command and mention in a user's text, in order."""
    found = [
        (kind, m.start(), m.group(0))
        for kind, pattern in (("bot_command", _COMMAND), ("mention", _MENTION))
        for m in pattern.finditer(text)
    ]
    found.sort(key=lambda item: item[1])
    return found


def text_entities(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities Telegram attaches to a user's plain text message."""
    return [
        {"type": kind, "offset": utf16_len(text[:index]), "length": utf16_len(word)}
        for kind, index, word in addressed_words(text)
    ]
