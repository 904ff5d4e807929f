"""The regex prefilter: a gated pattern finds exactly what the full pattern finds, always."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbot import engine, intents
from newsbot.prefilter import (
    GatedAlternation,
    GatedPattern,
    branches,
    gated,
    gated_alternation,
    required_strings,
    trigrams,
)
from newsbot.wording import parse

DATA = Path(__file__).parent / "data"

GATED = {
    f"{module.__name__}.{name}": value
    for module in (intents, engine)
    for name, value in vars(module).items()
    if isinstance(value, GatedPattern | GatedAlternation)
}


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return None if match is None else match.span()


def _words_of(pattern: str) -> list[str]:
    """Letter runs that occur in the pattern's source: text made of them tends to match."""
    return sorted(set(re.findall(r"[a-z]{2,}", pattern))) or ["x"]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(wife|kids)\b|born", {"wife", "kids", "born"}),
        (r"^who (led|founded)\b", {"founded", "led"}),  # the rarer-looking set wins over "who "
        (r"a?bcd", {"bcd"}),
        (r"(?<!\bmy )\bfamily\b", {"family"}),  # look-arounds consume nothing
        (r"\b(said|said yes)\b", {"said"}),  # "said yes" contains "said": one test covers both
        (r"xy(z|zz)?", {"xy"}),
        (r"(abc)+d", {"abc"}),
    ],
)
def test_required_strings(pattern: str, expected: set[str]) -> None:
    assert set(required_strings(pattern) or ()) == expected


@pytest.mark.parametrize(
    "pattern",
    [r"\w+ ?\d", r"(ab|c)d", r"[a-z]{3}"],
)
def test_no_required_strings_means_no_gate(pattern: str) -> None:
    gate = gated(pattern)
    assert gate.keys is None
    assert _span(gate.search("hello x sing abd")) == _span(re.search(pattern, "hello x sing abd"))


@pytest.mark.parametrize(("pattern", "short"), [(r"(a|)bc", "bc"), (r"(?i:hello) x", " x")])
def test_two_letter_requirements_are_looked_up_whole(pattern: str, short: str) -> None:
    gate = gated(pattern)
    assert gate.shorts == (short,)
    for text in ("hello x sing abc", "nothing here", "b c", "xbcx"):
        assert _span(gate.search(text)) == _span(re.search(pattern, text))


def test_case_insensitive_patterns_are_never_skipped() -> None:
    gate = gated(r"\bsaid\b", re.IGNORECASE)
    assert gate.keys is None
    assert gate.search("Lee SAID so") is not None


def test_non_ascii_pattern_skips_ascii_text() -> None:
    gate = gated(r"요약|总结")
    assert gate.non_ascii
    assert gate.search("summary please") is None
    assert gate.search("기사 요약 해줘") is not None


def test_trigram_memo_follows_the_text() -> None:
    first, second = "the banquet", "the ban on k-pop"
    assert "que" in trigrams(first)
    assert "que" not in trigrams(second)
    assert "que" in trigrams(first)
    assert trigrams("ab") == frozenset()


def test_a_pattern_made_after_a_text_was_seen_is_still_searched() -> None:
    text = "what did the pastor preach about reconciliation"
    assert gated(r"\bpastor\b").search(text)  # the text's passing patterns are worked out
    later = gated(r"\breconcil\w+")
    found = later.search(text)
    assert found is not None
    assert found[0] == "reconciliation"
    assert gated(r"\bsermon\b").search(text) is None


def test_every_engine_pattern_is_gated_where_it_can_be() -> None:
    assert len(GATED) >= 40
    assert sum(isinstance(g, GatedPattern) and g.keys is not None for g in GATED.values()) >= 30
    split = [g for g in GATED.values() if isinstance(g, GatedAlternation)]
    assert len(split) >= 5
    assert all(len(g.gated) > len(g.always) for g in split)  # nearly every branch is gated


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\b(wife|kids)\b|born", [r"\b(?:wife)\b", r"\b(?:kids)\b", "born"]),
        (r"(?:a|b)c|x[|(]y", ["(?:a|b)c", "x[|(]y"]),  # a group with more after it stays
        (r"\b(x(y|z)|w)\b", [r"\b(?:x(y|z))\b", r"\b(?:w)\b"]),
        (r"\b(a|b)?\b|c\|d", [r"\b(a|b)?\b", r"c\|d"]),  # quantified; an escaped bar
        (r"(?<!x )(a|b)", ["(?<!x )(a|b)"]),
    ],
)
def test_branches(pattern: str, expected: list[str]) -> None:
    assert branches(pattern) == expected


def test_an_alternation_runs_only_the_branches_a_text_may_match() -> None:
    gate = gated_alternation(r"\b(wife|kids|pension|visa)\b|how long was (yoon|he) president")
    assert len(gate.gated) == 5
    assert _span(gate.search("does xi have kids")) == (13, 17)
    assert gate.search("how long was yoon president") is not None
    assert gate.search("why is lee visiting china") is None
    # the leftmost match, and at one start the earlier branch, as the whole pattern finds
    both = gated_alternation(r"\bvisa\b|\bvisa rules\b|\brules\b")
    found, whole = both.search("visa rules"), both.full.search("visa rules")
    assert found is not None
    assert whole is not None
    assert found.group() == whole.group() == "visa"


def _questions() -> list[str]:
    texts: set[str] = set()
    for path in sorted(DATA.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line)["q"]
                texts |= {question.lower(), parse(question).text}
    return sorted(texts)


def test_gated_equals_full_on_every_question_we_have() -> None:
    texts = _questions()
    assert len(texts) > 10_000
    for text in texts:  # text by text, as the engine does: its pieces are computed once
        for name, gate in GATED.items():
            assert _span(gate.search(text)) == _span(gate.full.search(text)), (name, text)
    for text in texts[::10]:
        assert intents.OUTCOME_WORDS.findall(text) == intents.OUTCOME_WORDS.full.findall(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_gated_equals_full_on_generated_text(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(GATED)))
    gate = GATED[name]
    pieces = st.one_of(
        st.sampled_from(_words_of(gate.pattern)),
        st.sampled_from(["the", "lee", "xi", "my", "how", "what", "?", "'", "1999", "2019"]),
        st.text(max_size=6),
    )
    text = " ".join(data.draw(st.lists(pieces, max_size=12)))
    assert _span(gate.search(text)) == _span(gate.full.search(text))
