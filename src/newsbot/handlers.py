"""One function per kind of answer: each turns digest content into a :class:`Reply`.

Handlers decide wording and buttons, never routing (that is :mod:`newsbot.engine`) and never
markup (that is :mod:`newsbot.render`). Every grounded answer carries the article sentence it
rests on, so the reader can check it.
"""

from __future__ import annotations

from newsbot.digest import Digest, Entity, Topic, normalise_quotes, split_sentences
from newsbot.reply import Button, Reply, Suggestion
from newsbot.wording import Query, content_stems, tokens

GREETING = "Hi! I answer questions about one article: “{title}”."
DECLINE = "The article doesn’t say."
MAX_TEXT = 1200


class Handlers:
    """Builds replies from one digest (sentence lookup is prepared once)."""

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.sentences = split_sentences(digest.text)
        self._plain_sentences = [normalise_quotes(s) for s in self.sentences]
        self._stems: dict[str, frozenset[str]] = {}  # per citation, filled as they are used
        self._sentence: dict[str, str] = {}

    # -- helpers -----------------------------------------------------------------------------

    def sentence_of(self, cite: str) -> str:
        """The whole article sentence that contains ``cite`` (or the cite itself)."""
        found = self._sentence.get(cite)
        if found is None:
            needle = normalise_quotes(cite)
            plain = zip(self.sentences, self._plain_sentences, strict=True)
            found = next((sentence for sentence, text in plain if needle in text), cite)
            self._sentence[cite] = found  # citations are few and fixed: this stays small
        return found

    def best_cite(self, topic: Topic, query: Query | None) -> str:
        """The topic's citation sharing most words with the question (the first on a tie)."""
        if query is None or len(topic.cites) == 1:
            return topic.cites[0]
        wanted = set(query.stems)
        return max(topic.cites, key=lambda c: len(wanted & self._cite_stems(c)))

    def _cite_stems(self, cite: str) -> frozenset[str]:
        found = self._stems.get(cite)
        if found is None:
            found = self._stems[cite] = frozenset(content_stems(tokens(cite)))
        return found

    def suggestion(self, topic_id: str) -> Suggestion:
        topic = self.digest.topic(topic_id)
        return Suggestion(topic_id, topic.title if topic else topic_id)

    def related_buttons(self, ids: tuple[str, ...] | list[str], limit: int = 2) -> list[Button]:
        return [
            Button(self.suggestion(topic_id).title, "topic", topic_id) for topic_id in ids[:limit]
        ]

    # -- grounded answers --------------------------------------------------------------------

    def topic(self, topic: Topic, query: Query | None, score: float | None) -> Reply:
        cite = self.best_cite(topic, query)
        buttons = [Button("Tell me more", "more", topic.id)] if topic.more else []
        buttons += self.related_buttons(list(topic.related))
        return Reply(
            text=topic.answer,
            handler="topic",
            topic=topic.id,
            score=score,
            grounded=True,
            quote=self.sentence_of(cite),
            citations=tuple(self.sentence_of(c) for c in topic.cites),
            buttons=tuple(buttons),
            title=topic.title,
        )

    def more(self, topic: Topic) -> Reply:
        text = topic.more or topic.answer
        related = list(topic.related)
        return Reply(
            text=text,
            handler="followup",
            topic=topic.id,
            grounded=True,
            quote=self.sentence_of(topic.cites[-1]),
            citations=tuple(self.sentence_of(c) for c in topic.cites),
            buttons=tuple(self.related_buttons(related, 3)),
            title=topic.title,
        )

    def pair(self, first: Topic, second: Topic, query: Query, score: float) -> Reply:
        """Two topics fit about equally well: answer with both, the better one first."""
        text = f"{first.answer} {second.answer}"
        if len(text) > 600:
            text = f"{_first_sentence(first.answer)} {_first_sentence(second.answer)}"
        return Reply(
            text=text,
            handler="topic",
            topic=first.id,
            score=score,
            grounded=True,
            quote=self.sentence_of(self.best_cite(first, query)),
            citations=tuple(self.sentence_of(c) for c in (*first.cites, *second.cites)),
            buttons=(
                Button("Tell me more", "more", first.id),
                *self.related_buttons([second.id, *first.related]),
            ),
            title=f"{first.title} · {second.title}",
        )

    def entity(self, entity: Entity) -> Reply:
        return Reply(
            text=entity.description,
            handler="entity",
            topic=entity.topics[0] if entity.topics else None,
            score=100.0,
            grounded=True,
            quote=self.sentence_of(entity.cites[0]),
            citations=tuple(self.sentence_of(c) for c in entity.cites),
            buttons=tuple(self.related_buttons(list(entity.topics), 3)),
            title=entity.name,
        )

    def quotes(self, topic_id: str | None) -> Reply:
        quotes = [q for q in self.digest.quotes if topic_id is None or q.topic == topic_id]
        quotes = quotes or list(self.digest.quotes)
        parts = []
        for quote in quotes:
            said = quote.text.rstrip(",. ")
            where = f" ({quote.context})" if quote.context else ""
            parts.append(f"{quote.speaker}{where}: “{said}.”")
        topic = quotes[0].topic if len(quotes) == 1 else topic_id
        return Reply(
            text="\n".join(parts),
            handler="quote",
            topic=topic,
            grounded=True,
            citations=tuple(self.sentence_of(q.text) for q in quotes),
            buttons=tuple(self.related_buttons([q.topic for q in quotes if q.topic], 2)),
            title="Quotes",
        )

    def summary(self) -> Reply:
        summary = self.digest.summary
        return Reply(
            text=summary.text,
            handler="summary",
            grounded=True,
            citations=tuple(self.sentence_of(c) for p in summary.points for c in p.cites),
            buttons=(Button("All topics", "topics"),),
            suggestions=tuple(self.suggestion(t.id) for t in self.digest.topics[:3]),
            title=self.digest.article.headline or self.digest.article.title,
        )

    def briefing(self) -> Reply:
        points = "\n".join(f"• {p.text}" for p in self.digest.summary.points)
        article = self.digest.article
        return Reply(
            text=f"{article.headline or article.title}\n\n{points}",
            handler="briefing",
            grounded=True,
            citations=tuple(
                self.sentence_of(c) for p in self.digest.summary.points for c in p.cites
            ),
            buttons=tuple(Button(t.title, "topic", t.id) for t in self.digest.topics),
            title="Briefing",
        )

    def source(self) -> Reply:
        article = self.digest.article
        disclaimer = [s for s in self.sentences if "warranty" in s or "liability" in s]
        text = (
            f"The article “{article.title}” is distributed by {article.publisher}. "
            "Its legal disclaimer says the content is provided “as is” without warranty of any "
            "kind, that the distributor accepts no responsibility or liability for its accuracy, "
            "and that complaints or copyright issues should go to the author."
        )
        return Reply(
            text=text,
            handler="source",
            grounded=True,
            quote=disclaimer[0] if disclaimer else None,
            citations=tuple(disclaimer),
            title="Source",
        )

    # -- not grounded ------------------------------------------------------------------------

    def topics(self) -> Reply:
        lines = "\n".join(f"• {t.title}" for t in self.digest.topics)
        return Reply(
            text=f"Topics in this article:\n{lines}",
            handler="topics",
            buttons=tuple(Button(t.title, "topic", t.id) for t in self.digest.topics),
            title="Topics",
        )

    def help(self) -> Reply:
        title = self.digest.article.title
        text = (
            f"{GREETING.format(title=title)} Ask in your own words, e.g. “why is Lee going?”, "
            "“who is Zhao Leji?” or “tl;dr”. Commands: /summary, /topics, /briefing, /source, "
            "/ask <question>, /forget (erase what you asked)."
        )
        return Reply(text=text, handler="help", buttons=(Button("All topics", "topics"),))

    def chitchat(self, kind: str) -> Reply:
        title = self.digest.article.title
        texts = {
            "greeting": f"{GREETING.format(title=title)} What would you like to know?",
            "thanks": "You’re welcome! Ask another question any time, or see /topics.",
            "bye": "Bye! Come back with more questions about the article.",
            "identity": (
                f"I’m a bot, not a person: I answer from one article, “{title}”, and say so "
                "when it doesn’t cover something."
            ),
            "ack": "Anything else you’d like to know about the article? Try /topics.",
        }
        return Reply(
            text=texts.get(kind, texts["ack"]),
            handler="chitchat",
            buttons=(Button("Summary", "summary"), Button("All topics", "topics")),
        )

    def start(self) -> Reply:
        summary = _first_sentence(self.digest.summary.text)
        return Reply(
            text=f"{GREETING.format(title=self.digest.article.title)} In short: {summary} "
            "Ask me anything about it, or pick a topic.",
            handler="chitchat",
            buttons=tuple(Button(t.title, "topic", t.id) for t in self.digest.topics),
        )

    def decline(
        self, reason: str, near: list[str], score: float | None = None, topic: str | None = None
    ) -> Reply:
        """The honest "not in the article" reply, with what it says nearby as suggestions."""
        ids = list(dict.fromkeys([*near, *(t.id for t in self.digest.topics[:3])]))[:3]
        suggestions = tuple(self.suggestion(i) for i in ids if self.digest.topic(i))
        return Reply(
            text=reason,
            handler="fallback",
            topic=topic,
            score=score,
            suggestions=suggestions,
            buttons=tuple(Button(s.title, "topic", s.topic) for s in suggestions),
        )


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]
