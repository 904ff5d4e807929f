"""The fuzzy keyword matcher (rapidfuzz); no I/O beyond package data.

A question arrives as a :class:`~newsbot.wording.Query` (normalised words and content stems,
see :mod:`newsbot.wording`). The :class:`Matcher` indexes the digest's
keywords, entity aliases and cited text by stem, maps each content stem of a question to
vocabulary stems (exactly, or by ``fuzz.ratio`` above a length-dependent cutoff), and scores
topics by how specific the matched stems are to each topic. Stems from everyday English
(``common_words.txt``) are *weak*: alone they never carry a topic. Words that appear all over
this article (its title words: Lee, China, Korea, visit) are *context*: they never choose a
topic but make a weak match count.

The work per question is bounded by the question's length: exact stems are dictionary hits,
fuzzy lookups scan one first-letter bucket of the vocabulary and are cached.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from rapidfuzz import fuzz, process

from newsbot.digest import Digest, split_sentences
from newsbot.wording import (
    CJK,
    SCAFFOLD,
    STOPWORDS,
    Query,
    content_stems,
    has_cjk,
    normalise,
    parse,
    stem,
    tokens,
)

__all__ = ["Matcher", "Query", "TopicMatch", "normalise", "parse"]

#: hits, in the article's context, (topic, value) pairs, common, a subject, ask share
_WordInfo = tuple[
    tuple[tuple[str, float], ...], bool, tuple[tuple[str, float], ...], bool, bool, float
]


#: A word typed without its vowels: "bjng", "mssls" (a leading vowel stays: "artcl").
_SPARE = re.compile(r"[a-z][b-df-hj-np-tv-z]{2,}")


def skeleton(word: str) -> str:
    """A word's first letter and its consonants: "beijing" -> "bjng"."""
    return word[:1] + re.sub(r"[aeiou]", "", word[1:])


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """How well one topic matches a query."""

    topic: str
    evidence: float
    strong: bool
    matched: tuple[str, ...]
    #: Evidence from distinctive words other than names: what the question asks about them.
    ask: float = 0.0
    #: The part of ``ask`` that does not come from the topic's subject words (K-pop, THAAD).
    core: float = 0.0

    @property
    def weight(self) -> float:
        """What ranks topics: all evidence, with what the question asks counted twice."""
        return self.evidence + self.ask

    @property
    def score(self) -> float:
        """Evidence on a 0-100 scale (2.5 units of evidence or more is 100)."""
        return round(min(100.0, 40.0 * self.evidence), 1)


#: Capitalised titles are names only next to a name: "Japan's premier" is not Li Qiang.
_TITLES = frozenset(
    stem(w)
    for w in "premier president chairman minister prime former previous leader military "
    "general secretary king queen emperor chancellor governor mayor senator".split()
)


def _word_list(name: str) -> frozenset[str]:
    text = resources.files("newsbot").joinpath(name).read_text(encoding="utf-8")
    words = (line.strip() for line in text.splitlines() if not line.startswith("#"))
    return frozenset(stem(w) for w in words if w)


def _fuzzy_cutoff(length: int) -> float | None:
    """Similarity a typo must reach: one slip up to seven letters, about two in ten beyond.

    (``fuzz.ratio`` of one substitution: 75 in four letters, 80 in five, 83 in six.)
    """
    if length <= 3:
        return None
    if length <= 5:
        return 75.0 if length == 4 else 80.0
    return 82.0 if length <= 7 else 75.0


class Matcher:
    """Scores a query against every topic of a digest, and finds entities and vocabulary."""

    #: Weight of stems from a topic's cited text and answer, relative to its keywords.
    TEXT_WEIGHT = 0.35
    #: Multi-word keyword phrases fully present in a question earn this much per extra word.
    PHRASE_BONUS = 0.6
    #: Share of an everyday word's evidence that counts as what the question asks.
    COMMON_ASK = 0.25
    #: Share of a subject word's evidence (K-pop, THAAD) that counts as what is asked.
    SUBJECT_ASK = 0.4

    def __init__(self, digest: Digest) -> None:
        self.digest = digest
        self.common = _word_list("common_words.txt")
        #: everyday English: such a word beside a name is a word, not a misheard name
        self.english = _word_list("english_words.txt") | self.common
        self.weights: dict[str, dict[str, float]] = defaultdict(dict)
        #: stem -> (topic, the phrase's stems, the same as a set) for phrases with that stem
        self.phrases: dict[str, list[tuple[str, tuple[str, ...], frozenset[str]]]] = defaultdict(
            list
        )
        self.cjk: list[tuple[str, str]] = []  # (keyword, topic) for keywords in CJK scripts
        self.cjk_aliases: list[tuple[str, int]] = []  # (alias, entity index) in CJK scripts
        #: (" stemmed words ", topic, how much the words ask beyond names: 0, 0.5 or 1)
        self.literals: list[tuple[str, str, float]] = []
        self.entity_stems: dict[str, set[int]] = defaultdict(set)
        self.entity_phrases: list[tuple[int, tuple[str, ...]]] = []
        self.context: frozenset[str] = self._context_stems()
        self._index_entities()
        self.subjects = frozenset(
            s for t in self.digest.topics for x in t.subjects for s in content_stems(tokens(x))
        )
        self.names = self._name_stems()
        self._index_topics()
        # keywords that are the stem of a name ("Venezuela" for "Venezuelan") are names too
        self.names = self.names | {
            s for s in self.weights if len(s) >= 5 and any(n.startswith(s) for n in self.names)
        }
        self.vocabulary: set[str] = set(self.weights) | set(self.entity_stems) | self._text_stems()
        #: Full spellings of stemmed words ("beijing" for "beij"): a typo is compared with both.
        self._spelled = self._spellings()
        self._proper = self.names | self.context
        self._buckets: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.vocabulary | set(self._spelled)):
            self._buckets[word[0]].append(word)
        self._skeletons = self._skeleton_index()
        self._lookup_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._words: dict[str, _WordInfo] = {}  # see _word_info
        self._entity_cache: dict[str, tuple[int, ...]] = {}
        self._major = frozenset(
            s
            for index, stems in self.entity_phrases
            if len(self.digest.entities[index].topics) >= 2
            for s in stems
        )
        #: Literal phrases by their first word: a question only checks those it could contain.
        self._literals_by_first: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
        for entry in self.literals:
            self._literals_by_first[entry[0].split()[0]].append(entry)
        self._phrases_by_stem: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
        for index, stems in self.entity_phrases:
            for s in set(stems):
                self._phrases_by_stem[s].append((index, stems))

    # -- index -------------------------------------------------------------------------------

    def _index_topics(self) -> None:
        """Weights: a stem is owned by the topics listing it as a one-word keyword.

        Owners split a weight of 1 between them; a stem that only appears inside a topic's
        longer phrases gets half of that (the whole phrase earns a bonus of its own), and
        stems of a topic's cited text a smaller share.
        """
        owners: dict[str, set[str]] = defaultdict(set)
        inside: dict[str, set[str]] = defaultdict(set)
        text_df: dict[str, set[str]] = defaultdict(set)
        for topic in self.digest.topics:
            for keyword in (*topic.keywords, *topic.subjects, topic.title):
                if CJK.search(keyword) and not keyword.isascii():
                    self.cjk.append((normalise(keyword), topic.id))
                words = tokens(keyword)
                stems = tuple(content_stems(words))
                if len(stems) > 1 and self.context:
                    # Title words are everywhere: a phrase of them plus one word is that word,
                    # and a phrase of nothing else is matched by its literal wording only.
                    stems = tuple(s for s in stems if s not in self.context)
                collapsed = len(words) >= 2 and len(stems) <= 1
                if collapsed:
                    # "after beijing", "what does china want": mostly function or title words,
                    # so only the literal wording carries the meaning.
                    asking = [
                        w
                        for w in words
                        if stem(w) not in self.context and stem(w) not in self.names
                    ]
                    rare = any(w not in STOPWORDS and not self.is_common(stem(w)) for w in asking)
                    meaningful = 1.0 if rare else 0.5 if asking else 0.0
                    literal = " ".join(stem(w) for w in words)
                    self.literals.append((f" {literal} ", topic.id, meaningful))
                if len(stems) == 1 and not collapsed:
                    owners[stems[0]].add(topic.id)
                elif len(stems) == 1:
                    inside[stems[0]].add(topic.id)  # "under japan" does not make Japan the topic
                if len(stems) > 1:
                    for s in stems:
                        inside[s].add(topic.id)
                        self.phrases[s].append((topic.id, stems, frozenset(stems)))
            for text in (*topic.cites, topic.answer):
                for s in content_stems(tokens(text)):
                    text_df[s].add(topic.id)
        for s, ids in text_df.items():
            for topic_id in ids:
                self.weights[s][topic_id] = self.TEXT_WEIGHT / len(ids)
        for s, ids in inside.items():
            share = 0.5 / max(1, len(owners.get(s, ())) or len(ids))
            for topic_id in ids:
                self.weights[s][topic_id] = max(share, self.weights[s].get(topic_id, 0.0))
        for s, ids in owners.items():
            for topic_id in ids:
                self.weights[s][topic_id] = 1.0 / len(ids)

    def _index_entities(self) -> None:
        for i, entity in enumerate(self.digest.entities):
            for alias in (entity.name, *entity.aliases):
                if CJK.search(alias):
                    self.cjk_aliases.append((normalise(alias), i))
                    continue
                stems = tuple(content_stems(tokens(alias)))
                if stems:
                    self.entity_phrases.append((i, stems))
                    for s in stems:
                        self.entity_stems[s].add(i)

    def _context_stems(self) -> frozenset[str]:
        """Stems that run through the whole article: the title's, and those in many sentences."""
        sentences = [set(content_stems(tokens(s))) for s in split_sentences(self.digest.text)]
        counts: dict[str, int] = defaultdict(int)
        for sentence in sentences:
            for s in sentence:
                counts[s] += 1
        busy = {s for s, n in counts.items() if n >= max(3, math.ceil(len(sentences) * 0.2))}
        title = set(content_stems(tokens(self.digest.article.title)))
        # demonyms of the title's places are as common as the places: Chinese, Korean
        title |= {s for s in counts if any(len(t) >= 5 and s.startswith(t[:-1]) for t in title)}
        protagonist: set[str] = set()
        if self.digest.entities:  # the first entity is who the story is about ("the president")
            lead = self.digest.entities[0]
            for alias in (lead.name, *lead.aliases):
                if not CJK.search(alias):
                    protagonist.update(content_stems(tokens(alias)))
        return frozenset(busy | title | protagonist)

    def _name_stems(self) -> frozenset[str]:
        """Stems of proper names: capitalised mid-sentence words of the article, and aliases."""
        names: set[str] = set(self.entity_stems) | {alias for alias, _ in self.cjk_aliases}
        names |= self.subjects
        for sentence in split_sentences(self.digest.text):
            for match in re.finditer(r"(?<=[\s“(])([A-Z][\w’'-]*)", sentence):
                names.update(content_stems(tokens(match.group(1))))
        return frozenset(names - {"legal", "disclaimer"})

    def _spellings(self) -> dict[str, str]:
        digest = self.digest
        texts = [digest.text, *(e.name for e in digest.entities)]
        texts += [a for e in digest.entities for a in e.aliases]
        texts += [k for t in digest.topics for k in (*t.keywords, *t.subjects, t.title)]
        spelled: dict[str, str] = {}
        for text in texts:
            for word in tokens(text):
                stemmed = stem(word)
                if stemmed != word and stemmed in self.vocabulary and len(word) >= 4:
                    spelled[word] = stemmed
        return spelled

    def _skeleton_index(self) -> dict[str, str]:
        """Vocabulary by its consonants ("bjng" for Beijing, "mssls" for missiles), for readers
        who type without vowels. A skeleton several words share stands for the one the article
        uses ("missile", not the keyword misspelling "missle"), or for none."""
        found: dict[str, set[str]] = defaultdict(set)
        for word in self.vocabulary | set(self._spelled):
            if word.isalpha() and word.isascii():
                found[skeleton(word)].add(self._spelled.get(word, word))
        article = set(content_stems(tokens(self.digest.text)))
        index: dict[str, str] = {}
        for sk, targets in found.items():
            if len(sk) < 3 or sk in self.common:
                continue
            if len(targets) > 1:
                targets = targets & article
            if len(targets) == 1:
                index[sk] = next(iter(targets))
        return index

    def _text_stems(self) -> set[str]:
        digest = self.digest
        texts = [digest.text, digest.summary.text, *(e.description for e in digest.entities)]
        texts += [t.more for t in digest.topics] + [q.text for q in digest.quotes]
        found: set[str] = set()
        for text in texts:
            found.update(content_stems(tokens(text)))
        return found

    # -- lookup ------------------------------------------------------------------------------

    def lookup(self, word: str) -> tuple[tuple[str, float], ...]:
        """Vocabulary stems that ``word`` (a stem) stands for, with similarity 0-1."""
        cached = self._lookup_cache.get(word)
        if cached is not None:
            return cached
        if word in self.vocabulary:
            found: tuple[tuple[str, float], ...] = ((word, 1.0),)
        elif word.endswith("s") and word[:-1] in self.vocabulary:
            found = ((word[:-1], 1.0),)  # "lees talks": a possessive without its apostrophe
        elif word.endswith("in") and len(word) >= 5 and stem(word + "g") in self.vocabulary:
            found = ((stem(word + "g"), 1.0),)  # "china n japan are feudin": a dropped g
        elif _SPARE.fullmatch(word) and skeleton(word) in self._skeletons:
            found = ((self._skeletons[skeleton(word)], 0.9),)  # "whr dz lee go nxt aftr bjng"
        elif word in self.common or word in SCAFFOLD:
            found = ()  # everyday words are spelled right; "going" is not a typo of "moving"
        else:
            cutoff = _fuzzy_cutoff(len(word))
            bucket = self._buckets.get(word[0], []) if cutoff is not None else []
            hits = process.extract(word, bucket, scorer=fuzz.ratio, score_cutoff=cutoff, limit=3)
            best: dict[str, float] = {}
            for hit, score, _ in hits:
                if len(hit) < 4 or abs(len(hit) - len(word)) > (1 if len(word) <= 7 else 2):
                    continue
                if len(word) == 4 and self._spelled.get(hit, hit) not in self._proper:
                    continue  # short typos only for names: "menu" is not a typo of "mean"
                target = self._spelled.get(hit, hit)
                best[target] = max(best.get(target, 0.0), score / 100.0)
            found = tuple(best.items())
        if len(self._lookup_cache) < 100_000:
            self._lookup_cache[word] = found
        return found

    def known(self, word: str) -> bool:
        """True when the stem is article or digest vocabulary (allowing a typo)."""
        return bool(self.lookup(word))

    def is_common(self, word: str) -> bool:
        """True for everyday English words, which alone never choose a topic (names never are)."""
        return word in self.common and word not in self.names

    # -- scoring -----------------------------------------------------------------------------

    def rank(self, query: Query) -> list[TopicMatch]:
        """Topics with any evidence, best first."""
        evidence: dict[str, float] = defaultdict(float)
        strong: dict[str, bool] = defaultdict(bool)
        weak_hits: dict[str, int] = defaultdict(int)
        matched: dict[str, list[str]] = defaultdict(list)
        ask: dict[str, float] = defaultdict(float)
        subject: dict[str, float] = defaultdict(float)
        resolved: dict[str, float] = {}
        context = 0
        for word in query.stems:
            info = self._words.get(word)
            if info is None:
                info = self._word_info(word)
            hits, in_context, best, common, is_subject, share = info
            for vocab, sim in hits:
                resolved[vocab] = max(sim, resolved.get(vocab, 0.0))
            if in_context:
                context += 1
                continue
            for topic_id, value in best:
                evidence[topic_id] += value * (0.5 if common else 1.0)
                ask[topic_id] += value * share * (self.COMMON_ASK if common else 1.0)
                if is_subject:
                    subject[topic_id] += value * share * (self.COMMON_ASK if common else 1.0)
                matched[topic_id].append(word)
                if common:
                    weak_hits[topic_id] += 1
                elif value >= 0.3:
                    strong[topic_id] = True
        self._phrase_bonus(resolved, evidence, strong, matched, ask)
        self._cjk_bonus(query, evidence, strong, matched)
        stemmed = [stem(w) for w in query.words]
        padded = f" {' '.join(stemmed)} "
        candidates = (x for w in set(stemmed) for x in self._literals_by_first.get(w, ()))
        for literal, topic_id, meaningful in candidates:
            if literal in padded:
                evidence[topic_id] += 0.5 + 0.5 * meaningful
                ask[topic_id] += meaningful
                strong[topic_id] = True
                matched[topic_id].append(literal.strip())
        ranked = []
        for topic_id, value in evidence.items():
            is_strong = strong[topic_id] or (
                # an everyday word counts next to the article's words, or alone ("fish?")
                weak_hits[topic_id] >= 1 and (context > 0 or len(query.stems) == 1)
            )
            ranked.append(
                TopicMatch(
                    topic_id,
                    value,
                    is_strong,
                    tuple(matched[topic_id]),
                    ask[topic_id],
                    ask[topic_id] - subject[topic_id],
                )
            )
        ranked.sort(key=lambda m: (-m.weight, m.topic))
        return ranked

    def _word_info(self, word: str) -> _WordInfo:
        """What one question word contributes to ranking: it depends on the word alone, so it
        is worked out once per word."""
        hits = self.lookup(word)
        in_context = any(v in self.context for v, _ in hits)
        best: dict[str, float] = {}
        for vocab, sim in hits:
            for topic_id, weight in self.weights.get(vocab, {}).items():
                best[topic_id] = max(best.get(topic_id, 0.0), sim * weight)
        common = self.is_common(word) or all(self.is_common(v) for v, _ in hits)
        is_subject = any(v in self.subjects for v, _ in hits)
        is_name = not is_subject and any(v in self.names or v.isdigit() for v, _ in hits)
        share = 0.0 if is_name else self.SUBJECT_ASK if is_subject else 1.0
        info = (hits, in_context, tuple(best.items()), common, is_subject, share)
        if len(self._words) < 100_000:
            self._words[word] = info
        return info

    def _phrase_bonus(
        self,
        resolved: dict[str, float],
        evidence: dict[str, float],
        strong: dict[str, bool],
        matched: dict[str, list[str]],
        ask: dict[str, float],
    ) -> None:
        seen: set[tuple[str, tuple[str, ...]]] = set()
        present = resolved.keys()
        for vocab in resolved:
            for topic_id, stems, needed in self.phrases.get(vocab, ()):
                if not needed <= present or (topic_id, stems) in seen:
                    continue
                seen.add((topic_id, stems))
                evidence[topic_id] += self.PHRASE_BONUS * (len(stems) - 1)
                asking = [s for s in stems if s not in self.names]
                if (len(stems) >= 3 and asking) or any(not self.is_common(s) for s in asking):
                    ask[topic_id] += self.PHRASE_BONUS * (len(stems) - 1)
                strong[topic_id] = True
                matched[topic_id].append(" ".join(stems))

    def _cjk_bonus(
        self,
        query: Query,
        evidence: dict[str, float],
        strong: dict[str, bool],
        matched: dict[str, list[str]],
    ) -> None:
        if not has_cjk(query.text):
            return
        for keyword, target in self.cjk:
            if keyword not in query.text:
                continue
            evidence[target] += 1.0
            strong[target] = True
            matched[target].append(keyword)

    def entities(self, query: Query) -> list[int]:
        """Indexes of entities named in the query (by alias, typo-tolerant), best first.

        Several routing rules ask this of the same question, so answers are kept per text.
        """
        found = self._entity_cache.get(query.text)
        if found is None:
            found = self._entities(query)
            if len(self._entity_cache) < 100_000:
                self._entity_cache[query.text] = found
        return list(found)

    def _entities(self, query: Query) -> tuple[int, ...]:
        resolved = {v for word in query.stems for v, _ in self.lookup(word)}
        scores: dict[int, int] = defaultdict(int)
        for vocab in resolved & self.entity_stems.keys():
            for index, stems in self._phrases_by_stem[vocab]:
                if all(s in resolved for s in stems):
                    scores[index] = max(scores[index], len(stems))
        if has_cjk(query.text):
            for alias, index in self.cjk_aliases:
                if alias in query.text:
                    scores[index] += 2
        return tuple(sorted(scores, key=lambda i: (-scores[i], i)))

    def about_subject(self, query: Query) -> bool:
        """True when the question names a topic's subject (K-pop, THAAD) rather than an event."""
        return any(v in self.subjects for w in query.stems for v, _ in self.lookup(w))

    def terse(self, query: Query) -> bool:
        """Only names, the article's everywhere-words and scaffolding: "Maduro?", "and Japan?"."""
        return all(
            w in SCAFFOLD
            or has_cjk(w)
            or any(v in self.names or v in self.context for v, _ in self.lookup(w))
            for w in query.stems
        )

    def is_name(self, word: str) -> bool:
        """True for a stem of a proper name of the article (titles like Premier excluded)."""
        return word in self.names and word not in _TITLES

    def stray_names(self, query: Query, topic_ids: set[str]) -> list[str]:
        """Names in the question (beyond the article's everywhere-words) that none of
        ``topic_ids`` mentions: "Venezuela's economy" is not about Seoul's economic worries."""
        stray = []
        for word in query.stems:
            for vocab, similarity in self.lookup(word):
                owners = set(self.weights.get(vocab, ()))
                # Seoul is all over the article, Maduro is not; people in several topics (Xi)
                # may be named with any of them
                specific = 0 < len(owners) <= 2 and vocab not in self._major
                if (
                    similarity >= 0.9
                    and specific
                    and vocab in self.names
                    and vocab not in self.context
                    and vocab not in self.subjects
                    and vocab not in self.common
                    and vocab not in _TITLES
                    and not topic_ids & owners
                ):
                    stray.append(vocab)
        return stray

    def unexplained(self, query: Query, framing: frozenset[str] = frozenset()) -> float:
        """Weight of content words that are neither article/digest vocabulary nor scaffolding.

        A rare word counts 1, an everyday English word 0.5: "population" in "population of
        Shanghai" is what the question is about, "keep" in "keeping ties in balance" is not.
        """
        total = 0.0
        skipped = self.misheard(query) | framing
        for word in query.stems:
            if has_cjk(word) or word in SCAFFOLD or word in skipped or self.known(word):
                continue
            total += 0.5 if self.is_common(word) else 1.0
        return total

    def misheard(self, query: Query) -> set[str]:
        """Short unknown words beside a name of the article: the rest of a name heard wrong
        ("chee jinping", "lee jay ming"), not a subject of their own."""
        words = query.words
        names = [
            any(self.is_name(v) and v not in self.subjects for v, _ in self.lookup(stem(w)))
            for w in words
        ]  # people and places, not subjects such as THAAD
        if not any(names):
            return set()
        found: set[str] = set()
        for _ in range(2):  # "lee jay ming": "ming" is beside "jay", which is beside "lee"
            for i, word in enumerate(words):
                if names[i] or not 3 <= len(word) <= 5 or not word.isalpha() or word in STOPWORDS:
                    continue
                beside = (i > 0 and names[i - 1]) or (i + 1 < len(words) and names[i + 1])
                stemmed = stem(word)
                if beside and not self.known(stemmed) and stemmed not in self.english:
                    found.add(stemmed)
                    names[i] = True
        return found
