"""Shared fixtures: the seed digest's engine, the repository root, and a CLI runner.

The CLI runner starts ``python -m newsbot`` as a real subprocess with a database path inside
the test's tmp_path and no Telegram token in its environment, so no test can reach Telegram or
write outside tmp_path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsbot.engine import Engine

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED_DIGEST = REPO_ROOT / "seeds" / "000_ae020cc17fe06cd4.toml"

RunCli = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.from_file(SEED_DIGEST)


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """``run_cli(*args, stdin=None, env=None, cwd=None)`` -> CompletedProcess (text mode)."""

    def run(
        *args: str,
        stdin: str | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        environ = {
            k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "TELEGRAM_"))
        }
        environ["NEWSBOT_DATABASE"] = str(tmp_path / "db" / "newsbot.db")
        environ["PYTHONIOENCODING"] = "utf-8"
        environ.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "newsbot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd or REPO_ROOT,
            env=environ,
            timeout=60,
            check=False,
        )

    return run
