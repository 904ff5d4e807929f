"""The digest: an editor's structured reading of one article, loaded and checked.

A digest is a TOML file next to its article (``seeds/<name>.toml`` beside ``<name>.txt``).
Loading validates the schema with pydantic and then checks it against the article text:
every citation occurs verbatim (typographic quotes normalised), every number and capitalised
name in an answer occurs in the article (or the digest's allow-list), ids are well formed and
unique, and ``related`` ids exist. Any problem raises :class:`DigestError` naming the file, the
field and the reason in one line.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

TopicId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]{1,40}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "´": "'"})
_NAME = re.compile(r"\b[A-Z][\w’'-]*")
_NUMBER = re.compile(r"\d+")
#: Capitalised only because they open a sentence; never names.
_FUNCTION_WORDS = frozenset(
    "a after also and as at both but during for from he her his in it its meanwhile "
    "on she so that the their then there they this those when while with".split()
)


class DigestError(Exception):
    """A digest that cannot be used; the message is ``file: field: reason``."""

    def __init__(self, path: Path | str, field: str, reason: str) -> None:
        self.path, self.field, self.reason = str(path), field, reason
        super().__init__(f"{path}: {field}: {reason}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(_Model):
    title: Text
    source: Text
    publisher: str = ""
    date: str = ""
    headline: str = ""
    disclaimer: str = ""
    allow: tuple[str, ...] = ()


class Point(_Model):
    text: Text
    cites: tuple[Text, ...] = Field(min_length=1)


class Summary(_Model):
    text: Text
    points: tuple[Point, ...] = Field(min_length=3, max_length=6)


class Topic(_Model):
    id: TopicId
    title: Text
    keywords: tuple[Text, ...] = Field(min_length=1)
    #: Words naming what the topic is about (K-pop, BTS, THAAD): they place a question near
    #: the topic but ask nothing, so "when is the next BTS concert" is not about the ban.
    subjects: tuple[Text, ...] = ()
    questions: tuple[Text, ...] = ()
    answer: Text
    more: str = ""
    cites: tuple[Text, ...] = Field(min_length=1)
    related: tuple[TopicId, ...] = ()


class Entity(_Model):
    name: Text
    aliases: tuple[Text, ...] = ()
    description: Text
    topics: tuple[TopicId, ...] = ()
    cites: tuple[Text, ...] = Field(min_length=1)


class Quote(_Model):
    speaker: Text
    text: Text
    context: str = ""
    topic: TopicId | None = None


class Digest(_Model):
    article: Article
    summary: Summary
    topics: tuple[Topic, ...] = Field(min_length=1)
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    #: The article text, attached at load time (not part of the TOML file).
    text: str = ""

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        return _topics_by_id(self.topics).get(topic_id)


_BY_ID: dict[int, tuple[tuple[Topic, ...], dict[str, Topic]]] = {}


def _topics_by_id(topics: tuple[Topic, ...]) -> dict[str, Topic]:
    """Topics by id, remembered per topics tuple (by identity: a model_copy with new topics
    gets its own table, and hashing frozen models on every lookup would cost more than a scan)."""
    entry = _BY_ID.get(id(topics))
    if entry is None or entry[0] is not topics:
        if len(_BY_ID) > 64:
            _BY_ID.clear()
        entry = _BY_ID[id(topics)] = (topics, {t.id: t for t in topics})
    return entry[1]


def normalise_quotes(text: str) -> str:
    """Typographic quotes to ASCII and runs of whitespace to one space (for citation checks)."""
    return " ".join(text.translate(_QUOTES).split())


def split_sentences(text: str) -> list[str]:
    """The article's sentences, one per element, in order (lines, then sentence ends)."""
    sentences: list[str] = []
    for line in text.splitlines():
        parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[“\"A-Z])", line.strip())
        sentences.extend(p.strip() for p in parts if p.strip())
    return sentences


def load(path: Path | str) -> Digest:
    """Read, validate and check a digest file; raises :class:`DigestError`."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DigestError(path, "file", "not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DigestError(path, "file", f"unreadable ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise DigestError(path, "toml", f"not valid TOML ({exc})") from None
    try:
        digest = Digest.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = (
            "".join(
                f"[{part}]" if isinstance(part, int) else f".{part}" for part in first["loc"]
            ).lstrip(".")
            or "digest"
        )
        raise DigestError(path, where, first["msg"]) from None
    article_path = path.parent / digest.article.source
    try:
        text = article_path.read_text(encoding="utf-8")
    except OSError:
        raise DigestError(
            path, "article.source", f"article file {article_path} not found"
        ) from None
    digest = digest.model_copy(update={"text": text})
    check(digest, path)
    return digest


def check(digest: Digest, path: Path | str) -> None:
    """Cross-checks against the article; raises :class:`DigestError` on the first problem."""
    article = normalise_quotes(digest.text)
    allowed = set(digest.article.allow)

    def cited(field: str, cites: tuple[str, ...]) -> None:
        for i, cite in enumerate(cites):
            if normalise_quotes(cite) not in article:
                raise DigestError(path, f"{field}[{i}]", f"citation not in the article: {cite!r}")

    def stated(field: str, text: str) -> None:
        for name in _NAME.findall(text):
            for part in name.split("-"):
                word = part.rstrip("’'").removesuffix("’s").removesuffix("'s")
                if not word or word in allowed or word.lower() in _FUNCTION_WORDS:
                    continue
                if not _occurs(word, article):
                    raise DigestError(path, field, f"{word!r} does not occur in the article")
        for number in _NUMBER.findall(text):
            if number not in allowed and not re.search(rf"(?<!\d){number}(?!\d)", article):
                raise DigestError(path, field, f"number {number} does not occur in the article")

    ids = [t.id for t in digest.topics]
    seen: set[str] = set()
    for i, topic in enumerate(digest.topics):
        where = f"topics[{i}]"
        if topic.id in seen:
            raise DigestError(path, f"{where}.id", f"duplicate topic id {topic.id!r}")
        seen.add(topic.id)
        cited(f"{where}.cites", topic.cites)
        stated(f"{where}.answer", topic.answer)
        stated(f"{where}.more", topic.more)
        for rel in topic.related:
            if rel not in ids:
                raise DigestError(path, f"{where}.related", f"unknown topic id {rel!r}")
    for i, point in enumerate(digest.summary.points):
        cited(f"summary.points[{i}].cites", point.cites)
        stated(f"summary.points[{i}].text", point.text)
    stated("summary.text", digest.summary.text)
    for i, entity in enumerate(digest.entities):
        cited(f"entities[{i}].cites", entity.cites)
        stated(f"entities[{i}].description", entity.description)
        for ref in entity.topics:
            if ref not in ids:
                raise DigestError(path, f"entities[{i}].topics", f"unknown topic id {ref!r}")
    for i, quote in enumerate(digest.quotes):
        cited(f"quotes[{i}].text", (quote.text,))
        if quote.topic is not None and quote.topic not in ids:
            raise DigestError(path, f"quotes[{i}].topic", f"unknown topic id {quote.topic!r}")


def _occurs(word: str, article: str) -> bool:
    """True when ``word`` occurs in the article as a word, in any letter case."""
    return re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", article, re.IGNORECASE) is not None
