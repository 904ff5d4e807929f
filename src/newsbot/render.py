"""Reply -> Telegram HTML, plain text or a JSON object.

The only place that knows Telegram's markup and limits: every article or user string is
escaped, the cited sentence goes in a ``<blockquote>``, and messages are split at paragraph,
line or word boundaries into chunks of at most 4,096 characters.
"""

from __future__ import annotations

import html as _html
from typing import Any

from newsbot.reply import Reply

TELEGRAM_LIMIT = 4096


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` (and quotes) for Telegram's HTML parse mode."""
    return _html.escape(text, quote=True)


def answer_text(reply: Reply) -> str:
    """The answer a reader sees as plain text: the answer, then the quote from the article."""
    if reply.quote and reply.quote not in reply.text:
        return f"{reply.text}\n\nFrom the article: “{reply.quote.strip('“”')}”"
    return reply.text


def plain(reply: Reply) -> str:
    """Terminal rendering: the answer, then where to go next."""
    lines = [answer_text(reply)]
    if reply.suggestions:
        label = "Nearest topics" if reply.handler == "fallback" else "Topics"
        lines.append(f"{label}: " + "; ".join(s.title for s in reply.suggestions))
    elif reply.handler in ("topic", "followup", "entity", "quote"):
        related = [b.label for b in reply.buttons if b.action == "topic"]
        if related:
            lines.append("Related: " + "; ".join(related))
    return "\n".join(lines)


def as_json(question: str, reply: Reply) -> dict[str, Any]:
    """The ``ask --json`` object (DESIGN §6)."""
    return {
        "question": question,
        "answer": answer_text(reply),
        "handler": reply.handler,
        "topic": reply.topic,
        "score": reply.score,
        "grounded": reply.grounded,
        "suggestions": [{"topic": s.topic, "title": s.title} for s in reply.suggestions],
        "citations": list(reply.citations),
    }


def html(reply: Reply) -> list[str]:
    """Telegram HTML messages for a reply, each at most 4,096 characters."""
    parts = []
    if reply.title and reply.handler not in ("chitchat", "help", "fallback"):
        parts.append(f"<b>{escape(reply.title)}</b>")
    parts.append(escape(reply.text))
    if reply.quote and reply.quote not in reply.text:
        parts.append(f"<blockquote>{escape(reply.quote.strip('“”'))}</blockquote>")
    if reply.suggestions:
        label = "Nearest topics" if reply.handler == "fallback" else "Topics"
        names = ", ".join(escape(s.title) for s in reply.suggestions)
        parts.append(f"<i>{label}: {names}</i>")
    return split("\n\n".join(parts))


def split(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML text into chunks of at most ``limit`` characters without breaking tags.

    Chunks break at a blank line, a newline or a space; a tag left open at a break is closed
    at the end of the chunk and reopened at the start of the next.
    """
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = _cut_point(rest, limit - 32)
        head, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        opened = _open_tags(head)
        head += "".join(f"</{tag}>" for tag in reversed(opened))
        rest = "".join(f"<{tag}>" for tag in opened) + rest
        chunks.append(head)
    if rest.strip():
        chunks.append(rest)
    return chunks or [escape("…")]


def _cut_point(text: str, limit: int) -> int:
    for sep in ("\n\n", "\n", " "):
        cut = text.rfind(sep, 0, limit)
        if cut > limit // 2 and not _inside_tag_or_entity(text, cut):
            return cut
    cut = limit
    while cut > 0 and _inside_tag_or_entity(text, cut):
        cut -= 1
    return cut


def _inside_tag_or_entity(text: str, index: int) -> bool:
    lt, gt = text.rfind("<", 0, index), text.rfind(">", 0, index)
    amp, semi = text.rfind("&", 0, index), text.rfind(";", 0, index)
    return lt > gt or (amp > semi and index - amp < 10)


def _open_tags(text: str) -> list[str]:
    stack: list[str] = []
    i = text.find("<")
    while i >= 0:
        end = text.find(">", i)
        tag = text[i + 1 : end].split()[0] if end > i else ""
        if tag.startswith("/"):
            if stack and stack[-1] == tag[1:]:
                stack.pop()
        elif tag:
            stack.append(tag)
        i = text.find("<", end)
    return stack
