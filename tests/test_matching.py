"""Normalisation and routing robustness: any text is safe, and the messy ways readers type
(mentions, commands, links, emoji, slang, typos) still reach the right topic.
"""

from __future__ import annotations

from typing import get_args

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.engine import Engine
from newsbot.render import answer_text
from newsbot.reply import Handler, Reply
from newsbot.wording import normalise, parse, stem

HANDLERS = set(get_args(Handler))

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def check_reply(engine: Engine, reply: Reply) -> None:
    ids = {t.id for t in engine.digest.topics}
    assert reply.handler in HANDLERS
    assert reply.topic is None or reply.topic in ids
    assert len(reply.text) <= 1200
    assert len(answer_text(reply)) <= 1200


@FUZZ
@given(st.text(max_size=5000))
def test_parse_never_raises_and_is_deterministic(text: str) -> None:
    first, second = parse(text), parse(text)
    assert first == second
    assert normalise(text) == normalise(text)


@FUZZ
@given(st.text(max_size=5000))
def test_answer_never_raises_on_any_text(engine: Engine, text: str) -> None:
    reply = engine.answer(text)
    assert engine.answer(text) == reply
    check_reply(engine, reply)


@FUZZ
@given(st.text(max_size=300), st.sampled_from(["tell me more", "why?", "and Japan?", "more"]))
def test_answer_with_previous_never_raises(engine: Engine, text: str, follow: str) -> None:
    previous = engine.answer(text)
    check_reply(engine, engine.answer(follow, previous))
    check_reply(engine, engine.answer(text, previous))


def test_normalise_strips_mentions_commands_links_emoji_punctuation() -> None:
    assert normalise("@newsbot why?!") == "why"
    assert normalise("/ask@newsbot why is Lee going") == "why is lee going"
    assert normalise("/ask why") == "why"
    assert normalise("see https://example.com/a?b=c and www.example.org") == "see and"
    assert normalise("hi 🙂🎉👍🏽") == "hi"
    assert normalise("Hello—world… “quoted”, (really)!") == "hello world quoted really"
    assert normalise("ＦＵＬＬ　ｗｉｄｔｈ") == "full width", "NFKC folds full-width forms"


def test_tldr_is_one_word() -> None:
    assert normalise("TL;DR") == normalise("tl;dr") == "tldr"


def test_kpop_spellings_reach_the_same_topic(engine: Engine) -> None:
    for question in ("why did china ban k-pop", "why did china ban kpop", "K-Pop ban?"):
        reply = engine.answer(question)
        assert (reply.topic, reply.grounded) == ("kpop_ban", True), question


def test_mention_and_command_do_not_change_the_answer(engine: Engine) -> None:
    plain = engine.answer("why did china ban kpop")
    for wrapped in (
        "@newsbot why did china ban kpop",
        "/ask why did china ban kpop",
        "/ask@newsbot why did china ban kpop",
        "why did china ban kpop 🤔 https://example.com",
    ):
        reply = engine.answer(wrapped)
        assert (reply.handler, reply.topic) == (plain.handler, plain.topic), wrapped


def test_typos_still_route(engine: Engine) -> None:
    zhao = engine.answer("who is zhao leiji")
    assert zhao.handler == "entity"
    assert "parliament chairman" in zhao.text
    missiles = engine.answer("north korea hypersonc missile test")
    assert (missiles.topic, missiles.grounded) == ("missiles", True)
    purpose = engine.answer("what assurances does the pressident want")
    assert (purpose.topic, purpose.grounded) == ("purpose", True)


def test_typo_in_president_routes_like_the_spelled_word(engine: Engine) -> None:
    right = engine.answer("who is the president of south korea")
    typo = engine.answer("who is the pressident of south korea")
    assert right.grounded
    assert (typo.handler, typo.grounded) == (right.handler, right.grounded)


def test_places_named_by_description_are_the_place() -> None:
    from newsbot.wording import parse

    assert "tokyo" in parse("is he visiting the Japanese capital too").words
    assert "beijing" in parse("what's happening in China's capital").words


def test_links_in_capitals_and_described_places_are_normalised() -> None:
    assert parse("/ask HTTP://X.COM what?").words == ("what",)
    assert parse("WWW.Example.com 李强是谁").words == ("李强", "who")
    assert "tokyo" in parse("when does he fly to the Japanese capital").words
    assert parse("Lee’s can’t 4 PM").words == ("lee", "can", "not", "clocktime")


def test_a_dropped_g_is_the_ing_word(engine: Engine) -> None:
    matcher = engine.matcher
    assert matcher.lookup("feudin") == matcher.lookup(stem("feuding"))
    assert matcher.lookup("feudin")
    assert engine.answer("china n japan are feudin? over what").topic == "japan_taiwan"


def test_words_typed_without_vowels_find_the_article_word(engine: Engine) -> None:
    matcher = engine.matcher
    assert matcher.lookup("bjng")[0][0] == stem("beijing")
    assert matcher.lookup("mssls")[0][0] == stem("missiles")  # not the keyword typo "missle"
    assert matcher.lookup("gist") == ()  # a real word with a vowel is never a skeleton
    reply = engine.answer("whr dz lee go nxt aftr bjng")
    assert (reply.topic, reply.grounded) == ("itinerary", True)
    assert not engine.answer("hw mny nks dz nrth krea hv").grounded


def test_a_list_number_is_not_part_of_the_question() -> None:
    assert normalise("24. Is North Korea discussed?") == "is north korea discussed"
    assert normalise("7) who are the activists") == "who are the activists"
    assert normalise("2019 was the last visit") == "2019 was the last visit"  # a year stays
