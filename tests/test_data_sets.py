"""The question sets under tests/data are well formed and not copied into the digest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from newsbot.engine import Engine

DATA = Path(__file__).resolve().parent / "data"
KINDS = {"in", "oos", "unstated", "chitchat"}
ALL_FILES = sorted(DATA.rglob("*.jsonl"))
#: Our own questions (the CLINC150 and reader files are third-party copies).
TEST_FILES = sorted(DATA.glob("*.jsonl")) + sorted((DATA / "heldout").glob("*.jsonl"))


def read(path: Path) -> list[dict[str, object]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_there_are_question_sets() -> None:
    assert len(ALL_FILES) >= 5
    assert (DATA / "heldout").is_dir()


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_line_is_a_valid_question(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        obj = json.loads(line)
        where = f"{path.name}:{number}"
        assert isinstance(obj, dict), where
        assert isinstance(obj.get("q"), str), where
        assert obj["q"].strip(), where
        assert obj.get("kind") in KINDS, where
        expect = obj.get("expect", [])
        assert isinstance(expect, list), where
        for group in expect:
            assert isinstance(group, list), where
            assert group, where
            assert all(isinstance(s, str) and s for s in group), where
        if obj["kind"] == "in" and "clinc150" not in path.name:
            assert expect, f"{where}: an in-scope question says what the answer must contain"


def test_no_test_question_is_copied_into_the_digest(engine: Engine) -> None:
    examples = [(t.id, q.casefold()) for t in engine.digest.topics for q in t.questions]
    copies = []
    for path in TEST_FILES:
        for case in read(path):
            question = str(case["q"]).casefold()
            for topic_id, example in examples:
                if fuzz.ratio(question, example) >= 90:
                    copies.append(f"{path.name}: {case['q']!r} ~ {topic_id}: {example!r}")
    assert not copies, "test questions copied into the digest:\n" + "\n".join(copies)
