"""Rendering replies: Telegram HTML (escaped, split under the limit, tags balanced), plain
text with the quote, and the ``ask --json`` object of DESIGN §6.
"""

from __future__ import annotations

import re

from newsbot.engine import Engine
from newsbot.render import as_json, escape, html, plain
from newsbot.reply import Reply, Suggestion

TAGS = ("b", "i", "blockquote")


def balanced(chunk: str) -> bool:
    """Every supported tag opened in the chunk is closed in it, in order."""
    stack: list[str] = []
    for closing, tag in re.findall(r"<(/?)(\w+)>", chunk):
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return False
    return not stack


def markup_free(chunk: str) -> str:
    """The chunk without the tags render emits; what is left must hold no raw < or >."""
    return re.sub(r"</?(?:b|i|blockquote)>", "", chunk)


def test_escape() -> None:
    assert escape("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d"


def test_html_escapes_reply_and_article_text() -> None:
    reply = Reply(
        text="Tom & Jerry <script>alert(1)</script>",
        handler="topic",
        topic="t",
        grounded=True,
        quote="x < y > z & w",
        title="<b>Title</b>",
        suggestions=(Suggestion("t", "A <i> & B"),),
    )
    for chunk in html(reply):
        rest = markup_free(chunk)
        assert "<" not in rest
        assert ">" not in rest
        assert re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", chunk) is None
    joined = "".join(html(reply))
    assert "Tom &amp; Jerry &lt;script&gt;" in joined
    assert "<blockquote>x &lt; y &gt; z &amp; w</blockquote>" in joined


def test_engine_reply_html_escapes_user_text(engine: Engine) -> None:
    for chunk in html(engine.answer("<b>hi</b> & <i>bye</i>")):
        assert balanced(chunk)


def test_long_reply_splits_into_balanced_chunks() -> None:
    long_replies = [
        Reply(text="word & <x> " * 1000, handler="topic", title="Title", quote="q < & " * 1700),
        Reply(text="a" * 10_000, handler="topic", title="T", quote="b" * 5000),
        Reply(text=("One sentence. " * 60 + "\n\n") * 12, handler="topic", quote="z " * 3000),
        Reply(text="&" * 10_000, handler="fallback"),
    ]
    for reply in long_replies:
        chunks = html(reply)
        assert len(chunks) >= 2
        for chunk in chunks:
            assert 0 < len(chunk) <= 4096
            assert balanced(chunk), chunk[:80]
            assert re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", chunk) is None


def test_plain_includes_the_quote(engine: Engine) -> None:
    reply = engine.answer("why did china block kpop lol")
    assert reply.quote
    assert reply.quote.strip("“”") in plain(reply)
    assert reply.text in plain(reply)


def test_as_json_has_the_documented_keys_and_types(engine: Engine) -> None:
    for question in ("who is Zhao Leji?", "what's the weather in Paris", "hi"):
        obj = as_json(question, engine.answer(question))
        assert set(obj) == {
            "question",
            "answer",
            "handler",
            "topic",
            "score",
            "grounded",
            "suggestions",
            "citations",
        }
        assert obj["question"] == question
        assert isinstance(obj["answer"], str)
        assert obj["answer"]
        assert isinstance(obj["handler"], str)
        assert obj["topic"] is None or isinstance(obj["topic"], str)
        assert obj["score"] is None or (
            isinstance(obj["score"], float) and 0 <= obj["score"] <= 100
        )
        assert isinstance(obj["grounded"], bool)
        assert isinstance(obj["suggestions"], list)
        for suggestion in obj["suggestions"]:
            assert set(suggestion) == {"topic", "title"}
            assert all(isinstance(v, str) for v in suggestion.values())
        assert isinstance(obj["citations"], list)
        assert all(isinstance(c, str) for c in obj["citations"])


def test_as_json_answer_holds_no_suggestions(engine: Engine) -> None:
    reply = engine.answer("what's the weather in Paris")
    answer = as_json("q", reply)["answer"]
    assert all(s.title not in answer for s in reply.suggestions)
