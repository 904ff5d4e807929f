"""Regular expressions that skip the full search when a match is impossible.

Most of the engine's intent patterns fail on most questions. Python's ``re`` cannot scan quickly
for a pattern that starts with ``\\b`` or a look-behind: it tries the whole pattern at every
position. :func:`gated` reads the pattern's syntax tree once and collects strings at least one
of which must occur in any match (for ``\\b(wife|kids)\\b|born``: ``wife``, ``kids``, ``born``),
and keeps one three-character piece of each. A question's set of three-character pieces is
built once; a pattern none of whose pieces is in it cannot match and is not searched. Otherwise
the full pattern runs, so the answer is always the full pattern's answer.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any

try:  # the parser is private; without it every pattern simply runs in full
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - CPython 3.11-3.13 all have it
    _parser = None

#: Words in nearly every question: a gate made of them would pass almost everything.
_COMMON = frozenset(
    "a an and are at be by can did do does for from had has have he how i in is it of on or "
    "so that the their they this to was we what when where which who why will with you".split()
)
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_ZERO_WIDTH = frozenset({"AT", "ASSERT", "ASSERT_NOT"})


class GatedPattern:
    """A compiled pattern with a cheap necessary-condition test in front of ``search``."""

    __slots__ = ("full", "keys", "non_ascii", "pieces", "shorts")

    def __init__(
        self,
        full: re.Pattern[str],
        needed: frozenset[str] | None = None,
        non_ascii: bool = False,
    ) -> None:
        self.full = full
        self.non_ascii = non_ascii  # every required string has a non-ASCII character
        #: for each key (one three-character piece of a required string), every
        #: three-character piece of each required string with that key
        self.pieces: dict[str, tuple[frozenset[str], ...]] = {}
        #: required strings too short for a three-letter piece ("g7"): looked up as they are
        self.shorts = tuple(sorted(s for s in needed or () if len(s) < 3))
        for string in sorted(needed or ()):
            if len(string) >= 3:
                key = _key(string)
                self.pieces[key] = (*self.pieces.get(key, ()), _pieces(string))
        self.keys = frozenset(self.pieces) if needed else None
        if self.keys is not None:
            _register(self)

    @property
    def pattern(self) -> str:
        return self.full.pattern

    def possible(self, text: str) -> bool:
        """False when no match can exist; True says only that one might."""
        if self.keys is None:
            return not (self.non_ascii and text.isascii())
        return any(s in text for s in self.shorts) or self in _passing(text)

    def search(self, text: str) -> re.Match[str] | None:
        if self.keys is not None:  # possible(), worked out for every pattern at once
            if self.shorts and any(s in text for s in self.shorts):
                return self.full.search(text)
            memo = _memo
            passing = memo[2] if memo[0] is text else _passing(text)
            return self.full.search(text) if self in passing else None
        if self.non_ascii and text.isascii():
            return None
        return self.full.search(text)

    def findall(self, text: str) -> list[Any]:
        return self.full.findall(text) if self.possible(text) else []

    def __repr__(self) -> str:
        keys = sorted(self.keys) if self.keys is not None else None
        return f"GatedPattern({self.full.pattern!r}, keys={keys!r}, non_ascii={self.non_ascii})"


def gated(pattern: str, flags: int = 0) -> GatedPattern:
    """Compile ``pattern`` with a prefilter when one can be derived (see the module docstring)."""
    full = re.compile(pattern, flags)
    needed = None if full.flags & re.IGNORECASE else required_strings(pattern, flags)
    if not needed:
        return GatedPattern(full, None)
    non_ascii = not any(s.isascii() for s in needed)
    if not non_ascii and min(len(s) for s in needed) < 2:
        return GatedPattern(full, None)
    if non_ascii:  # CJK strings are short: "is the text all ASCII" is test enough
        return GatedPattern(full, None, non_ascii)
    return GatedPattern(full, needed, non_ascii)


#: The last text seen, its three-character pieces and the gated patterns it passes.
_memo: tuple[str, frozenset[str], frozenset[GatedPattern]] = ("", frozenset(), frozenset())
#: key piece -> (pattern, every piece of one of its required strings with that key)
_index: dict[str, list[tuple[GatedPattern, frozenset[str]]]] = {}
_keys: set[str] = set()  # the index's keys, as a set: ``grams & _keys`` walks the smaller


def _register(pattern: GatedPattern) -> None:
    global _memo
    for key, wholes in pattern.pieces.items():
        _index.setdefault(key, []).extend((pattern, whole) for whole in wholes)
        _keys.add(key)
    _memo = ("", frozenset(), frozenset())  # a pattern the last text was not tested against


def trigrams(text: str) -> frozenset[str]:
    """Every three-character piece of ``text`` (the last question's, kept by :func:`_passing`,
    is not worked out again)."""
    memo = _memo
    if memo[0] is text or memo[0] == text:
        return memo[1]
    return _pieces(text)


def _passing(text: str) -> frozenset[GatedPattern]:
    """The gated patterns that may match ``text``: one pass over the text's key pieces instead
    of one test per pattern (the engine asks some 40 patterns about each question)."""
    global _memo
    memo = _memo
    if memo[0] == text:
        return memo[2]
    grams = _pieces(text)
    passing = frozenset(
        pattern for key in grams & _keys for pattern, whole in _index[key] if whole <= grams
    )
    _memo = (text, grams, passing)  # one assignment: safe to share between threads
    return passing


#: English letters from most to least frequent: rarer letters make a more telling piece.
_LETTERS = "etaoinsrhldcumfpgwybvkxjqz"


def _pieces(string: str) -> frozenset[str]:
    return frozenset([string[i : i + 3] for i in range(len(string) - 2)])


def _key(string: str) -> str:
    """The piece of ``string`` least likely to turn up by chance in a question."""
    pieces = [string[i : i + 3] for i in range(len(string) - 2)]
    return max(pieces, key=lambda p: sum(_LETTERS.find(c) for c in p))


def required_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings at least one of which occurs in every match of ``pattern``, or None when the
    pattern has no such set worth testing (a branch with no literal of two or more characters).
    """
    if _parser is None:
        return None
    return _best(_candidates(_parser.parse(pattern, flags).data))


def _candidates(items: Iterable[tuple[Any, Any]]) -> list[frozenset[str]]:
    """Each entry is a set of strings one of which every match of the sequence contains."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(value))
        elif name in _ZERO_WIDTH:
            continue  # consumes nothing: the literals either side stay adjacent
        elif name == "SUBPATTERN":
            flush()
            if not value[1] and not value[2]:  # (?i:...) would change what its literals match
                found.extend(_candidates(value[-1].data))
        elif name == "BRANCH":
            flush()
            options = [_best(_candidates(option.data)) for option in value[1]]
            if all(options):
                found.append(frozenset().union(*(o for o in options if o)))
        elif name in _REPEATS:
            flush()
            if value[0] >= 1:
                found.extend(_candidates(value[2].data))
        else:  # a character class, any character, a back-reference: ends the literal run
            flush()
    flush()
    return found


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective candidate: no everyday word in it, then the longest shortest string,
    then the fewest strings."""
    usable = [_minimal(c) for c in candidates if min(len(s) for s in c) >= 2]
    if not usable:
        return None
    return max(
        usable,
        key=lambda c: (
            not any(s.strip() in _COMMON for s in c),
            min(len(s) for s in c),
            -len(c),
        ),
    )


def _minimal(strings: frozenset[str]) -> frozenset[str]:
    """Drop each string that contains another: finding the shorter one is already enough."""
    return frozenset(s for s in strings if not any(o != s and o in s for o in strings))
