"""Accuracy over the project's own question sets (deterministic, so asserted).

The floors below are what the router achieves today; they stop regressions. The issue's
targets (95% in-scope, 97% off-topic and unstated, 99% CLINC150) are higher and are reported
by `newsbot eval`; heldout/ is reported, never asserted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.engine import Engine
from newsbot.evaluation import evaluate, read_cases

DATA = Path(__file__).parent / "data"

FLOORS = {
    "in.jsonl": {"in": 0.95},
    "offtopic.jsonl": {"oos": 0.95},
    "unstated.jsonl": {"unstated": 0.83},
    "chitchat.jsonl": {"chitchat": 1.0},
    "reader_questions.jsonl": {"in": 0.97, "oos": 0.95, "unstated": 0.95, "chitchat": 1.0},
    "dev2.jsonl": {"in": 0.84, "oos": 0.78, "unstated": 0.96},
    "dev3.jsonl": {"in": 0.9, "oos": 0.88, "unstated": 0.7},
    "clinc150_oos_val.jsonl": {"oos": 0.97},
    "clinc150_val_sample.jsonl": {"oos": 0.99},
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_floor(engine: Engine, name: str) -> None:
    result = evaluate(engine, read_cases(DATA / name))
    for kind, floor in FLOORS[name].items():
        rate = result.rate(kind)
        misses = [m["q"] for m in result.misses if m["kind"] == kind][:10]
        assert rate >= floor, f"{name} {kind}: {rate:.1%} < {floor:.0%}; e.g. {misses}"


def test_off_topic_is_never_answered_with_the_disclaimer(engine: Engine) -> None:
    for case in read_cases(DATA / "clinc150_val_sample.jsonl"):
        reply = engine.answer(case.q)
        assert "warranty" not in reply.text or reply.handler == "source"
