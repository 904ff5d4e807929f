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
from collections.abc import Iterable, Iterator
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


class GatedAlternation:
    """A long alternation searched branch by branch, each branch behind its own gate.

    ``\\b(visas?|tariffs?|...)\\b|how long was (yoon|he)...`` as one pattern is tried in full at
    every position of a question its gate lets through, and one common word in any branch lets
    most questions through. Split into branches (a group of options that makes up a whole branch
    is split into its options), only the branches whose own literals occur in a question run.
    ``search`` returns the match the whole pattern would return (the leftmost; at the same start,
    the earlier branch), but its groups are those of one branch: use it as a yes/no test.
    """

    __slots__ = ("always", "full", "gated", "order")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.full = re.compile(pattern, flags)
        parts = [gated(part, flags) for part in branches(pattern)]
        self.order = {part: index for index, part in enumerate(parts)}
        #: branches behind a three-letter gate, looked up in the question's passing set
        self.gated = frozenset(p for p in parts if p.keys is not None and not p.shorts)
        #: the rest test themselves (a two-letter literal, or no literal at all)
        self.always = tuple(p for p in parts if p not in self.gated)

    @property
    def pattern(self) -> str:
        return self.full.pattern

    def search(self, text: str) -> re.Match[str] | None:
        memo = _memo
        passing = memo[2] if memo[0] is text else _passing(text)
        found: re.Match[str] | None = None
        rank = len(self.order)
        for part in (*(passing & self.gated), *self.always):
            match = part.full.search(text) if part in passing else part.search(text)
            if match is None:
                continue
            order = self.order[part]
            start = match.start()
            if found is None or start < found.start() or (start == found.start() and order < rank):
                found, rank = match, order
        return found

    def __repr__(self) -> str:
        return f"GatedAlternation({self.full.pattern!r}, parts={len(self.order)})"


def gated_alternation(pattern: str, flags: int = 0) -> GatedAlternation:
    """:class:`GatedAlternation` for a long pattern that is only ever asked yes or no."""
    return GatedAlternation(pattern, flags)


def branches(pattern: str) -> list[str]:
    """The pattern's top-level branches; a branch that is one group of options between simple
    anchors (``\\b(a|b)\\b``) becomes one branch per option (``\\b(?:a)\\b``, ``\\b(?:b)\\b``)."""
    out: list[str] = []
    for branch in _split_top(pattern):
        group = _whole_group(branch)
        if group is None:
            out.append(branch)
            continue
        before, inner, after = group
        options = _split_top(inner)
        if len(options) == 1:
            out.append(branch)
        else:
            out.extend(f"{before}(?:{option}){after}" for option in options)
    return out


def _split_top(pattern: str) -> list[str]:
    """Split at ``|`` outside groups and character classes."""
    parts: list[str] = []
    start = 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, character, depth)`` for each character outside escapes and character classes;
    depth counts the groups open before that character."""
    depth = 0
    i = 0
    in_class = False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1  # "[]...]": a literal "]" first
        else:
            yield i, c, depth
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
        i += 1


_ANCHORS = frozenset({"", "\\b"})


def _whole_group(branch: str) -> tuple[str, str, str] | None:
    """``(before, inner, after)`` when the branch is ``\\b(inner)\\b``, ``(?:inner)`` or the like:
    one capturing or plain group, with at most a word boundary either side."""
    for before in ("\\b", ""):
        if not branch.startswith(before + "("):
            continue
        body = branch[len(before) + 1 :]
        if body.startswith("?:"):
            body = body[2:]
        elif body.startswith("?"):
            return None  # a look-around or a named group: left whole
        close = _closing(body)
        if close is None:
            return None
        after = body[close + 1 :]
        if after not in _ANCHORS:
            return None
        return before, body[:close], after
    return None


def _closing(body: str) -> int | None:
    """Index of the ``)`` closing a group whose content starts ``body``."""
    return next((i for i, c, depth in _structure(body) if c == ")" and depth == 0), None)


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
