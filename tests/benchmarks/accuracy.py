"""Accuracy against a baseline: the engine vs BM25 (``bm25s``) over the article's sentences.

BM25 ranks the article's sentences (``split_sentences`` on the text above "Legal Disclaimer:")
for each question; its answer is the top sentence. Its acceptance threshold is set so that it
rejects 96% of the out-of-scope questions, about what the engine rejects, and then both are
compared on in-scope questions: an in-scope answer is right when accepted and when the top
sentence contains every ``expect`` group (``newsbot.evaluation.contains``, lowercased). The
engine is scored by ``newsbot.evaluation.evaluate``. BM25 runs twice: with bm25s's defaults
(English stopwords, no stemming) and with newsbot's own light stemmer, to give it the same
help with plurals and tenses. heldout/ is scored with the thresholds from the main sets.
"""

from __future__ import annotations

import math
from typing import Any

import bm25s  # the bench extra; never a runtime dependency

from newsbot.digest import split_sentences
from newsbot.engine import Engine
from newsbot.evaluation import Case, contains, evaluate, read_cases
from newsbot.wording import stem

from .common import DATA, DIGEST, Row

FILES = (
    "in.jsonl",
    "offtopic.jsonl",
    "unstated.jsonl",
    "reader_questions.jsonl",
    "clinc150_oos_val.jsonl",
    "clinc150_val_sample.jsonl",
)
HELDOUT = ("heldout/in.jsonl", "heldout/offtopic.jsonl", "heldout/unstated.jsonl")
OOS_REJECTED = 0.96
KINDS = ("in", "oos", "unstated")


def article_sentences(text: str) -> list[str]:
    body = text.split("Legal Disclaimer:", 1)[0]
    return split_sentences(body)


class Retriever:
    """BM25 over sentences; ``best`` gives the top sentence and its score per question."""

    def __init__(self, sentences: list[str], stemmed: bool) -> None:
        self.sentences = sentences
        self.stemmed = stemmed
        self._model = bm25s.BM25()
        self._model.index(self._tokens(self.sentences), show_progress=False)

    def _tokens(self, texts: list[str], ids: bool = True) -> Any:
        return bm25s.tokenize(
            texts,
            stopwords="en",
            stemmer=_stem_all if self.stemmed else None,
            return_ids=ids,
            show_progress=False,
        )

    def best(self, questions: list[str]) -> list[tuple[str, float]]:
        found, scores = self._model.retrieve(
            self._tokens(questions, ids=False), k=1, show_progress=False, n_threads=1
        )
        return [
            (self.sentences[int(i[0])], float(s[0])) for i, s in zip(found, scores, strict=True)
        ]


def _stem_all(words: list[str]) -> list[str]:
    return [stem(w) for w in words]


def _load(names: tuple[str, ...]) -> list[Case]:
    cases: list[Case] = []
    for name in names:
        cases.extend(c for c in read_cases(DATA / name) if c.kind in KINDS)
    return cases


def threshold(oos_scores: list[float], rejected: float) -> float:
    """The smallest score cut-off (accept when above it) rejecting this share of these."""
    ordered = sorted(oos_scores)
    return ordered[max(0, math.ceil(rejected * len(ordered)) - 1)]


def score_bm25(
    retriever: Retriever, cases: list[Case], cut: float | None, rejected: float = OOS_REJECTED
) -> tuple[dict[str, float], float]:
    """Rates per kind; ``cut`` None: choose it to reject ``rejected`` of these oos questions."""
    top = retriever.best([c.q for c in cases])
    if cut is None:
        oos = [s for c, (_, s) in zip(cases, top, strict=True) if c.kind == "oos"]
        cut = threshold(oos, rejected)
    right = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    for case, (sentence, value) in zip(cases, top, strict=True):
        total[case.kind] += 1
        accepted = value > cut
        if case.kind == "in":
            low = sentence.lower()
            ok = accepted and all(any(contains(low, s) for s in g) for g in case.expect)
        else:
            ok = not accepted
        right[case.kind] += ok
    return {k: right[k] / total[k] for k in KINDS if total[k]}, cut


def score_engine(engine: Engine, cases: list[Case]) -> dict[str, float]:
    result = evaluate(engine, cases)
    return {k: result.rate(k) for k in KINDS if result.total[k]}


def run() -> tuple[list[Row], dict[str, Any]]:
    engine = Engine.from_file(DIGEST)
    sentences = article_sentences(engine.digest.text)
    main, heldout = _load(FILES), _load(HELDOUT)
    counts = {k: sum(c.kind == k for c in main) for k in KINDS}
    engine_main = score_engine(engine, main)
    systems: dict[str, dict[str, Any]] = {
        "engine": {"main": engine_main, "heldout": score_engine(engine, heldout)}
    }
    for name, stemmed in (("bm25", False), ("bm25+stem", True)):
        retriever = Retriever(sentences, stemmed)
        rates, cut = score_bm25(retriever, main, None)
        held, _ = score_bm25(retriever, heldout, cut)
        systems[name] = {"main": rates, "heldout": held, "threshold": cut}
        if stemmed:  # and at the engine's own rejection rate, for a like-for-like comparison
            rates, cut = score_bm25(retriever, main, None, engine_main["oos"])
            systems[name + "@engine-oos"] = {"main": rates, "threshold": cut}
    rows = []
    for name, result in systems.items():
        for split in ("main", "heldout"):
            if split not in result:
                continue
            r = result[split]
            compare = ""
            if name != "engine":
                compare = f"score cut-off {result['threshold']:.2f}"
            rows.append(
                Row(
                    "accuracy",
                    f"{name}, {split}",
                    " / ".join(f"{100 * r[k]:.0f}%" for k in KINDS),
                    compare,
                    data=r,
                )
            )
    data = {"sentences": len(sentences), "counts": counts, "systems": systems}
    return rows, data
