"""The ``newsbot`` command line, through real subprocesses (DESIGN §6: output, exit codes)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import SEED_DIGEST, RunCli
from newsbot.engine import Engine

ONE_LINE_ERROR = "exactly one line on stderr, no traceback"


def assert_one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, f"{ONE_LINE_ERROR}: {stderr!r}"
    assert "Traceback" not in stderr
    return lines[0]


def broken_digest(tmp_path: Path) -> Path:
    """A copy of the seed whose first topic cites a sentence the article lacks."""
    text = SEED_DIGEST.read_text(encoding="utf-8")
    good = 'cites = ["South Korea’s Lee to visit China to restore relations", '
    assert good in text
    bad = text.replace(good, 'cites = ["Lee secretly signed a trade pact in Shanghai.", ', 1)
    target = tmp_path / "broken.toml"
    target.write_text(bad, encoding="utf-8")
    shutil.copy(SEED_DIGEST.with_suffix(".txt"), tmp_path / SEED_DIGEST.with_suffix(".txt").name)
    return target


def test_ask_json_prints_one_grounded_object(run_cli: RunCli) -> None:
    result = run_cli("ask", "--json", "who is Zhao Leji?")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    obj = json.loads(lines[0])
    assert obj["question"] == "who is Zhao Leji?"
    assert obj["grounded"] is True
    assert "parliament chairman" in obj["answer"]


def test_ask_plain_prints_the_answer(run_cli: RunCli) -> None:
    result = run_cli("ask", "why did china block kpop lol")
    assert result.returncode == 0, result.stderr
    assert "2016" in result.stdout


def test_ask_stdin_skips_blank_lines_and_answers_each(run_cli: RunCli) -> None:
    result = run_cli("ask", "--json", stdin="who is Zhao Leji?\n\n   \ntell me more\n")
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["question"] for o in objects] == ["who is Zhao Leji?", "tell me more"]
    assert objects[0]["grounded"] is True
    # each line is answered on its own: no follow-up context in `ask`
    assert objects[1]["handler"] != "followup"


def test_ask_declined_question_exits_zero(run_cli: RunCli) -> None:
    result = run_cli("ask", "--json", "what's the weather in Paris")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["grounded"] is False


def test_ask_never_creates_the_database(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("ask", "who is Zhao Leji?", stdin="")
    assert result.returncode == 0, result.stderr
    result = run_cli("ask", stdin="hi\ntl;dr\n")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "db").exists() or not any((tmp_path / "db").iterdir())


def test_digest_check_passes_on_the_seed(run_cli: RunCli) -> None:
    result = run_cli("digest", "check", str(SEED_DIGEST))
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


def test_digest_check_refuses_a_citation_not_in_the_article(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result = run_cli("digest", "check", str(broken_digest(tmp_path)))
    assert result.returncode == 2
    line = assert_one_line_error(result.stderr)
    assert "citation not in the article" in line
    assert "topics[0].cites[0]" in line


def test_broken_digest_stops_ask_with_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("ask", "hi", env={"NEWSBOT_DIGEST": str(broken_digest(tmp_path))})
    assert result.returncode == 2
    assert "citation not in the article" in assert_one_line_error(result.stderr)


def test_missing_digest_file_is_one_line_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.toml"
    result = run_cli("ask", "hi", env={"NEWSBOT_DIGEST": str(missing)})
    assert result.returncode == 2
    line = assert_one_line_error(result.stderr)
    assert "missing.toml" in line
    assert "not found" in line
    assert result.stdout == ""


def test_eval_prints_a_table(run_cli: RunCli, tmp_path: Path) -> None:
    questions = tmp_path / "small.jsonl"
    rows = [
        {"q": "who is Zhao Leji?", "kind": "in", "expect": [["parliament chairman"]]},
        {"q": "why did china block kpop", "kind": "in", "expect": [["2016"]]},
        {"q": "what's the weather in Paris", "kind": "oos"},
        {"q": "hi", "kind": "chitchat"},
    ]
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run_cli("eval", str(questions))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "small.jsonl" in result.stdout
    assert "2/2" in result.stdout
    assert "100%" in result.stdout


def test_eval_refuses_a_malformed_file(run_cli: RunCli, tmp_path: Path) -> None:
    questions = tmp_path / "bad.jsonl"
    questions.write_text('{"q": "hi", "kind": "chitchat"}\n{"q": 1\n', encoding="utf-8")
    result = run_cli("eval", str(questions))
    assert result.returncode == 2
    assert "bad.jsonl:2" in assert_one_line_error(result.stderr)


def test_eval_refuses_an_unknown_kind(run_cli: RunCli, tmp_path: Path) -> None:
    questions = tmp_path / "kind.jsonl"
    questions.write_text('{"q": "hi", "kind": "maybe"}\n', encoding="utf-8")
    result = run_cli("eval", str(questions))
    assert result.returncode == 2
    assert_one_line_error(result.stderr)


def test_chat_answers_a_piped_question(run_cli: RunCli) -> None:
    result = run_cli("chat", stdin="what is the article about?\n")
    assert result.returncode == 0, result.stderr
    assert "Lee" in result.stdout
    assert "Traceback" not in result.stderr


def test_chat_follows_up_on_the_previous_answer(run_cli: RunCli, engine: Engine) -> None:
    result = run_cli("chat", stdin="why did china block kpop\ntell me more\n")
    assert result.returncode == 0, result.stderr
    more = engine.topic("kpop_ban", more=True)
    assert more is not None
    assert more.text in result.stdout


def test_run_without_a_token_names_the_variable(run_cli: RunCli, tmp_path: Path) -> None:
    # cwd is tmp_path so that a developer's .env in the repository cannot supply a token
    result = run_cli("run", env={"NEWSBOT_DIGEST": str(SEED_DIGEST)}, cwd=tmp_path)
    assert result.returncode == 2
    assert "NEWSBOT_TELEGRAM_TOKEN" in assert_one_line_error(result.stderr)


def test_bad_setting_is_one_line_exit_2(run_cli: RunCli) -> None:
    result = run_cli("ask", "hi", env={"NEWSBOT_LOG_LEVEL": "LOUD"})
    assert result.returncode == 2
    assert "NEWSBOT_LOG_LEVEL" in assert_one_line_error(result.stderr)
