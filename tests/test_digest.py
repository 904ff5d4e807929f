"""The digest loader: the seed loads, and each kind of broken digest is refused in one line.

Broken digests are copies of the seed (with its article) in tmp_path, edited one field at a
time, so every test exercises the real file format and the real article text.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from newsbot.digest import DigestError, load, normalise_quotes

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ae020cc17fe06cd4.toml"


def copy_seed(tmp_path: Path) -> Path:
    """The seed digest and its article, copied into tmp_path; returns the digest path."""
    target = tmp_path / SEED.name
    shutil.copy(SEED, target)
    shutil.copy(SEED.with_suffix(".txt"), tmp_path / SEED.with_suffix(".txt").name)
    return target


def set_topic_field(path: Path, index: int, key: str, value: str) -> None:
    """Replace the ``key = ...`` line of the index-th ``[[topics]]`` table with ``value``."""
    text = path.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^\[\[topics\]\]$", text, re.MULTILINE)]
    start = starts[index]
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    block = text[start:end]
    edited, count = re.subn(
        rf"^{key} = .*$", lambda _: f"{key} = {value}", block, count=1, flags=re.MULTILINE
    )
    assert count == 1, f"the seed's topics[{index}] has no {key!r} line"
    path.write_text(text[:start] + edited + text[end:], encoding="utf-8")


def refused(path: Path) -> DigestError:
    with pytest.raises(DigestError) as info:
        load(path)
    message = str(info.value)
    assert "\n" not in message, "a digest error is one line"
    assert str(path) in message, "a digest error names the file"
    return info.value


def test_seed_digest_loads() -> None:
    digest = load(SEED)
    assert digest.topics
    assert digest.text, "the article text is attached"
    ids = [t.id for t in digest.topics]
    assert len(ids) == len(set(ids))
    article = normalise_quotes(digest.text)
    for topic in digest.topics:
        assert all(normalise_quotes(c) in article for c in topic.cites)


def test_citation_missing_from_article_is_refused(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    set_topic_field(path, 0, "cites", '["Lee secretly signed a trade pact in Shanghai."]')
    error = refused(path)
    assert "topics[0].cites[0]" in str(error)
    assert "citation not in the article" in str(error)


def test_invalid_toml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("[article\ntitle = \n", encoding="utf-8")
    assert "not valid TOML" in str(refused(path))


def test_missing_file_is_refused(tmp_path: Path) -> None:
    assert "not found" in str(refused(tmp_path / "nope.toml"))


def test_missing_article_text_is_refused(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    path.with_suffix(".txt").unlink()
    assert "article" in refused(path).field


def test_answer_naming_someone_the_article_does_not(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    set_topic_field(path, 0, "answer", '"Lee follows Moon Jae-in in seeking better relations."')
    error = refused(path)
    assert "topics[0].answer" in str(error)
    assert "Moon" in str(error)


def test_answer_with_a_number_the_article_does_not_state(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    set_topic_field(path, 0, "answer", '"Lee’s visit aims to restore relations after 37 years."')
    error = refused(path)
    assert "topics[0].answer" in str(error)
    assert "37" in str(error)


def test_malformed_topic_id_is_refused(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    set_topic_field(path, 0, "id", '"Bad-Id"')
    error = refused(path)
    assert "topics" in error.field
    assert error.field.endswith("id")


def test_unknown_related_topic_is_refused(tmp_path: Path) -> None:
    path = copy_seed(tmp_path)
    set_topic_field(path, 0, "related", '["no_such_topic"]')
    error = refused(path)
    assert "topics[0].related" in str(error)
    assert "no_such_topic" in str(error)


def test_typographic_and_ascii_quotes_are_interchangeable_in_citations(tmp_path: Path) -> None:
    # The article has “curly” quotes around Lee's words and "straight" ones around "as is".
    path = copy_seed(tmp_path)
    cites = [
        "'he described the trip as \"a new starting point'",
        '"provides this news content “as is” without warranty"',
        '"South Korea\'s Lee to visit China"',
    ]
    set_topic_field(path, 0, "cites", "[" + ", ".join(cites) + "]")
    digest = load(path)
    assert len(digest.topics[0].cites) == 3
