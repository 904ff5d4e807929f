"""Digest coverage: what ``newsbot digest check`` warns about (never errors).

Article sentences no topic cites, keywords shared by two or more topics, and topics that
none of their own example questions reach.
"""

from __future__ import annotations

from collections import defaultdict

from newsbot.digest import normalise_quotes, split_sentences
from newsbot.engine import Engine
from newsbot.wording import normalise

#: The publisher's boilerplate starts here; it is provenance, not content to cite.
DISCLAIMER_MARK = "legal disclaimer"


def coverage_report(engine: Engine) -> list[str]:
    digest = engine.digest
    warnings: list[str] = []
    cited = [normalise_quotes(c) for t in digest.topics for c in t.cites]
    for sentence in split_sentences(digest.text):
        if sentence.casefold().startswith(DISCLAIMER_MARK):
            break
        plain = normalise_quotes(sentence)
        if not any(c in plain or plain in c for c in cited):
            warnings.append(f"no topic cites: {sentence[:90]!r}")
    owners: dict[str, set[str]] = defaultdict(set)
    for topic in digest.topics:
        for keyword in topic.keywords:
            owners[normalise(keyword)].add(topic.id)
    for keyword, ids in sorted(owners.items()):
        if len(ids) > 1:
            warnings.append(f"keyword {keyword!r} is shared by {', '.join(sorted(ids))}")
    for topic in digest.topics:
        if topic.questions and not any(
            engine.answer(q).topic == topic.id for q in topic.questions
        ):
            warnings.append(f"topic {topic.id!r}: none of its example questions reaches it")
    return warnings
