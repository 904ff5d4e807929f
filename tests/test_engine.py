"""The answer engine, through its public API: what a reader would notice in each reply."""

from __future__ import annotations

import re

import pytest

from newsbot.digest import normalise_quotes
from newsbot.engine import Engine
from newsbot.reply import GROUNDED_HANDLERS, Reply

#: Questions of every kind, for the properties every reply must have.
QUESTIONS = [
    "who is Zhao Leji?",
    "why did china block kpop lol",
    "tl;dr",
    "what did Lee say?",
    "any quotes?",
    "where is this article from?",
    "why is lee visiting china",
    "what about north korea",
    "hypersonic missiles?",
    "is lee going to tokyo",
    "what are the fish farms about",
    "hi",
    "thanks",
    "what can you do",
    "what's the weather in Paris",
    "how many people live in shanghai",
    "how tall is kim jong un",
    "",
    "   ",
    "🙂",
    "a" * 5000,
    "<b>hi</b>",
    "日本語の質問",
    "李在明 中国",
]


def test_who_is_zhao_leji(engine: Engine) -> None:
    reply = engine.answer("who is Zhao Leji?")
    assert reply.handler == "entity"
    assert reply.grounded
    assert "parliament chairman" in reply.text


def test_the_examples_in_help_are_answered(engine: Engine) -> None:
    title = engine.digest.article.title
    examples = [q for q in re.findall(r"“([^”]+)”", engine.help().text) if q != title]
    assert len(examples) >= 2
    for question in examples:
        reply = engine.answer(question)
        assert reply.grounded, question


def test_kpop_question_gets_the_ban_and_its_year(engine: Engine) -> None:
    reply = engine.answer("why did china block kpop lol")
    assert (reply.handler, reply.topic, reply.grounded) == ("topic", "kpop_ban", True)
    assert "2016" in reply.text


def test_tldr_is_the_summary(engine: Engine) -> None:
    reply = engine.answer("tl;dr")
    assert reply.handler == "summary"
    assert reply.grounded
    assert reply.text == engine.summary().text


@pytest.mark.parametrize("question", ["hi", "hello!", "thanks", "thank you so much"])
def test_small_talk_is_chitchat_and_not_grounded(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.handler == "chitchat"
    assert not reply.grounded


def test_off_topic_question_is_declined_with_suggestions(engine: Engine) -> None:
    reply = engine.answer("what's the weather in Paris")
    assert reply.handler == "fallback"
    assert not reply.grounded
    assert 2 <= len(reply.suggestions) <= 3
    ids = {t.id for t in engine.digest.topics}
    assert all(s.topic in ids and s.title for s in reply.suggestions)


def test_every_decline_offers_two_or_three_topics(engine: Engine) -> None:
    for question in ("how tall is kim jong un", "is takaichi married", "peace out!"):
        reply = engine.answer(question)
        assert not reply.grounded
        if reply.handler == "fallback":
            assert 2 <= len(reply.suggestions) <= 3, question


def test_near_miss_about_an_article_place_is_not_grounded(engine: Engine) -> None:
    reply = engine.answer("how many people live in shanghai")
    assert not reply.grounded
    assert reply.handler == "fallback"


def test_tell_me_more_follows_the_previous_topic(engine: Engine) -> None:
    first = engine.answer("why did china block kpop lol")
    more = engine.answer("tell me more", previous=first)
    assert more.handler == "followup"
    assert more.topic == first.topic == "kpop_ban"
    assert more.grounded


def test_tell_me_more_without_context_is_not_a_followup(engine: Engine) -> None:
    reply = engine.answer("tell me more")
    assert reply.handler != "followup"


@pytest.mark.parametrize("question", ["", "   ", "🙂", "a" * 5000, "<b>hi</b>", "日本語の質問"])
def test_odd_input_gets_a_reply(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert isinstance(reply, Reply)
    assert reply.text.strip()
    assert len(reply.text) <= 1200


@pytest.mark.parametrize("question", QUESTIONS)
def test_grounded_replies_cite_the_article_verbatim(engine: Engine, question: str) -> None:
    article = normalise_quotes(engine.digest.text)
    reply = engine.answer(question)
    if reply.grounded:
        assert reply.citations, "a grounded reply shows where the article says it"
    for citation in reply.citations:
        assert normalise_quotes(citation) in article
    if reply.quote:
        assert normalise_quotes(reply.quote) in article


@pytest.mark.parametrize("question", QUESTIONS)
def test_grounded_flag_follows_the_handler(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded == (reply.handler in GROUNDED_HANDLERS)


def test_command_replies_follow_the_grounded_rule(engine: Engine) -> None:
    article = normalise_quotes(engine.digest.text)
    for reply in (
        engine.start(),
        engine.help(),
        engine.summary(),
        engine.topics(),
        engine.briefing(),
        engine.source(),
    ):
        assert reply.grounded == (reply.handler in GROUNDED_HANDLERS), reply.handler
        assert all(normalise_quotes(c) in article for c in reply.citations)
    assert not engine.topics().grounded
    assert not engine.help().grounded
    assert engine.summary().grounded
    assert engine.source().grounded


def test_topics_has_a_button_per_topic(engine: Engine) -> None:
    reply = engine.topics()
    targets = [b.target for b in reply.buttons if b.action == "topic"]
    assert targets == [t.id for t in engine.digest.topics]


def test_topic_by_id(engine: Engine) -> None:
    assert engine.topic("nope") is None
    for topic in engine.digest.topics:
        short = engine.topic(topic.id)
        more = engine.topic(topic.id, more=True)
        assert short is not None
        assert more is not None
        assert short.topic == more.topic == topic.id
        assert short.grounded
        assert more.grounded
        assert len(short.text) <= 1200
        assert len(more.text) <= 1200


@pytest.mark.parametrize("query", ["", "kpop", "north korea missiles", "zzzz", "a" * 5000])
def test_search_returns_at_most_fifty_cards(engine: Engine, query: str) -> None:
    cards = engine.search(query)
    assert len(cards) <= 50
    assert all(isinstance(c, Reply) for c in cards)
    assert len(engine.search(query, limit=2)) <= 2


def test_search_for_a_topic_puts_it_first(engine: Engine) -> None:
    cards = engine.search("kpop ban")
    assert cards
    assert cards[0].topic == "kpop_ban"


def test_same_question(engine: Engine) -> None:
    assert engine.same_question("Why did China ban K-pop?", "why did china ban kpop")
    assert engine.same_question("@newsbot who is Zhao Leji?", "who is zhao leji")
    assert not engine.same_question("who is Zhao Leji?", "why did china ban kpop")


def test_cached_answers_still_follow_the_conversation(engine: Engine) -> None:
    kpop = engine.answer("why did china ban kpop")
    sea = engine.answer("what are the chinese structures at sea")
    assert engine.answer("tell me more", kpop).topic == "kpop_ban"
    assert engine.answer("tell me more", sea).topic == "maritime"
    assert engine.answer("tell me more", kpop).topic == "kpop_ban"  # from the cache, unchanged


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("what did they serve at the state dinner", "particulars"),
        ("has beijing officially responded to the visit", "official"),
        ("will lee sit down with takaichi", "meeting with Sanae Takaichi"),
        ("is kim jong un going to meet lee", "meeting with Kim Jong Un"),
        ("is xi also expected to visit seoul", "not Xi’s"),
        ("when did yoon go to china", "not Yoon Suk Yeol’s"),
    ],
)
def test_details_the_article_lacks_are_declined_with_the_reason(
    engine: Engine, question: str, reason: str
) -> None:
    reply = engine.answer(question)
    assert not reply.grounded
    assert reason in reply.text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("will lee meet xi", "itinerary"),
        ("who is lee meeting with in china", "itinerary"),
        ("is lee going to visit tokyo", "tokyo_trip"),
        ("why does xi care about this visit", "xi_motives"),
        ("is xi going to host lee", "itinerary"),
        ("how did china react to takaichi", "japan_taiwan"),
        ("has the outreach to the north produced results", "north_korea"),
        ("who announced the missile launches", "missiles"),
    ],
)
def test_meetings_journeys_reactions_and_results_the_article_reports_are_answered(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded, reply.text
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "what happened to maduro after he was captured",
        "who runs venezuela now",
        "odds of a war over taiwan",
        "where can i watch korean dramas",
        "who won the last election",
        "was there a joint statement",
        "did beijing promise to lift the ban",
        "how did north korea react to the visit",
    ],
)
def test_aftermath_predictions_and_unreported_outcomes_are_declined(
    engine: Engine, question: str
) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "how is venezuela's economy doing",
        "who ran venezuela before maduro",
        "yoon's economy policy",
    ],
)
def test_a_name_from_another_topic_is_not_answered_with_this_one(
    engine: Engine, question: str
) -> None:
    assert not engine.answer(question).grounded


def test_a_title_is_not_a_stray_name(engine: Engine) -> None:
    reply = engine.answer("what did japan's premier say about taiwan")
    assert reply.grounded
    assert reply.topic == "japan_taiwan"


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("did north korea say anything about the trip", False),
        ("what did washington say about it", False),
        ("what did takaichi say about taiwan", True),
        ("wat did japans prime minster say abt a chinese attack", True),
        ("what does beijing say the structures are for", True),
    ],
)
def test_reported_speech_only_from_those_the_article_reports(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


def test_the_readers_own_things_are_not_the_article(engine: Engine) -> None:
    assert not engine.answer("is my schedule clear today").grounded
    assert engine.answer("whats on lees schedule").topic == "itinerary"


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("why exactly were ties strained under yoon", False),
        ("why did the us capture maduro", False),
        ("why did korea deploy the missile defense system", False),
        ("why is this the first visit since 2019", True),
        ("why did china ban kpop", True),
        ("why did north korea test missiles", True),
    ],
)
def test_why_is_answered_only_when_the_article_gives_the_cause(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


def test_a_predecessor_the_article_does_not_name_is_declined(engine: Engine) -> None:
    assert not engine.answer("who was south korea's president before yoon").grounded
    assert engine.answer("who was president before lee").topic == "first_visit"


def test_the_readers_own_gadgets_are_off_topic(engine: Engine) -> None:
    assert not engine.answer("upgrade my phone plan to the next level").grounded
    assert engine.answer("my professor says this trip is about mending fences").grounded


@pytest.mark.parametrize(
    "question",
    [
        "please set a meeting with nancy at 4 pm",
        "remind me to read about the banquet",
        "where you from",
        "what site publishes the most fake news",
        "what new reality shows are there for 2019",
    ],
)
def test_assistant_requests_are_not_answered_from_the_article(
    engine: Engine, question: str
) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "which political party is lee in",
        "how old is zhao leji",
        "how does a missile defence battery actually work",
        "will china invade taiwan",
        "is ein presswire a public company",
        "what was the total trade volume last year",
        "does japan have enough troops to defend taiwan",
    ],
)
def test_general_knowledge_near_misses_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_analytic_how_questions_are_still_answered(engine: Engine) -> None:
    assert engine.answer("how does seoul regard the chinese structures at sea").grounded
    assert engine.answer("how did beijing react to takaichi").grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("how did north korea react to maduro's capture", True),
        ("how did beijing react to tokyo's comments", True),
        ("how did south korea respond to the ban", False),
        ("how did tokyo react to lee going to china", False),
        ("any chance china lifts the kpop ban", True),
        ("odds of war in taiwan", False),
        ("what did the japanese prime minister say about taiwan", True),
    ],
)
def test_reactions_and_chances_follow_who_the_article_says_did_what(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    "question",
    [
        "could you give me a quick overview of what this article covers?",
        "would you kindly provide a concise précis of the report?",
        "explain in a few words what happened",
    ],
)
def test_summary_requests_in_many_words(engine: Engine, question: str) -> None:
    assert engine.answer(question).handler == "summary"


def test_how_old_is_the_ban_asks_how_long(engine: Engine) -> None:
    reply = engine.answer("how old is the ban on korean entertainment in china")
    assert reply.topic == "kpop_ban"
    assert "decade" in reply.text
    assert not engine.answer("how old is zhao leji").grounded


def test_a_quote_question_gets_the_quote_on_its_topic(engine: Engine) -> None:
    reply = engine.answer("how did lee describe china's role in reunification?")
    assert "cooperative partner" in reply.text


@pytest.mark.parametrize(
    ("question", "handler"),
    [
        ("ELI5 this whole korea china thing", "summary"),
        ("gimme the short version, i got a fare in 5", "summary"),
        ("Which news service distributed this article?", "source"),
        ("do they guarantee the info is accurate?", "source"),
        ("who is zhao leji, never herd of him", "entity"),
    ],
)
def test_requests_wrapped_in_chatter(engine: Engine, question: str, handler: str) -> None:
    assert engine.answer(question).handler == handler


def test_the_readers_family_is_framing_but_a_leaders_family_is_biography(
    engine: Engine,
) -> None:
    assert engine.answer("my daughter says her idols can't play in china, still a thing?").grounded
    assert not engine.answer("what's the name of kim jong un's daughter").grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Will the maritime buildup be addressed during the visit?", "maritime"),
        ("Who Mr Lee will meet in Beijing?", "itinerary"),
        ("How did the PRC react to Tokyo's remarks on Taiwan?", "japan_taiwan"),
        ("remind me what position takaichi holds", "japan_taiwan"),
    ],
)
def test_plain_questions_in_unusual_wording(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded, reply.text
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "who is the president of taiwan these days",
        "who was li qiang's predecessor as chinese premier",
        "is kim jong un sick again",
        "is bitcoin legal in china or still banned",
        "is it cold in beijing this time of year",
        "how does china's national people's congress pass laws",
    ],
)
def test_more_near_misses_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_office_holders_the_article_names_are_answered(engine: Engine) -> None:
    assert engine.answer("who is the chairman of parliament that lee will meet?").grounded
    assert engine.answer("who was lee's predecessor").topic == "first_visit"


@pytest.mark.parametrize(
    "question",
    [
        "so how did the tokyo trip go after",
        "is takaichi right that japan should defend taiwan?",
        "who would win if china and japan actually went to war",
        "did takaichi ever take back her taiwan comments",
        "how do you say 'new starting point' in korean?",
        "why is there still no peace treaty ending the korean war",
    ],
)
def test_opinions_aftermath_and_translation_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_is_it_right_that_asks_what_the_article_says(engine: Engine) -> None:
    reply = engine.answer(
        "is it right that seoul sees the chinese sea platforms as a security risk?"
    )
    assert reply.topic == "maritime"


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("give it to me in a nutshell, son", True),
        ("where does japan even fit into this story", True),
        ("where does seoul sit in the japan-china taiwan spat", True),
        ("Where in Beijing did Lee give his remarks to the Korean residents?", False),
        ("what did the chinese foreign ministry say about the visit", False),
        ("did lee and xi do a press conference together", False),
    ],
)
def test_where_questions_and_official_voices(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why is maduro even mentioned in an article about korea lol?", "missiles"),
        (
            "Who is Sanae Takaichi, and why does she show up in a story about Korea?",
            "japan_taiwan",
        ),
        ("Besides the pop culture ban, what other issue is likely to be raised?", "maritime"),
        ("Will the offshore installations be raised during the talks?", "maritime"),
    ],
)
def test_why_a_name_is_in_the_story_and_what_else_is_raised(
    engine: Engine, question: str, topic: str
) -> None:
    assert engine.answer(question).topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "are they serving peking duck at the banquet",
        "did china actually give lee the assurances he wanted",
        "so will the k-pop ban actually be lifted after this?",
        "can you name the independence fighters lee plans to pay tribute to?",
        "do people in korea actually support this trip",
    ],
)
def test_unreported_details_outcomes_and_public_opinion(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_what_lee_gave_or_delivered_is_his_reported_speech(engine: Engine) -> None:
    assert engine.answer(
        "what message did lee deliver to the korean diaspora in beijing?"
    ).grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("hypersonic means what speed exactly, mach 5?", False),
        ("who was premier before li qiang?", False),
        ("what's taiwan's population, roughly?", False),
        ("can you sum up the key points for my school report?", True),
        ("is seoul cozying up to beijing at tokyo's expense?", True),
    ],
)
def test_definitions_anywhere_and_idioms(engine: Engine, question: str, grounded: bool) -> None:
    assert engine.answer(question).grounded is grounded


def test_a_compliment_is_small_talk(engine: Engine) -> None:
    assert engine.answer("lol you're sharper than some of my students").handler == "chitchat"


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("sorry if this is dumb but why is china mad at japan rn", True),
        ("Nut graf, please.", True),
        ("two-sentence brief on this story for our board?", True),
        ("is taipei in taiwan or china", False),
        ("which country has the most hypersonic missiles in the world?", False),
        ("what sort of fish are commonly raised on chinese fish farms?", False),
    ],
)
def test_preambles_newsroom_words_and_more_near_misses(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why lee go china anyway. business?", "purpose"),
        (
            "Hi po, why is President Lee actually flying to China? asking for my patients",
            "purpose",
        ),
        ("Aye so whit's the point o this trip tae China then, whit's Lee efter?", "purpose"),
        ("ok pero porque is president lee even going to china??", "purpose"),
        ("Did he gie a wee speech tae the Koreans bidin in Beijing?", "new_start"),
        ("Why would Beijing want this visit at all?", "xi_motives"),
    ],
)
def test_why_he_is_going_in_any_words(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "why is xi going to seoul",
        "why would beijing want lee to come",
        "why is lee going to the dentist",
    ],
)
def test_why_go_needs_the_trip_itself(engine: Engine, question: str) -> None:
    assert engine.answer(question).topic != "purpose"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("In the analysts' reading, what is Xi hoping to get out of receiving Lee?", "xi_motives"),
        ("Is China trying to get Korea to side with it against Japan?", "xi_motives"),
        ("from china's side, what do they want from seoul right now?", "xi_motives"),
        ("what is lee hoping to get out of xi", "purpose"),
        (
            "Once the Beijing meetings wrap up, what's the agenda for Shanghai?",
            "independence_activists",
        ),
    ],
)
def test_what_the_host_wants_is_not_what_the_guest_wants(
    engine: Engine, question: str, topic: str
) -> None:
    assert engine.answer(question).topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "what did the japanese premier come out with that has beijing fuming?",
        "takaichi says japan would fight if the mainland moves on taiwan?? typical",
        "as someone from taipei i gotta ask, did tokyo hint it'd step in if china attacked?",
    ],
)
def test_takaichis_remark_in_heated_words(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.topic == "japan_taiwan"
    assert reply.grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("japan visit also planned?? what month", True),  # "later this month"
        ("In what month and year did Takaichi take office?", False),
        ("Our nurse said no Korean president went to China for years. Since what year?", True),
        ("xi said no to lifting the kpop ban?", False),
    ],
)
def test_months_and_refusals(engine: Engine, question: str, grounded: bool) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "handler"),
    [
        ("Grandpa asked me who Zhao Leji is and I had no idea. What's his role?", "entity"),
        ("who tf is zhao leji, is he a big deal", "entity"),
        ("who is zhao leji's wife", "fallback"),
        ("why xi wants lee", "topic"),
    ],
)
def test_who_someone_is_with_chatter_around_it(
    engine: Engine, question: str, handler: str
) -> None:
    assert engine.answer(question).handler == handler


@pytest.mark.parametrize(
    ("question", "handler"),
    [
        ("Save me the trouble of reading this propaganda. What's it about?", "summary"),
        ("I got a fare in 5 min, sum this thing up for me real fast", "summary"),
        ("Whit's aw this aboot then?", "summary"),
        ("what is it about the fish farms that worries seoul", "topic"),
        ("sauce?? where'd this article come from", "source"),
        ("who wrote this thing, where's it from", "source"),
        ("who wrote this?", "fallback"),  # no author is named
    ],
)
def test_summary_and_source_asked_in_passing(engine: Engine, question: str, handler: str) -> None:
    assert engine.answer(question).handler == handler


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("which guy is hosting Lee's big state dinner? asking for my assistant coach lol", True),
        ("When the Beijing part is finished, which Chinese city is the next stop?", True),
        ("beijing finish, then next city?", True),
        ("do we know what xi fed him at that banquet? asking for my stomach", False),
        ("when is the banquet?", False),  # the article gives no date for it
    ],
)
def test_itinerary_in_chatty_words(engine: Engine, question: str, grounded: bool) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("whats the lee quote to the koreans in beijing", "new_start"),
        ("lee called china his wat?? bestie??", "partner_quote"),
        ("lee's exact description of china in that last quote?", "partner_quote"),
        ("Did Lee butter up the Chinese at all? Give me the line", "partner_quote"),
        ("Is there a direct quotation from Lee in the report? What does it say?", None),
    ],
)
def test_which_quote(engine: Engine, question: str, topic: str | None) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "What was said between Xi and Lee behind closed doors?",
        "in tokyo lee meet who?",
        "will takaichi and lee actually have a summit when he's in japan?",
        "Where will the Lee-Xi summit be held, the Great Hall of the People?",
        "How far did the hypersonic missiles fly?",
        "What security arrangements are in place for Lee in Beijing?",
        "korea opposition party mad about this trip?",
        "Does Japan possess nuclear weapons of its own?",
        "who'll take over from kim jong un when he's gone",
        "did blackpink ever perform in china??",
        "k-drama recs for a long bus ride?",
    ],
)
def test_near_misses_of_the_visit_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_how_is_your_day_is_small_talk(engine: Engine) -> None:
    assert engine.answer("hey buddy how's your day goin").handler == "chitchat"


@pytest.mark.parametrize(
    "question",
    [
        "who's the president of taiwan again?",
        "kim jong un has a daughter who's in the news a lot, what's she called",
        "what's xi jinping's age now?",
        "Before Li Qiang was premier, what job did he hold?",
        "korea had which president when the us missile system came in?",
        "Hoo dae offshore fish farms in China work, cages or ponds?",
        "What does South Korea's Ministry of Unification do?",
        "Any reports of Xi's words to Lee during the dinner?",
        "How much is EIN Presswire charging for press releases these days?",
    ],
)
def test_people_and_institutions_beyond_the_article(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("THAAD beef still messing w kpop in china?", "kpop_ban"),
        ("For how many years has the de facto Hallyu blackout in China lasted?", "kpop_ban"),
        (
            "In Lee's own words, what place does China occupy in achieving unification?",
            "partner_quote",
        ),
    ],
)
def test_still_blackouts_and_a_place_that_is_no_venue(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "What benefits accrue to Xi from this visit?",
        "xi why invite lee",
        "According to the analysts, what is Xi's reason for welcoming the Korean president?",
        "I don't understand, for Xi what is benefit of this meeting with Lee?",
    ],
)
def test_what_the_host_gains(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == "xi_motives"


def test_the_host_as_destination_is_not_the_host_wanting(engine: Engine) -> None:
    assert engine.answer("Lee China visit goal").topic == "purpose"


@pytest.mark.parametrize(
    ("question", "handler", "topic"),
    [
        ("wait whats lee actually after in china.. sorry stirring the pot", "topic", "purpose"),
        ("mission of this beijing trip, short answer", "topic", "purpose"),
        ("xi suddenly so friendly with korea... what he want from lee", "topic", "xi_motives"),
        ("For my briefing note, could you condense the article?", "summary", None),
        ("no time to read, between inking panels 😵 main points?", "summary", None),
        ("bos, berita ini tentang apa? singkat aja", "summary", None),
        ("can you summarize my notes on the visit?", "fallback", None),
    ],
)
def test_purpose_and_summary_asked_around_asides(
    engine: Engine, question: str, handler: str, topic: str | None
) -> None:
    reply = engine.answer(question)
    assert (reply.handler, reply.topic) == (handler, topic)


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("kim jong un will be discussed also?", True),  # "Security ... is also a key topic."
        ("How does the North Korean question feature in the discussions?", True),
        ("what was discussed privately between the two presidents", False),
        ("When Lee comes to Tokyo, what will be on the agenda with Takaichi?", False),
    ],
)
def test_a_key_topic_is_on_the_table_but_the_talks_are_not_reported(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("How did the Chinese government react to the Japanese premier's remarks?", True),
        ("why did china block korean idols since like 2016??", True),
        ("Did China ever formally announce that Hallyu was banned, or was it done quietly?", True),
        ("my kid asks if china banned kpop?? why tho", True),
        ("My Dandong partner says North Korea has hundreds of nuclear bombs. Right?", False),
    ],
)
def test_reactions_causes_and_the_unofficial_ban(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    "question",
    [
        "What is President Lee expected to do once he arrives in Shanghai?",
        "in shanghai Lee visit who? my father-in-law ask me",
        "the shanghai ceremony, who is it for",
    ],
)
def test_what_lee_does_at_a_place(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == ("independence_activists", True)


def test_what_lee_does_at_a_place_the_article_lacks_is_declined(engine: Engine) -> None:
    assert not engine.answer("what is lee doing in osaka?").grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Will the President also pay a call on Japan in the coming weeks?", "tokyo_trip"),
        ("is he going to visit the japanese too so they don't feel left out", "tokyo_trip"),
        ("Mr. Lee will come to Japan also? When he come?", "tokyo_trip"),
        ("is it safe to travel to tokyo right now? planning a trip in spring", None),
        ("will xi visit tokyo next?", None),
    ],
)
def test_a_trip_the_article_plans(engine: Engine, question: str, topic: str | None) -> None:
    reply = engine.answer(question)
    assert reply.topic == topic
    assert reply.grounded is (topic is not None)


@pytest.mark.parametrize(
    "question",
    [
        "that Yoon guy, the ex-president, did they lock him up? heard rumors",
        "did any Japanese PM ever say sorry to Korea for colonial times?",
        "after maduro got nabbed who's in charge in caracas",
        "nk hypersonic missile range in km",
        "is farmed fish from china safe to eat",
        "Which district of Beijing has the largest Korean community?",
        "EIN Presswire — who's bankrolling them?",
        "What are Premier Li Qiang's main economic policies?",
        "has Washington officially weighed in on Seoul's outreach to Beijing?",
        "What will Mr. Lee and Takaichi talk about when they sit down together in Tokyo?",
        "Was anything inked on paper between the two heads of state — MOUs?",
        "these so-called experts and observers — who are they really?",
        "did they talk about port or shipping cooperation at all?",
    ],
)
def test_more_near_misses_and_unreported_details(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "what about north korea, did that come up at all",
        "japan and china fighting about which island ya?",
        "will lee get the kpop ban lifted?? huge for hybe and jyp",
    ],
)
def test_and_their_in_scope_neighbours(engine: Engine, question: str) -> None:
    assert engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "so is china gonna lift the kpop ban after this or not 🙏",
        "What dates exactly is Lee going to be in China? The piece doesn't seem to say.",
        "lee will meet north korean officials while in china?",
    ],
)
def test_what_the_host_will_do_and_dates_are_not_reported(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_lee_pushing_to_lift_the_ban_is_reported(engine: Engine) -> None:
    assert engine.answer("will lee push china to lift the kpop ban?").grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("Before Li Qiang, who was the premier? I forgot his name.", False),
        ("Who was South Korea's president in 2016?", False),
        ("does the us have a treaty to defend taiwan", False),
        ("Which Korean dramas are popular in China despite the restrictions?", False),
        ("what's that massive twisty skyscraper in shanghai called?", False),
        ("Korea's a US treaty partner, so where does that leave Seoul in this spat?", True),
    ],
)
def test_predecessors_popularity_and_us_defence(
    engine: Engine, question: str, grounded: bool
) -> None:
    assert engine.answer(question).grounded is grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Hello, may I ask what promise Lee hopes to obtain from the Chinese side?", "purpose"),
        (
            "How would you describe Seoul-Beijing relations during President Yoon's time?",
            "first_visit",
        ),
        (
            "Japanese prime minister Takaichi said what about Taiwan? Customers in my shop ask",
            "japan_taiwan",
        ),
        ("hari apa north korea try the hypersonic one? kapan itu", "missiles"),
        ("were things bad between them before this", "first_visit"),
    ],
)
def test_promises_descriptions_and_asides(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == (topic, True)


def test_capitals_are_not_the_taiwan_dispute(engine: Engine) -> None:
    assert not engine.answer("taiwan's capital city?").grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Lee policy for North — it is soft way or hard way?", "north_korea"),
        ("lee tried being nice to the north and it flopped right? shocker", "north_korea"),
        ("Lee will ask China let Korean drama and music come back?", "kpop_ban"),
        (
            "hold up china has a kpop ban?? how long has that been a thing, my whole life??",
            "kpop_ban",
        ),
    ],
)
def test_engagement_and_the_push_in_plain_words(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == (topic, True)


def test_a_subject_without_lee_pushing_is_still_no_topic(engine: Engine) -> None:
    assert not engine.answer("when is the next BTS concert").grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why is he even going there??", "purpose"),
        ("y is lee even goin 2 china lol wats da point", "purpose"),
        ("lee going to china for what exactly, us farmers wanna know", "purpose"),
    ],
)
def test_why_he_goes_there(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == (topic, True)


def test_there_after_another_place_is_that_place(engine: Engine) -> None:
    assert engine.answer("Lee go Shanghai also, for what reason he go there?").topic != "purpose"


@pytest.mark.parametrize(
    ("question", "handler"),
    [
        ("zhao leji = what title? sorry chinese names confuse me", "entity"),
        ("for the on-screen graphic i need zhao leji's title, what post does he hold", "entity"),
        ("sorry, sanae takaichi rings no bell for me - what's her role?", "entity"),
        ("how powerful is zhao leji's job actually", "fallback"),
        ("Before Li Qiang took the premier job, who had it and for how long?", "fallback"),
        ("What role does Lee think China plays in uniting the two Koreas?", "topic"),
    ],
)
def test_what_office_someone_holds_with_chatter(
    engine: Engine, question: str, handler: str
) -> None:
    assert engine.answer(question).handler == handler


def test_why_ties_were_strained_gets_the_period_the_article_gives(engine: Engine) -> None:
    reply = engine.answer("Why were relations strained before Lee came to power?")
    assert reply.grounded
    assert "Yoon Suk Yeol" in reply.text
    assert "no reason" in reply.text
    assert not engine.answer("why exactly were ties strained under yoon").grounded


@pytest.mark.parametrize(
    ("question", "grounded"),
    [
        ("lee talk to koreans in bj, what he say abt korea-china relation future", True),
        ("Did the Koreans in Beijing clap or cheer when he spoke to them?", False),
    ],
)
def test_the_speech_to_residents_but_not_its_applause(
    engine: Engine, question: str, grounded: bool
) -> None:
    reply = engine.answer(question)
    assert reply.grounded is grounded
    assert reply.topic == ("new_start" if grounded else None)


def test_a_clap_back_is_a_retort(engine: Engine) -> None:
    assert engine.answer("how did beijing clap back at tokyo's taiwan comments").grounded


@pytest.mark.parametrize(
    "question",
    [
        "SO WHO TOOK OVER IN CARACAS AFTER THE AMERICANS GRABBED MADURO?",
        "What was the name of the US operation that captured Maduro?",
        "North Korea nuclear stockpile size roughly? 50 bombs or more?",
        "Any cheap flights Seoul to Tokyo later this month? Fancy a weekend away",
        "has xi ever gone to pyongyang himself",
        "my friend in osaka asked me: is there a set day for lee's japan stop yet?",
        "in shanghai lee gonna see any big company CEO or just the history thing?",
        "japan government what say about lee go to beijing?",
        "What do opinion polls in Korea say about this visit?",
        "Lee got bring up Taiwan with Xi or not?",
        "shanghai portion = 1 day or 2?",
        "The article cites 'experts' and 'observers' — which institutions are these?",
    ],
)
def test_yet_more_details_and_near_misses(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "How does Beijing justify the structures it has built at sea?",
        "Lee called it a 'fresh start'? like a New Year's resolution? what were his actual words",
        "Is Lee mainly trying to fix things with China? like after a dispute with a contractor",
    ],
)
def test_and_the_in_scope_questions_beside_them(engine: Engine, question: str) -> None:
    assert engine.answer(question).grounded


def test_how_is_your_day_after_an_aside(engine: Engine) -> None:
    assert engine.answer("hi hi, slow day at the salon, how ur day going?").handler == "chitchat"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Which leader before was in power when Korea and China relation go bad?", "first_visit"),
        ("lee가 중국 파트너라고 했다며? 정확히 뭐라함", "partner_quote"),
        ("Does Lee say anything positive about China's role in securing peace?", "partner_quote"),
        ("What is the official Chinese explanation for the seaborne facilities?", "maritime"),
        ("do they get wined and dined by xi or is it all just boring meetings lol", "itinerary"),
        ("so china n japan r beefin rn?? ovr wat tho", "japan_taiwan"),
    ],
)
def test_chat_words_korean_and_officialese(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == (topic, True)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("AFTER BEIJING HE HEADS DOWN TO SHANGHAI, WHAT FOR?", "independence_activists"),
        ("The Shanghai stop - what is on Lee's programme there?", "independence_activists"),
        ("What pressures is Xi under that make Lee useful to him?", "xi_motives"),
        ("ok but why does xi even care about lee coming over", "xi_motives"),
        ("the japan trip - this week? next year?", "tokyo_trip"),
    ],
)
def test_stops_pressures_and_the_japan_trip(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert (reply.topic, reply.grounded) == (topic, True)


def test_a_shanghai_near_miss_stays_declined(engine: Engine) -> None:
    assert not engine.answer("what's the tallest building in shanghai").grounded


@pytest.mark.parametrize(
    "question",
    [
        "Do Taiwanese churches have much freedom compared to the mainland ones?",
        "can hypersonic missiles be shot down at all or no",
        "why exactly did the US go after Maduro?",
        "Who sits in Taiwan's presidential office at the moment? Is it still Lai?",
        "does south korea buy much american beef these days",
        "After his capture, in which prison is Mr. Maduro being kept?",
        "What is the total duration of the President's stay in China?",
        "What's the name of the place in Shanghai where Lee will honor the activists?",
        "Is there going to be a joint presser with both leaders at the end?",
        "is washington okay with him cozyin up to china",
        "What message did Premier Li Qiang convey in his talks with the President?",
    ],
)
def test_the_last_round_of_near_misses(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "Are maritime disputes expected to come up in the talks?",
        "which industry benefits if the ban ends",
        "Duration of the unofficial Hallyu ban?",
        "on the ship wifi so quick q — lee said this trip is a new beginning for korea-china?",
    ],
)
def test_their_in_scope_neighbours(engine: Engine, question: str) -> None:
    assert engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why china government so happy lee come?", "xi_motives"),
        ("ok so xi is being super welcoming... is he after something from lee?", "xi_motives"),
        ("so like what is lee even trying to get out of this whole china thing", "purpose"),
        ("zhao leji = which billet?", "itinerary"),  # his entity card, filed under its topic
        ("Why can't Korean idols and dramas be shown freely in China?", "kpop_ban"),
    ],
)
def test_welcomes_billets_and_whole_china_things(
    engine: Engine, question: str, topic: str | None
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "handler", "topic"),
    [
        ("Li Qiang: which post does he hold?", "entity", "itinerary"),
        ("remind me what role zhao leji holds here", "entity", "itinerary"),
        ("gist of the article, one line", "summary", None),
        ("the vibes of this article in two sentences pls", "summary", None),
        ("Please distil this report into a couple of sentences.", "summary", None),
        ("thanks a lot for your kind explanation", "chitchat", None),
        ("Did the distributor attach a legal caveat? I'm citing it for tourists.", "source", None),
        ("if the story turns out wrong, who takes the blame", "source", None),
        ("what's Takaichi's Taiwan comment got to do with Seoul", "topic", "japan_taiwan"),
        ("how did beijing react to the japanese leader's taiwan comment", "topic", "japan_taiwan"),
        ("is china gonna let kpop back in or not", "topic", "kpop_ban"),
        ("why is china angry about korean dramas", "topic", "kpop_ban"),
        ("xi needs something from lee? what", "topic", "xi_motives"),
        ("what is the Chinese leader thought to be after here", "topic", "xi_motives"),
        ("does pyongyang even talk to lee", "topic", "north_korea"),
        ("Lee North Korea policy, any results?", "topic", "north_korea"),
        ("lee popping over to japan too?", "topic", "tokyo_trip"),
        ("this korea president visit tokyo after? how many weeks later", "topic", "tokyo_trip"),
        ("why is the shanghai leg of the journey significant", "topic", "independence_activists"),
        ("gimme lee's exact words on the trip", "quote", "new_start"),
        ("a quotable soundbite from lee about china?", "quote", "partner_quote"),
    ],
)
def test_loose_phrasings_of_known_answers(
    engine: Engine, question: str, handler: str, topic: str | None
) -> None:
    reply = engine.answer(question)
    assert (reply.handler, reply.topic) == (handler, topic)


@pytest.mark.parametrize(
    "question",
    [
        "is Yoon Suk Yeol facing trial these days?",
        "how exactly did the US grab Maduro, operationally?",
        "which idol groups have the biggest fanbase in china",
        "what does zhao leji's job actually involve",
        "how does thaad function technically",
        "what food is served at the banquet",
        "did lee and xi shake hands",
        "do they hold a press conference afterwards",
        "which memorial exactly in shanghai",
        "will lee raise the defectors held in china",
        "how do i get a job at ein presswire",
        "they sign business contract this visit?",
        "is shanghai more big than beijing",
        "are they big in china, the idols",
        "which chip stocks are exposed to a taiwan crisis",
        "how does a salmon sea cage work",
        "will the two leaders release a communique",
    ],
)
def test_this_rounds_near_misses_and_unstated(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what outcome is Lee pushing for on the k-pop ban", "kpop_ban"),
        ("did lee talk about taking relations to a new level", "new_start"),
        ("how did beijing react when the japanese pm floated a military response", "japan_taiwan"),
    ],
)
def test_aims_own_speech_and_one_reaction_are_not_unreported_outcomes(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


def test_what_lee_raised_with_xi_stays_unreported(engine: Engine) -> None:
    assert not engine.answer("did lee talk about taiwan with xi").grounded


@pytest.mark.parametrize(
    "question",
    [
        "when did a ROK president last set foot in the PRC",
        "korean president not go china how long?",
        "how long since a korean leader visited beijing",
    ],
)
def test_when_a_president_last_went_to_china(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == "first_visit"


def test_the_last_visit_elsewhere_is_not_this_story(engine: Engine) -> None:
    assert not engine.answer("when was the last time the president visited florida").grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why does chee jinping want lee's backing so bad", "xi_motives"),
        ("xi being all welcoming... what does he want out of lee", "xi_motives"),
        ("and beijing, what do they get from hosting him", "xi_motives"),
    ],
)
def test_names_heard_wrong_and_the_hosts_side(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question", ["Xi Jinping's birth year?", "who was kim gu", "is kim jong un crazy"]
)
def test_a_word_beside_a_name_is_still_a_word(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    ["tl;dr pls, the sauna's heating up", "I am busy with harvest. this news, main thing?"],
)
def test_a_summary_asked_in_one_clause_beside_an_aside(engine: Engine, question: str) -> None:
    assert engine.answer(question).handler == "summary"


def test_the_point_of_a_stop_is_not_a_summary(engine: Engine) -> None:
    assert (
        engine.answer("shanghai stop = ??? what's the point of going there").handler != "summary"
    )


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("ugh, why is lee even going to china rn", "purpose"),
        ("does lee have a mtg with the premier", "itinerary"),
        ("is he heading to jp after this", "tokyo_trip"),
        ("wow can't recall, when did a korean president last go to china", "first_visit"),
    ],
)
def test_chatty_asides_and_abbreviations_are_not_the_question(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("so japan gets snubbed while lee cozies up to xi?", "tokyo_trip"),
        ("will lee get korean dramas unblocked over there", "kpop_ban"),
        ("more north korean fireworks this week, what were they?", "missiles"),
        ("what label does lee stick on china", "partner_quote"),
    ],
)
def test_slang_for_snubs_unblocking_fireworks_and_labels(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "has north korea said anything about lee going to beijing",
        "any reaction from washington on the trip?",
        "did the us state express concern over seoul getting close to china",
        "how did beijing respond to lee's request on the kpop ban",
        "do ordinary koreans approve of the trip",
        "did lee meet anyone from pyongyang secretly while there",
    ],
)
def test_reactions_to_the_visit_itself_are_unstated(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "is taiwan a sovereign country or a province of china",
        "who currently runs japan's government",
        "which blackpink member is most popular in china",
        "what happened in the latest us china trade negotiations",
        "does vietnam have any ban on korean dramas too",
        "help me structure an essay on fisheries policy",
        "is lee left wing or right wing",
        "what's the carbon footprint of a missile launch",
    ],
)
def test_general_knowledge_beside_the_articles_subjects_is_declined(
    engine: Engine, question: str
) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("my housemate keeps bringing up takaichi, what was her comment", "japan_taiwan"),
        ("what is lee hoping xi will promise him on trade", "purpose"),
        ("once the banquet is concluded where does lee go", "itinerary"),
        ("how does seoul handle this whole taiwan firestorm", "japan_taiwan"),
    ],
)
def test_who_asks_a_hope_and_a_temporal_clause_do_not_decline(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "will xi fly to seoul for a return visit next year",
        "which people led the exile government back then",
        "who was the president who visited in 2019",
        "did lee take a direct flight to beijing",
        "how big was the crowd at the expat speech, thousands?",
        "is the prime minister's wife on the trip too",
        "how do those chinese sea farms raise fish",
        "what are ein presswire's rate tiers for a client announcement",
        "are the shipping lanes near taiwan safe for cargo vessels",
        "how do the structures affect fishing communities",
    ],
)
def test_particulars_names_and_trade_questions_the_article_lacks(
    engine: Engine, question: str
) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("aside from the xi dinner, which other officials is he seeing", "itinerary"),
        ("was china's block on k-dramas ever formally declared", "kpop_ban"),
        ("why has maduro been dragged into an article about korea", "missiles"),
        ("did korea and china have a common enemy back then", "independence_activists"),
        ("is seoul tacking away from japan", "tokyo_trip"),
        ("will lee get the restrictions on korean music removed", "kpop_ban"),
    ],
)
def test_more_of_the_same_topic_official_bans_and_relevance(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("my cousins always complain that kpop is blocked in china, why is that", "kpop_ban"),
        ("the north's hypersonic test was a reaction to what?", "missiles"),
        ("what framing did the president give the trip when he spoke to koreans", "new_start"),
        ("why would xi want the visit to succeed", "xi_motives"),
        ("does lee want a promise that trade will not be used against korea", "purpose"),
        ("what scenario did takaichi raise about taiwan", "japan_taiwan"),
        ("will the president be welcomed at a banquet", "itinerary"),
        ("what does maduro have to do with the missiles, came out of nowhere", "missiles"),
    ],
)
def test_outcome_words_that_ask_for_what_the_article_reports(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "did tokyo complain about the trip",
        "did xi agree to lift the ban",
        "did china give lee the assurances he wanted",
    ],
)
def test_outcome_words_about_the_talks_still_decline(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("honestly is this visit about trade or politics", "purpose"),
        ("i'm not really into politics, but why is lee going to china", "purpose"),
        ("does lee want ties to go beyond normal", "new_start"),
        ("under whose tenure did relations with china get strained", "first_visit"),
        ("what's the econ angle here", "purpose"),
    ],
)
def test_politics_tenure_and_beyond(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    ["what did lee do before entering politics", "was xi a lawyer before politics"],
)
def test_careers_before_politics_are_biography(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("my classmates keep arguing: why is beijing angry at tokyo", "japan_taiwan"),
        ("for my seminar, what is lee trying to achieve in beijing", "purpose"),
        ("my prof asked when a korean president last went to china", "first_visit"),
    ],
)
def test_the_readers_classmates_prof_and_seminar_are_framing(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("was it the ballistic ones or the mach 5 thing the north tested", "missiles"),
        ("who stands to profit if the culture ban goes", "kpop_ban"),
        ("will the sea platforms be discussed at the summit", "maritime"),
        ("why is lee going to china? what do i tell him", "purpose"),
    ],
)
def test_mach_five_profit_and_agenda_questions_are_answered(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "does lee stop at the provisional government hq in shanghai",
        "which k-dramas would be shown first once the ban goes",
        "is lee meeting anybody from pyongyang on this trip",
        "will the president fly to pyongyang afterwards",
        "what will they eat at the banquet, duck?",
        "what is lee's own stance on the taiwan question",
        "how are voters reacting to the trip",
        "is tokyo annoyed that lee is visiting beijing first",
        "did washington say something about lee coming to china",
        "the 2016 defence system, what is its designation",
        "has china committed to ending the kpop ban yet",
    ],
)
def test_unreported_particulars_and_reactions_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    "question",
    [
        "who is taiwan's president these days",
        "who is running venezuela now",
        "what charges were filed against maduro",
        "what led to yoon's downfall",
        "can a north korean icbm reach hawaii",
        "what is the vatican's view on korean unification",
        "what are the opening hours of the shanghai memorial",
    ],
)
def test_world_knowledge_near_the_story_is_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("does lee eat dinner with xi", "itinerary"),
        ("my wife says the pope would approve, but why is lee going to china", "purpose"),
    ],
)
def test_dinner_and_asides_are_still_answered(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why are china and korea meeting now, is it about the fish farms", "maritime"),
        ("which comment by takaichi drew such a sharp reaction from china", "japan_taiwan"),
        ("when did china last host a south korean president", "first_visit"),
    ],
)
def test_and_korea_is_not_north_korea_and_reactions_from_the_host(
    engine: Engine, question: str, topic: str
) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("why did lee even go to china in the first place", "purpose"),
        ("which big shots will lee sit down with", "itinerary"),
    ],
)
def test_idioms_are_not_content_words(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("does lee think china can help bring north and south together", "partner_quote"),
        ("what did pyongyang fire off before the trip", "missiles"),
        ("is the hallyu embargo still on", "kpop_ban"),
        ("is this a historically significant trip or routine", "first_visit"),
        ("did korea and china both fight japan back then", "independence_activists"),
        ("is beijing using korea against japan", "xi_motives"),
    ],
)
def test_neighbouring_topics_pick_the_right_one(engine: Engine, question: str, topic: str) -> None:
    reply = engine.answer(question)
    assert reply.grounded
    assert reply.topic == topic


@pytest.mark.parametrize(
    "question",
    [
        "will lee address the chinese parliament",
        "what was on the agenda of his meeting with li qiang",
        "is he giving a talk at tsinghua",
        "who organised the gathering of koreans in beijing",
        "is twice going to tour china next year",
        "is the east china sea overfished",
    ],
)
def test_more_particulars_and_named_concerts_are_declined(engine: Engine, question: str) -> None:
    assert not engine.answer(question).grounded


def test_whether_an_issue_is_on_the_agenda_is_still_answered(engine: Engine) -> None:
    reply = engine.answer("will the sea structures be on the agenda of the talks")
    assert reply.grounded
    assert reply.topic == "maritime"
