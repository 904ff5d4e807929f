"""Imports point one way (DESIGN §2): the engine and renderers pull in no front end or store."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

FORBIDDEN = ("telegram", "aiosqlite", "pydantic_settings")


@pytest.mark.parametrize(
    "modules",
    [
        "newsbot.engine, newsbot.render",
        "newsbot.digest, newsbot.wording, newsbot.matching, newsbot.handlers, newsbot.intents",
        "newsbot.evaluation, newsbot.coverage",
    ],
)
def test_engine_side_imports_no_front_end_or_store(modules: str) -> None:
    code = (
        f"import json, sys\nimport {modules}\n"
        "print(json.dumps(sorted(m for m in sys.modules "
        f"if m.split('.')[0] in {FORBIDDEN!r})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
