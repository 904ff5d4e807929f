"""What a question asks for, independent of which topic it is about.

Small-talk, follow-ups, summary, source and quote requests are recognised from the words
alone; the *ask* of a topical question (when, how many, where, a name, a definition, an
outcome, a prediction) decides whether the matched topic can answer it at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from newsbot.prefilter import gated, gated_alternation
from newsbot.wording import Query, stem

GREETINGS = frozenset(
    "hi hello hey heya hiya yo sup morning evening afternoon gm howdy greetings hallo hola "
    "namaste salut ciao annyeong".split()
)
THANKS = frozenset(
    "thanks thank thx ty appreciate appreciated cheers merci gracias helped bet obliged".split()
)
BYES = frozenset("bye goodbye cya later night gn goodnight farewell ttyl peace out".split())
ACKS = frozenset(
    "ok okay okie k kk cool nice great awesome good fine lol lmao haha hahaha lolol wow "
    "neat sure alright right yes no yeah nope interesting perfect amazing helpful bot "
    "got it that helps help".split()
)
FILLER = frozenset(
    "a the you your you're youre are is it that this so very much bot newsbot there all "
    "again man guys mate friend dear sir really i its me for and too as well".split()
)
FOLLOWUP = re.compile(
    r"^(and )?(tell me )?(more|go on|continue|why|how so|what else|and|elaborate|"
    r"expand|details?|more details|say more|keep going|then what|and then|such as|"
    r"like what|tell me more about (it|that|this))( please)?$"
)
SUMMARY_WORDS = frozenset(
    "summary summarize summarise summarized sum gist overview recap takeaway takeaways "
    "highlights headline headlines brief tldr synopsis digest main key points point "
    "outline short version basics bullet nutshell rundown precis précis concise distil distill "
    "condense explanation sentences sentence essence".split()
)
#: Summary words that ask for nothing else ("main", "points", "sum" have other uses).
SUMMARY_REQUESTS = frozenset(
    "summary summarize summarise gist overview recap tldr synopsis rundown precis précis "
    "nutshell eli5 bluf sitrep".split()
)
#: Words that may come with a summary request without making it about something else.
SUMMARY_FILLER = frozenset(
    "quick short brief few sentences sentence essentials simple words nutshell version "
    "rundown read only time whole entire five 5 like im i'm explain us long didnt reading "
    "happened happening going zoom zooming out bare facts fluff lines two three lazy busy "
    "hurry rush rushed tired asap fast quickly now bored sleepy pressed please click clicked "
    "here vibe vibes couple covering cover covers line one minute class classes between just "
    "full briefing note four bullet bullets points attention span core claims highlights match "
    "eyes tired sec second seconds gimme outline takeaways principal subject item current "
    "essence situation request customers "
    "affairs".split()
)
SOURCE_WORDS = frozenset(
    "source sources publisher published publish publication distributor distributed "
    "distribute press release presswire ein disclaimer warranty liability liable "
    "responsibility responsible trust trustworthy reliable reliability credible accurate "
    "accuracy copyright legal legally correctness notice author wrote writer written journalist "
    "reporter outlet "
    "origin legit hook agency outlet website site release put post posted company "
    "originally print provenance wire syndicated accountable accountability complaint "
    "complaints contact rely relied fine bottom outfit service journalism newswire "
    "newspaper".split()
)
#: Words that tie a source question to this text ("who published *this*").
SOURCE_ANCHORS = frozenset(
    "this article news story piece content report it presswire ein info information page".split()
)
#: Words that point at this very text: with them, a source question may bring words of its own.
THIS_TEXT = frozenset("this article piece story report page".split())
CJK_SUMMARY = gated(r"요약|总结|總結|摘要|概要|まとめ|要約")
AUTHOR_WORDS = frozenset("author wrote writer written journalist reporter byline".split())
AUTHOR_CONTACT = frozenset("contact complaints copyright".split())
SAID_WORDS = frozenset("say said saying says call called calls describe described".split())
QUOTE_WORDS = frozenset(
    "quote quotes quoted quotation quotations verbatim soundbite soundbites quotable phrase "
    "wording".split()
)
OUTCOME_WORDS = gated(
    r"\b(agree(?<!\bnot agree)(?<!\barticle agree)(?<!\bi agree)(?<!\bwe agree)(?<!\byou agree)d?|"
    r"agreements?|agreeing|"
    r"deals|signed|signing|sign any|blinks?|blinked|caved?|"
    r"lifted or not|xi (answer|reply)|they sign|(did|"
    r"will) (\w+ ){1,3}sign|outcome|results?|inked|"
    r"mous?|memorand\w*|"
    r"react(ed|ion)?(?! to$)(?! to (what|events?|which)\b)|respond(ed)?|"
    r"how did (\w+ ){1,2}take (it|that|this)|"
    r"succeed(?<!\bto succeed)(ed)?|success(ful)?|achieved|concluded?(?! (which|where|what|"
    r"who|does|"
    r"will|is)\b)|"
    r"announced?|(?<!\bto )end(ed)? up(?! in (a|this|the) (\w+ ){0,2}(story|article|piece))|"
    r"came out of(?! nowhere)|responses?(?! to (what|events?|which)\b)|won|winners?|winning|"
    r"say yes|"
    r"beat(?<!\bto beat)|defeated|elected|election|apologi[sz]\w*|repl(y|ied)|"
    # someone in the story complaining, not the reader's kids or suppliers
    r"(did|has|have|had) (\w+ ){1,3}complain\w*|"
    r"(lee|he|seoul|korea|china|beijing|tokyo|japan|xi) complained|"
    r"said sorry|accords?|"
    r"(lifted|ended|solved|sorted|fixed|resolved) yet|did they (actually )?(fix|solve|resolve)|"
    r"did (?!he\b|lee\b|the president\b|president\b|our president\b)(\w+ ){1,4}(actually )?"
    r"(give|grant|provide|deliver|furnish|offer|extend)|"
    r"said yes|said no(?= to\b| *[?.!,]| *$)|say ok|said ok|ban finish(ed)?)\b|"
    r"^(xi|china|beijing) promised?\b|"
    r"\bif (\w+ ){1,2}(promised|agreed|pledged|committed|guaranteed)\b|"
    r"\b(did|has|have|had)\b(?! he\b| lee\b)( \w+){1,3} "
    r"(promise|pledge|commit|guarantee|"
    r"assure)(s|d|ted)?\b"
)
#: Outcome words a topic may answer itself, with what its text must say: a reaction
#: ("prompting sharper rhetoric from China"), a result ("progress has been limited") or a report.
STATED_OUTCOMES = (
    (
        re.compile(
            r"\b(how did|did|how(?! (?:has|have|had|is|was|will|would|does|do)\b)) "
            r"(\w+)((?: \w+){0,2}) "
            r"(react|respond|take (?:it|that|this))|"
            r"\b(\w+) (react|reaction|response|reacted|reacting|responded|reacts|responds)\b"
        ),
        re.compile(r"\b(prompting|in response|following)\b"),
    ),
    (
        re.compile(r"\b(results?|achieved|succeed(ed)?|success(ful)?|outcome)\b"),
        re.compile(r"\bprogress has been\b"),
    ),
    (re.compile(r"\bannounced?\b"), re.compile(r"\breported(ly)?\b")),
)
#: Words around an actor that name no one: "how did the Chinese side react" is China.
ACTOR_FILLERS = frozenset(
    "the side government govt leadership officials authorities regime state".split()
)
#: A capital stands for its government: "how did Beijing react" is China reacting.
GOVERNMENTS = {
    "beijing": "china",
    "seoul": "south korea",
    "tokyo": "japan",
    "pyongyang": "north korea",
    "washington": "us",
    "american": "us",
    "chinese": "china",
    "japanese": "japan",
    "taiwanese": "taiwan",
    "moscow": "russia",
    "taipei": "taiwan",
}
#: "any chance China lifts the ban": a topic that states an expectation answers it.
EXPECTATION = gated(
    r"\b(is|are) (expected|likely) to\b|\bplans to\b|\bwith plans\b|\bwill (attend|meet|visit)\b"
)
CHANCE = gated(r"\b(any |what )?(chances?|odds|likelihood|likely)\b")
#: What became of someone or something after the article's events: never in the article.
AFTERMATH = gated(
    r"\bwhat happened to \w+( \w+)? (after|since|next|later)\b|\bcome to an end\b|"
    r"\b(after|once) the talks\b|\bin the end\b|\bend with a\b|\baccepted to\b|"
    r"\bhow did (the )?[\w ]+ go\b|\bwhereabouts\b|\blegal status\b|"
    r"\b(take back|taken back|took back|retract\w*|walk(ed)? back|doubl\w+ down)\b|"
    r"\b(after|since) (he|she|they|\w+) (got |was |were )?(captured|arrested|left|leaving|"
    r"removed|ousted|impeached|jailed)\b|\b(after|since) (leaving|he left|she left) office\b|"
    r"\b(who|what) (runs|rules|leads|governs) \w+ now\b|\bwhere is \w+ now\b|"
    r"\bwho (is )?(actually |really )?in charge (in|of)\b|\bwhat has happened in \w+ since\b|"
    r"\bhow many years has (?!it\b)\w+ been (running|in charge|in power|president|leader)\b|"
    r"\bwhere (is|are) [\w ]+ (holding|keeping|detaining|jailing)\b|"
    r"\b(still|currently) (in jail|in prison|alive|in power|in custody)\b|\bnow that\b|"
    r"\bwhich prison\b|\bbeing (kept|held|detained)\b|\b(get|got|was|been) arrested\b|"
    r"\bat the (last|previous|next) \w+( \w+)? (summit|meeting|conference|forum)\b"
)
DISCUSSED = gated(
    # not across a "when": "how did China respond when the Japanese PM talked about Taiwan"
    # Takaichi raising a scenario is reported; "wants to raise ties" is an aim; "the article
    # brought up": the reader's framing
    r"\b(did|was|were|has|have|had)\b(?! (she|takaichi|prime minister takaichi|our prime "
    r"minister takaichi|the japanese (pm|prime minister|leader))\b)"
    r"(?:(?!\b(when|after)\b).)*\b((?<!\barticle )discuss(ed)?|(?<!\barticle )bring up|"
    r"brought up|bringing up|commented( on)?|comment on|(?<!\bto )raised?|talk(ed)? about|"
    r"mention(ed)? to|(?<!\barticle )come up|(?<!\barticle )came up)\b|"
    r"\bwill (lee|he) (actually )?(bring up|raise) (\w+ ){1,3}with (xi|him|li qiang)\b|"
    r"\bgot (bring up|raise|talk about|discuss|mention)\b"
)
#: "what did the residents think of the speech": someone's opinion the article does not give
#: (Lee's own views are quoted, so "what does Lee think of China" is left to the topics).
OPINION_OF = gated(
    r"\b(did|do|does) (the |a |an )?(?!lee\b|he\b|seoul\b)\w+( \w+)? "
    r"(think|thought|feel|felt) (of|about)\b|"
    r"(?<!\blee )(?<!\barticle )(?<!\bpiece )(?<!\bhe )\btake on (lee|his)\b|"
    r"\bwhat (they|pyongyang|north korea|tokyo|japan|washington|kim) (\w+ )?(think|thought|feel|"
    r"felt) "
    r"(of|about)\b"
)
#: "why is Maduro even mentioned", "how does Japan fit into this": why a name is in the story.
RELEVANCE = gated(
    r"\b(why|how) (is|are|does|do|was|did) (\w+ ){1,4}(mentioned|brought up|come into|come up|"
    r"fit|show up|connected|relevant|coming up|in (this|the|an) (article|story|piece))\b|"
    r"\bwhy (does|did|would) (the|this) (article|piece|story) (bring up|mention)\b|"
    r"\bhow did (\w+ ){1,2}end up in (a|this|the) (story|article|piece)\b|"
    r"\bwhy on earth\b|\b(what is|whats) \w+ doing in (a|an|this|the) (\w+ ){0,2}(story|article|"
    r"piece)\b|"
    r"\bhow (does )?(that|this)( one)? concern\b|"
    r"\bgot to do with\b|\bstruck me as odd\b|\bties? (back )?(in|to)\b|\bconnect the dots\b|"
    # "venezuela shows up in a korea-china story", "how did maduro sneak in here"
    r"\b(shows?|showing|turns?|turning|pops?|popping) up in (a|an|this|the) \b|\bsneak\w* in\b|"
    r"\bend up in a (\w+ ){0,2}(story|article|piece)\b|"
    r"\bwhy (is |are )?(\w+ ){0,4}in (this|the|a|an) (\w+ ){0,2}(news|article|story|piece)\b|"
    r"\b(brought|dragged|pulled|thrown) into (this|the|a|an) (\w+ ){0,2}(story|article|piece)\b"
)
#: "besides the pop culture ban, what other issue...": group 2 is what to leave out.
#: After BESIDES: "which other leaders", "what other cities": more of the same topic.
MORE_OF_THE_SAME = re.compile(
    r"\s*(\w+ )?(leaders?|officials?|people|persons?|figures|meetings?|stops?|cities|places|"
    r"events|dignitaries)\b"
)
BESIDES = gated(
    r"\b(besides|apart from|other than|beyond|aside from) ([\w ]+?),? (what|which|any) "
    r"(other|else|more)\b"
)
PREDICTION = gated(
    r"\b((?<!\bat )odds|chances?|likelihood|probability|predict(?!able)\w*|forecast\w*)\b|"
    r"\bwill (\w+ ){0,2}(invade|attack|win|lose|collapse|survive|retaliate|declare war|"
    r"tear down|dismantle|demolish|remove)\b|\bget (sorted|resolved|fixed|settled)\b|"
    # not "that commerce will not be used": the assurance Lee seeks
    r"\b(will|would|is it going to|are they going to)\b(?!(\s\w+){0,3}\snot be\b)(\s\w+){0,6} be "
    r"(?!(thrilled|excited|pleased|delighted|interested|surprised|relieved|disappointed|scared|"
    r"keen|received|welcomed|hosted|greeted|feted|"
    r"worried|concerned|afraid|annoyed|offended)\b)"
    r"\w+(ed|en)\b|"
    r"\b(finish(ed)?|over|ended|gone) now\b|\banytime soon\b|"
    r"\bwhat will (be on the agenda|(they|he|she) (discuss|talk about))\b|"
    # the host lifting the ban: Lee's push is reported, China's answer is not
    r"\b(is|will|would|are) (china|beijing|xi|they) (\w+ ){0,2}(gonna |going to |likely to )?"
    r"(lift|end|drop|scrap|relax|ease)\b|"
    # what others make of the trip: "is washington okay with him cozying up to china"
    r"\b(washington|america|the us|japan|tokyo|pyongyang) (\w+ )?(okay|ok|happy|fine|upset|"
    r"annoyed|angry|mad|worried) (with|about)\b"
)
SAY_TO = gated_alternation(
    r"(?<!\bhe )(?<!\blee )(?<!\bto )(?<!\bwhat )(?<!\bthe )(?<!\ba )(?<!\bany )"
    r"(?<!\bwill )(?<!\bi )"
    r"\b(tell|told|promise[sd]?|offer(ed)?)"
    r"( anything| something)?( to)? "
    r"(lee|him|xi|them)\b|"
    r"\b(say|said|talk(ed|s)?)( anything| something)? (to|with) (lee|him|xi|them|each other)\b|"
    r"\b(lee|he) and (xi|li qiang) (talk|discuss)\w*\b|"
    r"\b(say|said|(?<!\bbe )discuss\w*|talk\w*|agree\w*) (about )?"
    r"(in|at|during) (the|their|that) (meeting|banquet|talks|dinner|summit)\b|"
    r"\bbehind closed doors\b|\bwords to (lee|him|xi)\b|\bface to face\b|"
    r"\b(said|say|told|convey\w*) in (his|their|the) talks\b|"
    r"\bmessage did (xi|li qiang|li|zhao|zhao leji)\b|"
    r"\bconfront(ed|s)? (xi|him|lee)\b"
)
NAME_REQUEST = gated(
    r"^who (led|founded|ran|headed|started|created|invented|set up|established|formed)\b|"
    r"\bwhich (\w+ ){0,2}(figures|people|leaders|individuals|men|women) "
    r"(led|founded|ran|headed)\b|"
    r"\bwho was the (\w+ ){0,2}(president|leader) (that|who) (went|visited|came|travell?ed)\b|"
    r"\barticle \d+\b(?! (?:line|sentence|word|para(?:graph)?)s?\b)|"
    r"\bby name\b|\bnamed anywhere\b|\bname (the|any|all) (\w+ ){0,4}(experts?|observers?|"
    r"analysts?|officials?|sources?|critics?|diplomats?|businesses|companies|groups?|fighters|"
    r"patriots|figures|heroes|martyrs|individuals|activists?)\b|"
    r"\b(which|who (are|were) the|who|names? of( the)?) ((?!(do|does|did|say|says)\b)\w+ ){0,3}"
    r"(experts?|observers?|analysts?|activists?|critics?|sources|patriots|martyrs|"
    r"freedom fighters|independence fighters)\b|\b(leading|key|main) figures\b|"
    r"\b(got|any) names\b|\b(experts?|observers?|analysts?)\b.*\b(who are (they|these|those)|"
    r"which (institutions|individuals|people|ones|organi[sz]ations))\b"
)
#: The reader wants advice, a ranking or a how-to for themselves: never in a news article.
ADVICE = gated_alternation(
    r"^should\b|\bwhere (can|do|should|could) i\b|\b(can|should|could) i use\b|"
    r"\bwhere to (fix|repair|get|find|eat|stay)\b|\bgood business\b|\bhelp with my\b|"
    r"\bworth it\b|\bcheap(er|est)?\b|\bapp for\b|\bplaces to eat\b|"
    r"\bgood (\w+ )?(restaurants?|hotels?|cafes?)\b|"
    r"\btop (k dramas|dramas|shows|songs|groups|movies|films)\b|\brecipes?\b|"
    r"\bbiggest (\w+ ){0,2}(hits|songs|groups|stars)\b|\bsells the most\b|\bbest selling\b|"
    r"\b(best|top \d+|top (sights|spots|places|things to do)|must see|sightseeing tips|"
    r"first time visitor|favou?rite|recommend\w*|recs|"
    r"most (popular|secure|reliable|famous)|should i|"
    r"how (do|can|should) i|how to|tips? (for|on)|any advice|worth (buying|watching|visiting)|"
    r"should (we|i) be (worried|scared|concerned|afraid)|would you (go|buy|sell|invest)|"
    r"buy or sell|is it safe|do i need|how (do|can) (you|i) start|what equipment|"
    r"(can|could) (we|i|our \w+( \w+)?) use|safe (to|for) (eat|travel|visit|go|pass|ships|eating)|"
    r"safe for (merchant |commercial |cargo )?(ships|shipping|vessels|tankers)|"
    r"how (to )?(treat|cure|cook)|"
    r"is (?!it\b)\w+ right (that|to|about)|who would win|do you think\b.*\bwill\b|"
    r"buy (a|an|some|tickets?)|where to buy|should i buy|purchase|"
    r"tickets?|(can you|could you|please) suggest|would you (suggest|recommend)|"
    r"how (do|would|can) (you|i) say|"
    r"translate (this|that|it|\w+) (into|to))\b"
)
#: Personal details of the people named: never in this kind of news copy.
BIOGRAPHY = gated_alternation(
    # a named person's family ("Xi's daughter", "does Lee have kids"), not the reader's
    # ("my sister", "Sister Agnes and I", "kids screaming")
    r"\b(his|her|their|lee|xi|kim|un|takaichi|zhao|li|qiang|yoon|yeol|maduro|jinping|sanae)"
    r"( \w+){0,2} (wifes?|husband|children|kids?|daughters?|sons?|sisters?|brothers?|family|"
    r"parents|"
    r"father|mother|grandfather|dad|mom)\b|"
    r"\b(wife|husband|children|kids|daughters?|sons?|sisters?|brothers?|family|parents|father|"
    r"mother) of\b|\bhave (a |any )?(wife|husband|children|kids|daughters?|sons?|siblings)\b|"
    r"\b(political party|which party|what party|(lee|his|her|their|xi|takaichi) party|"
    r"related to (the |his |her )?(previous|former|late)|prot[eé]g[eé]|mentor|video games|"
    r"spouse|first lady|party (chief|boss|secretary)|record as|(he|she) likes|"
    r"ever (actually )?watched|ldp|leadership (race|election|contest)|(his|her) backstory|"
    r"related to (any|other)|(he|she|lee|xi|myung) used to be|"
    r"hobby|what (job|post|position) (did )?(he|she) (do|have|hold)|"
    r"(li qiang|qiang|zhao leji|leji|takaichi|jinping|kim jong un|maduro)( \w+){0,2} polic(y|ies)|"
    r"(kim|jong un|xi|takaichi|maduro) (like|likes|love|loves|hate|hates) (kpop|k pop|music|"
    r"dramas|movies|sports)|"
    r"(xi|jinping|lee|takaichi|kim|un|zhao|leji|qiang|yoon|maduro|his|her) age\b|"
    r"(had|was) which president|which president (was in office |was in charge )?"
    r"(when|back then|at the time)(?! (ties|relations?|things)\b)|"
    r"(president|premier|prime minister|leader) in (19|20)\d\d|"
    r"japan (previous|former|last) (prime minister|pm|premier)|(his|her) (job|career) before|"
    r"used to be (a |the )?(party|governor|mayor|boss|head|secretary)|"
    r"age of|date of birth|(when|where) (was|is) [\w ]+ born|birthplace|birthday|married|"
    r"salary|net worth|education|degree|religion|hobbies|career|sick|illness|health|"
    r"how old (is|was|are) (?!the\b|this\b|that\b|it\b)|"
    r"before becoming|first (woman|female|lady)|(he|she|lee|xi|takaichi|zhao) (grow|grew) up|"
    r"where did (he|she|\w+) grow up|party affiliation|progressive|conservatives|take over as|"
    r"took over as|"
    r"approval (ratings?|numbers)|promoted|affiliated|political camp|progressive or conservative|"
    r"liberal or conservative|left or right|democrat|which camp|lean politically|"
    r"politically lean|(left|right) wing|left liberal|before (his|her) current (post|job|role)|"
    r"(went|go|going|got|getting|gone|came|entering|entered|enter) into politics|"
    r"before (\w+ ){0,3}politics|(entering|entered) politics|"
    r"(lee|he|she|xi|takaichi|qiang|zhao) do for a living|(a|human rights) lawyer|practi[cs]e law|"
    r"opposition (party|parties|politicians|lawmakers|leaders?)|"
    r"how (did|does) \w+( \w+){0,2} (come|rise|get) to power)\b"
)
#: "how does a missile-defence battery intercept...": how something works, in general.
MECHANISM = gated(
    r"^(so |but )?how (does|do|can|could|would) [\w ]+ (actually )?(work|function|operate|"
    r"intercept|detect|track|vote|elect|shoot down|measure|calculate|pass laws|legislate)\b|"
    r"^(so |but )?how (does|do|did|can) [\w ]+ actually \w+|"
    r"^(so |but )?how (does|do|are|is) [\w ]+ (get )?"
    r"(made|passed|decided|chosen|elected|anchored)\b|"
    r"^(so |but )?how (does|do) [\w ]+ (stay|float|anchor\w*|works?|make money)\b|"
    r"\b(congress|parliament|legislature)\b.*\bvot\w*|"
    r"\b(shoot down|shot down|intercept\w*)\b|\bhow do (they|you) (farm|raise|grow|breed)\b|"
    r"\bhow (do |does )?(\w+ ){1,6}(raise|breed|farm|grow) (fish|salmon|shrimp|oysters)\b|"
    r"\b(stop|block|defend against) (a |the )?hypersonic|"
    r"\bhow (is|are) (?!(the |this )?(trip|visit|tour|itinerary|schedule|article|story)\b)"
    r"[\w ]+ "
    r"(structured|organi[sz]ed|funded|chosen|elected)\b|"
    r"\bhow often (does|do) [\w ]+ (meet|convene|sit|gather)\b|\bwhat are the powers of\b|"
    r"\blegislative procedure\b|\bwhat powers\b|\bhow (the |a |an )?[\w ]+ works\b|"
    r"\bwhat does (the )?[\w ]+ actually do\b|\bhow (it|they|this|that) works?\b|"
    r"\bwhat does (the )?(\w+ ){0,3}(ministry|agency|department|council|committee|assembly)"
    r"( of \w+)? do\b"
)
#: The publishing business in general: prices, companies, how to issue a press release.
PUBLISHING = gated(
    r"\b(most|least|best|worst)\b|\b(company|pricing|prices?|cost|costs|fees?|subscription|"
    r"stock|shares|revenue|press release|newswire service|how (do|can|should) i|"
    r"rate tiers?|tiers|circulate|client announcements?|(use|hire) ein|"
    r"headquarter\w*|founded|owner|owns|ceo|employees|charges?|charging|publish a release|"
    r"make money|"
    r"post news|advertis\w*|business model|who pays|as a company|rates|paid|bankroll\w*|"
    r"who funds|funded by|money behind|employ\w*|editors?|let anyone)\b"
)
#: Requests to a personal assistant ("set a meeting with Nancy", "remove the trip from my
#: calendar"): a news bot does none of them, whatever article words they use.
ASSISTANT = gated(
    r"^(please |can you |could you |you can )?(set|book|schedule|add|remove|cancel|"
    r"call|text|order|play|turn|send|delete|reschedule|wake)\b (a|an|the|my|me|up|on|off)\b|"
    r"\btalk to me\b|\bremind me (to|at|in|about my)\b|"
    r"\bhelp me (write|draft|plan|make|find|prepare|structure|outline|organi[sz]e)\b|"
    r"^(please )?(write|draft|compose) (me )?(a|an|my)\b"
)
#: "how do you say 'new starting point' in Korean": a translation, not a quote request.
TRANSLATE = gated(
    r"\bhow (do |would |can )?(you|i) say\b|\btranslat\w*|"
    r"\bhow (to )?say \w+( \w+)? in (korean|chinese|japanese|mandarin|hangul)\b"
)
#: "the name of the system", "which memorial site": a name or place the article may not give.
UNNAMED = gated(
    r"\bname of (the |this |that )?\w+|\b(which|what) (\w+ ){0,2}city in\b|"
    r"\bwhat (is )?(its|it|that|the \w+) (designation|called)\b|"
    r"\bwhat (is|was|are) (it|that|they|the \w+) called\b|\bwhat( is|s)? that (\w+ ){0,5}called\b"
)
#: "which memorial site will Lee visit": a venue, never named however the question is put.
VENUE = gated(
    r"\b(which|what) (body of water|sea|waters)\b|"
    # not "then fly to what place": where he goes next is a city the article names
    r"(?<!\bto )(?<!\bgo )\b(which|what) (\w+ ){0,3}(sites?|venues?|hotels?|"
    r"places?(?! (does|do|did) \w+ (occupy|hold|have|play))|locations?|memorials?|monuments?|"
    r"buildings|museums?)\b|\b(which|what) building\b|"
    r"\bexact (\w+ ){0,2}(venue|site|location|place|spot)\b|"
    r"\b(at|in) (the |an |a |some )?(embassy|community hall|auditorium|hotel|stadium)\b|"
    r"\bwhere (will|is|was|are|were) [\w ]+ (be )?held\b|"
    r"\bname of the (place|site|venue|building|memorial|spot|hall)\b|"
    r"\b(which|what) (\w+ ){0,2}(district|county|province|region|area|neighbou?rhood)s?\b"
)
DEFINITION = gated_alternation(
    r"^(what (is|are) (a|an) \w+|what does (a|an) \w+ (\w+ )?do\b|.*\bdifference between\b|"
    r"what (is|are) (?!this\b|the\b|that\b|it\b)\w+( \w+)?$|"
    r"explain \w+( \w+)?$|"
    r"what does (?!he\b|she\b|lee\b|xi\b|this\b|the\b|that\b|it\b)\w+( \w+)? "
    r"(mean|stand for)|"
    r"explain (?!the\b|this\b|why\b|how\b|what\b)(\w+ ){1,2}(to me|like)\b|"
    r"how (do|does) [\w ]+ (actually )?work)|"
    # anywhere in the question, not only at its start
    r"\b(differs?|different) from\b|\b(define|definition|difference)\b|"
    r"\bmeans (what|how|faster|slower|more|less)\b|"
    r"\bmach (\d|number)\b(?! (stuff|thing|one|missiles?|test)\b)|"
    r"\bwhat (a|an) [\w ]+ (actually )?is\b"
)
#: Particulars of an event no news summary gives: the menu, the outfits, the gifts, the bill.
DETAIL = gated_alternation(
    r"\b(fly|flew|flying|flight) (straight|direct\w*)\b|\bdirect flight\b|"
    r"\b(crowd|audience|turnout)\b.*\b(hundreds|thousands|how many|how big|size)\b|"
    r"\b(government|govt|official) figures\b|\bprimeira dama\b|\bprimera dama\b|"
    r"\b(president wife|premier wife|leader wife|minister wife|president husband|"
    r"president spouse)\b|"
    r"\bmenu\b|\bmenue\b|\bgave lee the assurances\b|\bconcede\w*|\bfancy hotel\b|"
    r"\bwhere( is)? he staying\b|\bpromise anything\b|\bprotests?\b|\bnamed list\b|"
    r"\bother chinese cities\b|\bvisit nanjing\b|\breporters allowed\b|\bcompan(y|ies) boss\w*|"
    r"\bpacked hall\b|\bmadang\b|\bpmz\b|\bfirst lady\b|\bthe opposition (back )?in korea\b|"
    r"\bjournalists can ask\b|"
    r"\bpress conference after\b|\bwhat (specifically )?are they going to discuss\b|"
    r"\bdeal struck\b|"
    r"\bpersonal invitation\b|\bformal state visit\b|\btake down\b|\bbecause of the talks\b|"
    r"\b(lee )?personally (take|taken|takes)\b|\btake a side\b|\btokyo side say\b|"
    r"\bput out (any )?statement\b|\bsummit with (our )?prime minister\b|\bheadquarters\b|"
    r"\b(crowd|residents) take (his|the) speech\b|"
    r"\bcheerin\w*|"
    r"\bstate visit or\b|\bworking visit\b|\bofficial type\b|\bgraced the table\b|\bwhat fare\b|"
    r"\bother chinese cit(y|ies) after shanghai\b|\bsite name\b|\bmemorial name\b|"
    r"\bnorth korea\w* people\b|"
    r"\bbring (\w+ )?(something|presents?|gifts?)\b|\bbring presents\b|"
    r"\bfood\b.*\bserved\b|\bcompany bosses\b|\bhuawei\b|\bbyd\b|"
    r"\bjoint paper\b|\bchinese farms?\b|\bfarmer people\b|\bmeet farmers\b|\b(long|weird\w*|"
    r"awkward|firm) handshake\b|\bhandshake (was|lasted)\b|"
    r"\baircraft\b|\bjoint appearance\b|\bbefore the press\b|"
    r"\banswering reporters\b|\breceive(d)? (his|the|lee) (remarks|speech|words)\b|"
    r"\bbeen overseas\b|\bsince taking office\b|\bcommuniqu\w*|\blandmark\b|\bgrave ?sites?\b|"
    r"\btagging along\b|"
    r"\bbusiness (bigwigs|leaders|delegation|executives|chiefs)\b|\bmach\b(?! (5|five) (stuff|"
    r"thing|one|missiles?|test)\b)|\bfood at\b|\b(what|"
    r"which) dishes\b|\bcuisine\b|"
    r"\bdid (\w+ ){1,3}shake hands\b|"
    r"\b(do|did|hold|held|have) (a |any )?(press (thing|conference|event)|photo ops?)\b|"
    r"\bjoint (press|statement|declaration)\b|"
    r"\bwhich (one|memorial|site|building) exactly\b|\bwhose memorial\b|"
    r"\bmenu\b|\bweather\b|\bthrow ?weight\b|\bpayload\b|\btop speed\b|\bin mach\b|"
    r"\b(range|reach) of (the |its |their )?(dprk|north korea\w*|pyongyang|\w+ missiles?|"
    r"icbms?)\b|"
    r"\b(local|current) time\b|\btime zone\b|\bon camera\b|\bserving\b|"
    r"\b(lat|latitude|longitude|coordinates|gps)\b|"
    r"\b(people|public|koreans|residents|voters|citizens) (\w+ ){0,3}"
    r"(like(?! (them|this|that|these|those|him|her|us|me)\b)|liked|support|approve)\b|"
    r"\bis it (cold|hot|warm|raining|snowing)\b|\btemperature\b|\bopening hours\b|"
    r"\b(what|which) (sort|kind|type)s? of fish\b|"
    r"\bopen to (the )?(public|visitors|tourists)\b|"
    r"\b(tariff rates?|recession|inflation|gdp|interest rates?|stock market|exchange rate|"
    r"unemployment)\b|\b(going|travell?ing|coming|flying) with (him|lee)\b|\baccompan\w+|"
    # the conveyance, not "a higher plane" or "my boat crew"
    r"\b(by|on|in|a|his|what|which|private|presidential) (plane|boat|ship|train|jet)\b|"
    r"\bmissiles? (could |can |would )?reach\b|"
    r"\b(limo|limousine|hug|hugged|eez|overlapping waters|"
    r"special forces|operation details|navy seals|turnout|operation (\w+ ){0,4}unfold|ceos|"
    r"executives|chaebol|samsung|hyundai|honours|honors|guard of honou?r|protocol|secret|"
    r"travell?ing with the president|compare in size|how (was|were|did) [\w ]+ carried out|"
    r"great wall|forbidden city|security arrangements|on the sidelines|social media|netizens|"
    r"clap(s|ped|ping)?(?! back)|cheer(ed|ing)?|applau\w+|standing ovation|"
    r"(hundreds|thousands) of (people|ppl|folks)|ceo|business (people|leaders|folks)|"
    r"businessmen|businesspeople|what present|"
    r"(stop by|drop by|visit|go to|swing by) (taiwan|taipei|hong kong|pyongyang|north korea)|"
    r"public mood|time in \w+ now|what time is it|"
    r"(north korean|dprk|pyongyang) (officials|representatives|envoys|delegates|delegation|"
    r"diplomats)|"
    r"address (the )?(national people|parliament|congress|npc|assembly)|entourage|crowds|"
    r"demonstrations|"
    r"protesters|face (the )?reporters|"
    r"tiananmen|rain|"
    r"bringing (\w+ ){0,3}with (him|them)|"
    r"fish species|species|dollar rate|to dollar|sell out|stadium)\b|"
    r"\b(crowd|audience|guest list) size\b|\bwhat size\b|\bgrid ref\w*|\bhow close\b|"
    r"\bbig crowd\b|\bsize of the (crowd|audience)\b|"
    r"\b(what|which|how much)\b.*\b(food|dish(es)?|wine|drinks?|dessert|"
    r"wore|wear(ing)?|outfits?|dressed|gifts?|presents|cost|costs|price|spent|spend|"
    r"weather)\b|"
    # eating and serving as the question's verb, not "eat with Xi" or "what purpose ... serve"
    r"\bwhat (did |do |does |will |are |is |was |were )?(\w+ ){1,3}"
    r"(eat|eating|ate|fed|feed|served|serving|serve(?! (in|as|to)\b)|drink|drinking)\b|"
    r"\bwhat (was|is|will be) (on the menu|served)\b|"
    r"\b(which fish|one on one|universit(y|ies))\b"
)
#: Official statements and reactions: the article reports none ("officially said", "a
#: statement from the foreign ministry").
OFFICIAL = gated(
    r"\bissue[sd]? (any |a )?statement\b|"
    r"\bofficial(ly)? (said|say|says|stated?|statements?|responses?|reactions?|"
    r"positions?|announce\w*|confirm\w*|respond\w*)\b|"
    r"\b(statement|comment|reaction|response)s? (from|by) (the )?(government|\w+ ministry|"
    r"state department|white house|kremlin|foreign office|spokes\w+)\b|"
    r"\b(joint|common) (statements?|declarations?|communiqu[eé]s?|press conferences?)\b|"
    r"\bweigh(ed|s)? in\b|\bany word from\b|"
    r"\bformal (communiqu[eé]|statement|declaration)s?\b|\bpress conference\b|\bpresser\b|"
    r"\b(talk to|take) (the )?(reporters?|press|questions from reporters)\b|"
    r"\breporter questions\b|"
    r"\b(state department|foreign ministry|white house|pentagon|kremlin|"
    r"spokes(man|woman|person))\b"
)
#: Someone else's reaction to the visit itself ("did Pyongyang say anything about Lee being in
#: Beijing", "any statement from the north", "did Washington express concern"): never reported.
REACTION_TO_VISIT = gated_alternation(
    # (each branch leads with or holds a rare literal: the prefilter gates on it)
    r"\b(north korea|pyongyang|the north|washington|the us|america|americans|american \w+|"
    r"tokyo|japan|japanese \w+|takaichi|moscow|russia|taipei)( \w+){0,3} (say|said|says|saying|"
    r"comment\w*|tantrums?|complain\w*|protest\w*|object\w*)\b( \w+){0,4} (about|on|over|"
    r"regarding) (\w+ ){0,4}(visit|trip|outreach|going|coming|being in)\b|"
    r"\b(react\w*|respon\w*) to (the|this|his|lee|our president) "
    r"(\w+ )?(trip|visit)\b|"
    r"\b(washington|america|the us|japan|tokyo|japanese|americans?|pyongyang|north korea|"
    r"koreans|people)( \w+)? (happy|angry|upset|annoyed|pleased|jealous|furious)"
    r"( or (happy|angry|mad|upset|not|no))?( that| about| with)? (lee|he|him|the "
    r"president|seoul|korea|this)( \w+){0,2} (go|goes|going|went|visit\w*|fly|flies|flying|trip|"
    r"coming)\b|"
    r"\bany (statement|comment|reaction|response)s? from (the )?(north|pyongyang|"
    r"washington|tokyo|japan|the us|america|kcna)\b|\bkcna\b|"
    r"\bthey like (this|the|his|lee|lees) (trip|visit)\b|"
    r"\bexpress\w* (any )?(concern|concerns|worry|worries|displeasure|unease|support|"
    r"opposition)\b|"
    r"\b(respond\w*|react\w*) to (lee|his|the|seoul|korea)( \w+)? (request|requests|push|demand|"
    r"demands|ask|call|plea|appeal)\b|"
    r"\b(do|does|did) (?!lee\b|he\b)(\w+ ){0,3}(people|public|voters|citizens|"
    r"koreans)( \w+){0,3} (like|"
    r"approve|support|back|welcome)\b|\bpublic opinion\b|"
    r"\b(see|saw|meet|met|meeting|talk|talks|talked)\w* (\w+ ){0,4}(secretly|in secret)\b|"
    r"\bsecret (meeting|meetings|talks|channel)\b"
)
#: "was the ban ever officially announced": whether the ban is official, which the article says.
OFFICIAL_BAN = gated(
    r"\b(ban|restrictions?|curbs|block|blacklist|boycott)\b.*\b(officially|formally) "
    r"(announced|declared|confirmed|stated|imposed)\b|"
    r"\b(officially|formally) (announce|declare|confirm|impose)d? (the |this |that |its )?"
    r"(\w+ ){0,3}(ban|restrictions?|curbs|block)\b"
)
#: Particulars of the visit the article never gives: the Shanghai building, who performs first,
#: meetings with the North, the banquet food, Lee's own line on Taiwan.
UNREPORTED_PARTICULARS = gated_alternation(
    # who travels along, whom Lee addresses besides the Koreans in Beijing, what a meeting's
    # agenda was, who organised what, a named group's concert plans
    r"\bchaebol (executives|heads|bosses|leaders|chiefs)\b|"
    r"\baddress(ing)? (the )?(chinese |china )?(legislature|parliament|congress|npc)\b|"
    r"\b(agenda|topics?) (of|for|at) (lee|lees|his|their) (\w+ )?(meeting|talks|sit down|"
    r"summit)\b|"
    r"\b(tsinghua|peking university|pku|fudan)\b|\bspeech at (a |any )?(chinese )?(uni|"
    r"university)\b|"
    r"\bwho organi[sz]ed\b|\borgani[sz]ed the (gathering|event|reception|speech)\b|"
    r"\b(doing|holding|playing) a concert\b|\blast big concert\b|"
    r"\bperform\w* in (beijing|china|shanghai) last year\b|"
    r"\b(bts|blackpink|twice|exo|seventeen|newjeans|aespa)\b(\s\w+){0,3} (going to |gonna |will )"
    r"(perform|tour|play)\b|"
    r"\bprovisional government (building|site|headquarters|hq|office|museum|memorial)\b|"
    r"임시정부|"
    r"\b(which|what) (\w+ ){0,3}(idols?|groups|dramas|artists|bands|singers|shows)\b.*\bfirst\b|"
    r"\bmeet\w* (any|anyone|anybody|someone|somebody)( \w+){0,2} (from )?(north korea|"
    r"pyongyang|the north)\b|"
    r"\b(north korea|north korean|pyongyang) (officials?|delegation|envoys?|officials)\b|"
    r"\b(lee|he|president) (will |gonna |going to )?(go|visit|fly|head)( to)? (north korea|"
    r"pyongyang)"
    r"\b|"
    r"\b(banquet|dinner|feast|meal)\b.*\b(served|serving|on the menu|duck|dumplings?|cuisine|"
    r"baijiu)\b|"
    r"\b(duck|dumplings?|cuisine|baijiu)\b.*\b(banquet|dinner|feast|meal)\b|"
    r"\bwhat (will|do|did|does) (they|he|lee|xi) (eat|drink)\b|"
    r"\b(lee|lees|his|he)( own)?( stated)? (position|stance|view|views|take|opinion) (on|about) "
    r"(the )?(taiwan|cross strait)\b|"
    r"\b(lee|he) (say|said) (anything|something) (on|about) taiwan\b"
)
#: Lee's speech to Koreans in Beijing is reported: "what did he say to them" may ask for it.
TO_RESIDENTS = gated(
    r"\b(koreans?|residents|expat\w*|community|crowd|audience|speech|diaspora|compatriots)\b"
)
#: Summary requests put as phrases: "give me the short version", "boil this story down".
SUMMARY_PHRASE = gated(
    r"\b(short version|boil (\w+ ){0,3}down|condense|couple (of )?lines|few lines|"
    r"thirty seconds|30 seconds|in simple words|simple words|what (this|it) is (all )?about|"
    r"one liner|quick n dirty|quick and dirty|readout|"
    r"break (it|this) down for me|in a nutshell|give me the gist|sum (\w+ ){1,2}up|"
    r"explain (it |this )?simple|save me the trouble|what (this|the) (news|story) is|"
    r"no time to read|too (tired|lazy|busy) to read|main points|key points|"
    r"tentang (apa|what)|de que trata|worum geht es|de quoi parle)\b|"
    r"\bwhat is (it|this|all this) (all )?about( then| though| anyway| really)?$"
)
#: "does it say", "did the article mention": the reader asks the article, not for a quote.
ARTICLE_SAYS = gated(
    r"\b(does|did) (it|the (article|piece|story|report)|this( article| piece| story)?) "
    r"(say|mention|describe|explain|talk about|discuss)\b|\barticle (say|says|said|mention)\b"
)
#: Bodies whose statements the article never reports ("what did Japan's government say").
INSTITUTIONS = frozenset(
    "government ministry officials spokesman spokeswoman spokesperson media press embassy "
    "regime".split()
)
#: Words asking what someone is or does in the story ("what post does Zhao hold").
ROLE_WORDS = frozenset(
    "role job position title post hold holds office rank again exactly guy man woman dude "
    "lady person figure fit fits part involved involvement relevance relevant connection "
    "never heard herd of idea clue sorry forgot remind occupy occupies name reading "
    "matter matters play plays doing here version equivalent appears appear surname bureaucrat "
    "random supposed big deal important importance famous tf heck giving nothing "
    "asked ask know knew function functions capacity recognise recognize context government "
    "govt identify kindly geezer bloke chap fellow coverage connected figure wonder life".split()
)
#: "did North Korea say anything": who is asked to have spoken (Lee's words are quoted).
SPEAKER = gated(
    r"\b(?:did|has|have|does|do)\s+(?!lee\b|he\b|they\b|it\b|you\b)(?:the\s)?"
    r"((?:\w+\s){0,2}?\w+)\s+(?:say|said|comment\w*|speak|spoke|respond\w*|voiced?)\b"
)
#: "what Japanese government said about...": the same, asked without "did".
SPEAKER_WHAT = gated(
    r"^(?:what (?:the )?((?:\w+\s){0,2}?\w+) (?:said|say|says)|"
    r"((?:\w+\s){0,2}?\w+) (?:say|said) what|((?:\w+\s){0,2}?\w+) what (?:say|said|says))\b"
)
#: How long the visit lasts: the article never says.
TRIP_LENGTH = gated(
    r"\bhow (long|many days) (is|will|does) (the |this |his |lee )?(\w+ ){0,2}(trip|visit|stay)\b|"
    r"\bhow many days\b.*\b(trip|visit|stay)\b|\bhow long\b.*\b(trip|visit|stay)\b.*\blast\b|"
    r"\bdays in \w+ (vs|versus|or)\b|\bduration of (the )?(\w+ )?(stay|visit|trip)\b|"
    r"\bfrom arrival to departure\b|\b(1|one) days? or (2|two)\b|"
    r"\b(one|two|three|four|1|2|3|4) day (hop|trip|visit)\b|\bweek ?long\b"
)
#: A visit by someone else: "is a reciprocal trip by Xi in the works".
RETURN_VISIT = gated(
    r"\b(trip|visit) by (xi|li qiang|zhao|takaichi)\b|"
    r"\bxi (\w+ ){0,3}(reciprocal|return) (trip|visit)\b|"
    # "a plan for the Chinese leader to come to Korea afterwards"
    r"\b(xi|chinese (leader|president)|li qiang|zhao leji)( \w+){0,2} (to )?(come to korea|"
    r"come to seoul|come to south korea|visit korea|visit seoul|visit south korea|travel to korea|"
    r"travel to seoul|go to korea|go to seoul|fly to korea|fly to seoul|visit to korea|"
    r"visit to seoul)\b"
)
#: Whom Lee meets on the Tokyo trip: the article gives only the plan to go.
TOKYO_MEETINGS = gated(
    r"\b(who|whom)\b.*\bmeet\w*\b.*\b(tokyo|japan)\b|"
    r"\bin (tokyo|japan),? (\w+ ){0,2}meet\w* who\b|"
    r"\b(takaichi and (lee|he)|lee and takaichi)\b.*\b(summit|meet\w*|talk\w*|sit down|discuss|"
    r"cover)\b|"
    r"\b(lee )?takaichi summit\b|\bsummit with takaichi\b|"
    r"\b(seeing|meeting|meet|see|discuss with) (pm |prime minister )?takaichi\b|"
    r"\bwith takaichi\b.*\b(tokyo|japan)\b"
)
#: Source words that say nothing about where the article comes from ("who put this together").
NOT_OUTLET = frozenset("put post posted fine bottom origin originally".split())
#: Subjects that cannot speak: "what does the stop in Shanghai say about the past" is a figure.
THINGS = frozenset(
    "stop trip visit leg tour article story piece text report ban move meeting banquet "
    "itinerary schedule event history past choice decision fact this that it page site "
    "website disclaimer release document paper notice".split()
)
#: An article sentence reporting speech or a stated view.
SPEECH = gated(
    r"\b(said|says|suggested|suggest|claims|described|rhetoric|note|views|reported|"
    r"emphasizing|called)\b",
    re.IGNORECASE,
)
#: "my professor says...": people a reader may bring in without asking about their affairs.
PEOPLE = frozenset(
    stem(w)
    for w in "professor teacher friend friends mom dad mother father wife husband boss colleague "
    "grandson granddaughter grandmother grandfather grandma grandpa son daughter kids late "
    "grandchildren grandchild grandsons granddaughters grandkids niece nephew trainers trainer "
    "country village town hometown city abuelo abuela oshi "
    "uncle aunt cousin neighbor neighbour boyfriend girlfriend clients customers congregation "
    "board donors team "
    "students class listeners readers audience followers "
    "class family parent brother sister roommate fave bias faves opinion view guess take "
    "question understanding impression coworker coworkers regulars fandom fans viewers "
    "subscribers chat halmeoni halmoni grandparents parishioners flock members group "
    "sermon podcast blog newsletter stream channel essay homework thesis column fav favs "
    "artists groups portfolio crew slide slides presentation country lecturer dorm labmates "
    "passengers idols piece notes ballot niece nephew report shifts kid crewmate crewmates "
    "pupils supervisor advisor adviser manager coach players life childhood opponent opponents "
    "flatmate flatmates housemate housemates mate mates agency case file doc oppa oppas prof "
    "profs patient patients classmate classmates grommets seminar brief desk timeline lecture "
    "trainees athletes cousins students".split()
)
#: Words between "my" and the noun that says whose it is: "my whole fandom", "my late father".
OWNER_FILLERS = frozenset("whole entire own little dear old poor late best two three".split())
#: "who was president before Yoon": someone's predecessor (group 1: the person named).
BEFORE_WHOM = gated(
    r"\bwho\b.*\b(?:before|prior to|preceded|succeeded|after) (?:this |that |the )?(\w+)\b|"
    r"\bbefore (\w+(?: \w+)?),? who (?:was|were|is)\b"  # "before Li Qiang, who was premier"
)
#: "why" questions; and the connectives after which an article sentence gives a cause.
WHY = gated(
    r"^(so |but |and |ok |okay |then )?(why|how come|what (caused|led to))\b|"
    r"^what (specifically |exactly )?did \w+( \w+)? do (that|to)\b"
)
CAUSE_AFTER = gated(
    r"\b(following|in response to|amid|because of|because|due to|after)\b",
    re.IGNORECASE,
)
#: "who was Li Qiang's predecessor": group 1 or 2 is the person named.
PREDECESSOR_OF = gated(r"\b(\w+ \w+) predecessor\b|\bpredecessor of (\w+ \w+|\w+)\b")
#: "who is the president of Taiwan": an office holder the article may not name (group 4).
WHO_HOLDS = gated(
    r"\bwho (?:(is|was|are) )?(?:currently )?(the )?(current )?(president|leader|prime minister|"
    r"premier|king|head|"
    r"ruler|chairman|mayor|governor)s? of (\w+)"
)
#: "who is Taiwan's current president": the same, with the place first (group 1, office 2).
WHOSE_OFFICE = gated(
    r"\bwho (?:is|was|are) (\w+) (?:current |present |new )?(president|leader|prime minister|"
    r"premier|king|ruler|mayor|governor)\b|"
    r"\b(?!(?:chinese|china|japanese|japan|korean|korea)\b)(\w+) (?:current |present |new )?"
    r"(president|leader|prime minister|premier) name\b|"
    # "taiwan's current president is who again"
    r"\b(?!(?:chinese|china|japanese|japan|korean|korea)\b)(\w+) (?:current |present |new )?"
    r"(president|leader|prime minister|premier) (?:is|was) who\b"
)


def office_asked(text: str) -> tuple[str, str] | None:
    """(office, place) when the question asks who holds an office somewhere."""
    if found := WHO_HOLDS.search(text):
        return found[4], found[5]
    if (found := WHOSE_OFFICE.search(text)) and found[1] not in ("the", "a", "an", "this"):
        return found[2] or found[4] or found[6], found[1] or found[3] or found[5]
    return None


#: Subjects of public life this article never touches, whatever names come with them.
OTHER_SUBJECTS = gated_alternation(
    r"\b(nuclear power|power plants?|energy policy|climate change|immigration|abortion|"
    r"pensions?|healthcare|vaccines?|bitcoin|crypto\w*|vpn|formula|apec|g20|g7|asean|brics|"
    r"nato|olympics|world cup|semiconductors?|trade (surplus|deficit)|general assembly|"
    r"united nations|seafood|one china|one-china|korean war|armistice|peace treaty|"
    r"politburo|constitution\w*|oil exports?|oil production|next quarter|ecosystems?|"
    r"environmental impact|marine life|biodiversity|air pollution|fine dust|insurance|"
    r"premiums?|freight rates?|anime|christianity|buddhism|religion|forced labou?r|"
    r"comfort women|great firewall|firewall|"
    # streaming sites as a subject, not as where Korean shows vanished ("sites dropped K-dramas")
    r"streaming (sites|services|platforms)(?!.*\b(korean|kpop|k pop|dramas?|shows)\b)|"
    r"(us|u s|american) (army|navy|air force|military)|trade deal|kimchi|typhoon|hurricane|"
    r"earthquake|incomes?|livelihoods?|wages|netflix|spotify|youtube|premier league|prem|"
    r"arsenal|football|soccer|sovereign (state|country)|recogni[sz]e\w* taiwan|"
    r"recogni[sz]e (\w+ )?diplomatically|licen[cs]e|legal (grounds|basis)|legality|polls?|"
    r"surveys?|kids in|children in|tsmc|environment\w*|ecolog\w*|sustainab\w*|seongju|"
    r"rubber stamp|(which|what) us president|un sanctions|nukes of its own|own nukes|"
    r"literature|history of aquaculture|profitable|profits|yasukuni|shrine|tourism|"
    r"profit(?<!\bto profit)(?<!\bwould profit)(?<!\bwill profit)(?<!\bcould profit)|"
    r"tourists|jeju|fantasy|export the most|military service|enlist\w*|fractions|fish stocks|"
    r"wild fish|korean steel|steel tariffs|playlist|get its independence|world war (two|ii|2)|"
    r"revolution|auto parts|pricing|brand launch|navy|taxe?s?|physics|political system|1990s|"
    r"crisis of the|economy (doing|doin|these days)|repatriation|escapees|state media|"
    r"divided into north and south|why was korea divided|nuclear weapons of (its|their) own|"
    r"own nuclear (weapons|arsenal|bombs?)|textbooks?|curriculum|"
    r"hockey (team|league)|arguments for and against|pros and cons|indictment|who ran the op|"
    r"end strength|"
    r"usfk|history of (\w+ )?(fish )?farming|churches|religious freedom|strait crisis|"
    r"shell(ed|ing)|(american|us|australian|korean) beef|beef (imports?|exports?)|tonnage|"
    r"coast guard|reactors?|value of (\w+ )?exports|annual value|founding year|first leaders|"
    r"why (exactly )?did (the )?(us|america|americans|washington) (go after|capture|grab|nab|"
    r"arrest)|"
    r"who (\w+ ){0,3}succeed|who sits in|presidential office|mainly export|tariffs? (does|do|on)|"
    r"budget|"
    r"history of the (korean )?provisional|manufacturer|defen[cs]e contractor|on trial|"
    r"who (took|takes|will take) over|"
    r"(takaichi|xi|kim|li qiang|zhao) (\w+ )?ever (been|gone|visited|went|travell?ed)|"
    r"how did (the )?(us|americans|america) (even )?(capture|grab|nab|catch)|"
    r"name of the (us |american )?operation|venezuela oil|apolog\w*|say sorry|said sorry|"
    r"impeach\w*|"
    r"convict\w*|lock(ed)? (him|her|them) up|locked up|in court|legal (saga|troubles?|case)|"
    r"sentenced|indicted|real country|part of china|on (the )?(\w+ )?charts|top (\w+ )?songs|"
    r"market cap\w*|richest|biggest (\w+ ){0,2}compan(y|ies)|compan(y|ies) (are )?(the )?biggest|"
    r"dictator|visas?|(chinese|lunar) new year|"
    r"(is|are) ((they|it|he|she|these|those) )?(still )?(popular|big) in|fans in (china|korea|"
    r"japan)|"
    r"have many fans|(more|less) (big|small|rich|poor|crowded|populous) than|"
    r"(bigger|larger|smaller|richer|poorer|older) (city )?than|"
    r"(us|u s|washington|america|united states)( \w+){0,4} (defend|come to \w+ defen[cs]e)|"
    r"treaty to defend|"
    r"take over from|successor|succession|"
    r"ever (performed|perform|toured|played) in|"
    # the former president himself, now: not the period of strained ties under him
    r"(yoon|former president|ex president|previous president)\b.{0,40}\b(now|these days|"
    r"nowadays|currently|current status|facing trial|court case|leave office|left office)|"
    r"how long was (yoon|he) (\w+ ){0,3}(president|in office)|"
    # how the US seized Maduro, and what forces did since
    r"how (was|were|did) (\w+ ){0,3}(captured|caught|grabbed|seized|arrested|nabbed)|"
    r"pull (that|it|this) off|operationally|(higher|high|on) alert|"
    r"fan ?bases?|which idols? (groups? )?(are|is|have)|(performed|toured) in (beijing|china|"
    r"shanghai)|"
    r"defectors?|refugees?|loss ratio|(position|stance) on the south china sea|make money|"
    r"business model|most watched|"
    r"(washington|us|america|american)( s)? (official )?stance|chosun|reputable|"
    r"went about capturing|"
    r"who was (the )?president (of (south )?korea )?(back )?in (19|20)\d\d|detained|facility|"
    r"hottest|own country|which (korean )?(town|city) (was|is) it|"
    r"how do (\w+ ){0,4}raise (their )?fish|"
    r"sold the most|"
    r"albums|oricon|topping|heir|ever made a (state )?visit|"
    r"(position|stance|views?) on (\w+ ){0,2}(reform\w*|conscription|labou?r law\w*|climate)|"
    r"(pm|prime minister|president|leader|premier|chairman) since when|"
    r"biggest trading partner|what does \w+( \w+)? export|which countries|migrants|submissions|"
    r"melon charts|tops the|(un|he|she) surf|regular rocket|first president of|"
    r"compared with|powers of|(takaichi|xi|kim|li qiang|zhao leji)( \w+){0,2} planning a trip|"
    r"charg(es|ing|ed) (\w+ )?(him|against|with)|about lotte|annual (export )?(value|revenue)|"
    r"revenue|book ahead|museum|(us|united states|china|america)( \w+){0,2} (have|"
    r"possess)( \w+){0,2} "
    r"hypersonic|air defen[cs]es|stop one of|in my lifetime|live to see|kenya|debt trap\w*|"
    r"as a boy|injured|study law|bar exam|before the presidency|provincial governor|"
    r"belt and road|monetary easing|yen policy|behind bars|diplomatic relations with taiwan|"
    r"artificial islands in|value of (\w+ ){0,3}trade|great hall|normally host|regular army|"
    r"world tour this year|"
    r"played a show|compare (\w+ ){0,2}(foreign )?policy|with that of|east china sea|senkaku|"
    r"diaoyu|"
    r"rendered in|group tours|kim yo jong|yo jong|cricket|headline structure|"
    r"how many terms|"
    r"assume the presidency|term limits|travel warnings?|kidnap\w*|abduct\w*|"
    r"fee structure|charge clients|fees|registered|company is behind ein|content farm|"
    r"treaty obligation|"
    r"new delhi|visit (japan|seoul|tokyo) before|"
    r"aegis|own missile defen[cs]e|cruise missiles?|"
    r"divided in two|security council|sanctions regime|"
    r"legal authority|back from the military|christians|(us|american) president( s)? "
    r"position|banned in north korea|history as a company|wangjing|neighbou?rhood in|principal "
    r"exports|who is higher|whos higher|outranks?|fish farming conducted|subscription|send my|"
    r"push out|tournament|which (\w+ )?companies build|ndaa|key provisions|"
    r"(tell me|learn more|walk me through) (\w+ ){0,4}provisional government|nba|"
    r"trophy|bank of korea|growth projection|taiwan( s)? president|tasmania|jobs pay|marathon|"
    r"when founded|founded when|kind o fish|fandoms? in|southeast asia|moral arguments|thinkers|"
    r"credit card|security code|pay in bills|national security act|penalties|"
    r"tariffs between|that trip|laws get made|civics|made the 2019 trip|"
    r"government in exile|exiled|belongs to|"
    r"(year|when) was (he|she) born|how (d |did )?the (yanks|americans) (actually |even )?"
    r"(nab|grab|captur|seiz)\w*|why was (yoon|he|maduro)( suk yeol)? arrested|holding maduro|"
    r"since what year has|taken over the presidency|running caracas|"
    r"(missile|missiles|rocket) name|how is the chairman (\w+ ){0,6}(selected|elected|chosen)|"
    r"quota|first president after|conglomerates|keqiang|same surname|"
    r"any drills|lineout|deputy|"
    r"vice (chairman|premier|president)|"
    r"second in command|extradit\w*|hostels?|prices?|speed threshold|what (exactly )?makes a|"
    r"(us|american) president (that|who) (arrest\w*|captur\w*|order\w*)|monetary policy|"
    r"how long has (takaichi|xi|she|yoon|zhao leji|li qiang) (been|served)|"
    r"biggest (k ?pop )?(act|group|band)s?|"
    r"what (kind of |kinds of )?fish|proper army|have an army|oil prices?|"
    r"how (many years|long) (has )?(xi|he|she) (been|ruled)|whom? did (she|he) replace|"
    r"dozens or hundreds|how (d|did) (the )?(yanks|americans) (actually |even )?(nab|grab|captur|"
    r"seiz)\w*|mostly sell|(massive|popular|huge) in (japan|china|korea)|"
    r"chip stocks|which (\w+ ){0,2}stocks|merchant shipping|shipping lanes|"
    r"speak (which|what) language|(which|what) language (do|does|is|are)|swell|surf report|"
    r"north shore|what became of|after (his|her) presidency|"
    r"salmon pens|(open )?sea cages|pens (actually )?work|reuters|associated press|heavy metal|"
    r"drummer|used to be a|"
    r"(seized|captured|caught) in a raid|surrender\w*|lotte\w* (\w+ )?business|hurt lotte|"
    r"lotte (was )?hurt|was lotte|(get|got|find|land) a job (at|with)|"
    r"jobs? (at|with) ein|hiring|"
    r"careers? (at|with)|lawmaking|job (actually )?involves?|before (he became |being )?premier|"
    r"speaker of (korea|the national assembly)|function technically|technically)\b|"
    r"\b(does|do|did) (south korea|seoul|japan|tokyo|taiwan) (have|possess|develop|own) "
    r"(any )?(nuclear|nukes)\b|"
    r"\bwhich country has the most\b|\b(coastal|fishing) communities\b|"
    r"\b(largest|biggest|top|main) (export|import)s?\b|\bexports? go\b|"
    r"\b(us|united states|america)\b.*\b(tariffs?|trade war)\b|"
    # general knowledge near the article's subjects: Taiwan's status, rankings, other events
    r"\b(independent|separate|sovereign) (state|country|nation)\b.*\bprovince\b|"
    r"\bprovince\b.*\b(independent|separate|sovereign) (state|country|nation)\b|"
    r"\bwho (presently|currently|now) (leads|runs|rules|governs|heads)\b|"
    r"\bseat of government\b|\b(total )?membership of\b|"
    r"\b(biggest|most popular|largest) (\w+ ){0,2}(fandoms?|members?|bands?|idols?|singers?)\b|"
    r"\bwhich (bts|blackpink|twice|exo|\w+ group) members?\b|"
    r"\b(most recent|latest|last|previous) (\w+ ){0,3}(negotiations|trade talks|election|"
    r"elections)\b|"
    r"\b(does|do|did|has|have) (japan|tokyo|taiwan|the us|america|north korea|vietnam) "
    r"(\w+ )?(have|has|had|impose\w*) (\w+ ){0,2}(a ban|any ban|bans|restrictions?|curbs)\b|"
    r"\bscore (in|of) the\b|\bcarbon footprint\b|\bbarrels? (a|per) day\b|"
    r"\b(taiwan president|taiwan presidency|taiwan leader|taiwan own president|taiwan have a "
    r"president|taiwan have its own president|president of taiwan|presidency of taiwan|"
    r"leader of taiwan)\b|"
    r"\b(who is running|who is ruling|who is leading|who is governing) (\w+ ){1,2}now\b|"
    r"\bcharges? (were |was )?(brought|filed|against)\b|\b(charged|indicted) (with|for)\b|"
    r"\bdownfall\b|\barrested for\b|\bmartial law\b|"
    r"\b(range|speed|payload) (of|o) (the|them|those|its|their)\b|"
    r"\bcan (a|an|the|their|its) (\w+ ){0,2}(icbms?|missiles?|rockets?) (reach|strike)\b|"
    r"\bcatholic\w*|\bvatican\b|\boverfish\w*|"
    r"\bterms (under which|of the (deployment|deal|agreement))\b|"
    r"\b(visiting hours|opening hours|opening times|visiting times)\b|"
    r"\b(army|military) duty\b|\bback from the army\b|"
    r"\b(composition|mandate) (and \w+ )?of\b"
)
#: Verbs of meeting someone; the people the article has Lee meet are those cited with them.
MEETING = gated(
    r"\b(meet|meets|meeting|met|sit down with|sat down with|summit with|talks with|"
    r"talk with|talking with)\b"
)
#: Verbs of travel; the article reports only Lee's journeys.
TRAVEL = frozenset(
    "visit visits visiting visited come comes coming came travel travels travelling traveling "
    "travelled traveled fly flies flying flew head heads heading headed go goes going went "
    "pull pulls pulling pulled popping sail sails sailing zoom zooming".split()
)
#: Words that may stand between a traveller and the verb ("Xi is also expected to visit").
AUXILIARIES = frozenset(
    "will would is was are were be going to also ever not never soon finally planning plans "
    "accept accepted agree agreed promise promised invitation invited an a make pay "
    "reciprocal return official state "
    "plan expected due set likely gonna wanna want wants could might may should".split()
)
#: "going to" + one of these is the future tense, not a journey.
NOT_A_JOURNEY = frozenset(
    "be have host meet attend do say make get talk push sign ask raise discuss see".split()
)
MONTH = gated(r"\b(what|which) month\b")
WHEN_SPECIFIC = gated(
    r"\b(what|which|exact) (dates?|days?|month)\b|\b(what|exact) time\b|\bexact(ly)? when\b|"
    r"(?<!\bto )(?<!\bup to )\bdate\b|"
    r"\bcalendar day\b|\b(precise|exact) day\b|\bset (day|date)\b|\bdates? of\b|\bdates\b|"
    r"\bspecific (day|date)\b|"
    r"\b(what|which) (night|evening)\b|"
    r"\bday (he|she|lee|xi|they) (lands|arrives|leaves|departs|flies)\b"
)
YEAR = gated(r"\b(what|which) years?\b|\bin what year\b|\bexact years?\b")
MEASURE = gated(
    r"\bhow (big|large|tall|old|far(?! (has|have|had|did) )|heavy|wide|deep|fast|rich|"
    r"expensive|powerful|influential)\b|"
    r"\bcould (\w+ ){0,3}reach\b|"
    r"\bhow far (did|do|does|can|could|will) [\w ]+ (fly|flew|travel\w*)\b|"
    r"\b(range|speed|payload|altitude|yield) (of|on)\b|\bwhat is the (range|speed|payload)\b|"
    r"\b(size|estimate) of\b|\b(specs|specifications|tech specs|materials?)\b|"
    r"\brange in\b|\bstockpile\b|\bhow many (nukes|nuclear (weapons|bombs|warheads))\b|"
    r"\bin (km|kilometers|kilometres|miles)\b|\byield strength\b|\btensile\b"
)
DURATION = gated(
    r"(?<!\bgiven )(?<!\bconsidering )\bhow long\b|"
    r"\bhow many (years?|yrs|months|weeks|days|hours|seasons)\b"
)
#: "how many weeks later": when, in the only terms the article has ("later this month")
LATER_BY = gated(r"\bhow (many|much) (\w+ )?(days?|weeks?|time) (later|after|from now)\b")
COUNT = gated(
    r"\bhow (many|much)\b|\bnumber of\b|\bcount of\b|\bthe count\b|\b(enough|sufficient)\b|"
    r"\bpopulation\b|\b(warhead|troop|missile) count\b|\bone (\w+ ){0,3}or (several|more|many)\b|"
    r"\b(volume|gdp|statistics|percentage|percent)\b"
)


@dataclass(frozen=True, slots=True)
class Ask:
    """The kind of answer a question wants: the topic's text must be able to supply it."""

    kind: str  # "when", "date", "month", "duration", "count", "where", "any"


#: Words one slip from a source word that are words themselves: "write", "contract".
_NOT_SLIPS = frozenset(
    "write writes contract contracts resource resources reported reports compliment "
    "compliments".split()
)


def fuzzy_hits(words: tuple[str, ...], vocabulary: frozenset[str]) -> dict[str, str]:
    """The question's words that stand for a word of ``vocabulary`` (one slip allowed in
    words of five letters or more), each with the word it stands for."""
    found: dict[str, str] = {}
    for word in words:
        if word in vocabulary:
            found[word] = word
        elif len(word) >= 5 and word not in _NOT_SLIPS:
            hit = _closest(word, vocabulary)
            if hit is not None:
                found[word] = hit
    return found


@lru_cache(maxsize=65536)
def _closest(word: str, vocabulary: frozenset[str]) -> str | None:
    hit = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=85)
    if hit is not None and abs(len(hit[0]) - len(word)) <= 1:  # not report/reporter
        return str(hit[0])
    return None


#: "you're sharper than some of my students": said to the bot, not asked of the article.
COMPLIMENT = gated(
    r"^(\w+ ){0,3}you( are|re)? (so |really |pretty |way |actually )?"
    r"(smart|sharp|clever|good|great|helpful|amazing|awesome|fast|quick|useful|decent|cool|"
    r"legit|solid|not bad|handy|\w+er than)\b|"
    r"\b(not bad|this) bot(,)? (respect|slaps)\b|\bbot slaps\b|\bnot bad bot\b"
)


HELP = gated(
    r"\b(what can you do|how do(es)? (this|it|you) work|commands|what (questions|things) "
    r"can (you|i)|what can i ask)\b"
)
IDENTITY = gated(
    r"\b(who|what) are you\b|\bare you (a |an )?(human|bot|robot|person|real|ai)\b|"
    r"\byour name\b|\bcall you\b|\bwho (made|makes|built|created) you\b|"
    r"\bwhere (are )?you from\b|"
    r"^what is this( bot| thing)?$|\bwho am i talking to\b|\b(a )?(person|human) or a (bot|robot|"
    r"machine)\b"
)
#: "hello, first time using this bot, nice to meet you": about the bot, not a first visit.
MEETING_THE_BOT = gated(r"\bnice to meet you\b|\bfirst time (using|trying|here)\b|\bnew here\b")
HOW_ARE_YOU = re.compile(
    r"(hey |hi |hello |yo )?(\w+ )?(how is it going|how are you( doing)?|"
    r"how (is )?your (day|night|evening|morning)( going)?|sup|wassup)|"
    r"(\w+ ){0,8}how (is )?your (day|night|evening|morning)( going)?"
)


#: Ways of addressing the bot with a greeting.
ADDRESSES = frozenset("partner buddy pal mate friend folks there yall everyone bot".split())


_SOCIAL = GREETINGS | THANKS | BYES
_SMALL_TALK = _SOCIAL | ACKS | FILLER | {"good", "see", "ya", "u", "it", "ton", "tons", "lot"}
_SMALL_TALK |= {"to", "hope", "day", "treating", "kindly", "well", "today", "have", "nice"}
_SMALL_TALK |= {"explanation", "explanations", "kind", "your", "very", "much", "for"}
_SMALL_TALK |= {"finally", "straight", "answer", "answers", "partner", "a"}
_SMALL_TALK |= {"rundown", "ahoy", "respect", "talk", "tomorrow", "aight", "back", "charts"}
_SMALL_TALK |= {"big", "up", "yuhself", "bredda", "respec", "namaste", "smooth", "sir", "going"}
_SOCIAL_ADDRESSED = _SMALL_TALK | ADDRESSES


def chitchat_kind(query: Query) -> str | None:
    """``greeting``, ``thanks``, ``bye``, ``identity``, ``ack``, ``help`` or None."""
    words = set(query.words)
    if not words:
        return "ack"
    text = query.text
    if COMPLIMENT.search(text):
        return "thanks"
    if HELP.search(text):
        return "help"
    if IDENTITY.search(text):
        return "identity"
    if HOW_ARE_YOU.fullmatch(text) or (words & GREETINGS and MEETING_THE_BOT.search(text)):
        return "greeting"
    # "howdy partner": with a greeting or thanks, the address is the bot, not the article
    vocabulary = _SOCIAL_ADDRESSED if not words.isdisjoint(_SOCIAL) else _SMALL_TALK
    if not words <= vocabulary:
        return None
    if words & GREETINGS or ("good" in words and words & {"morning", "evening", "afternoon"}):
        return "greeting"
    if words & THANKS:
        return "thanks"
    if words & BYES:
        return "bye"
    if words == {"help"}:
        return "help"
    return "ack"


def is_followup(query: Query) -> bool:
    return bool(FOLLOWUP.match(query.text))


#: Stems a summary request may consist of ("quick summary pls", "tl;dr in two lines").
SUMMARY_STEMS = frozenset(stem(w) for w in SUMMARY_WORDS | SUMMARY_FILLER)

#: "what does the article say", "explain this whole thing", "the bare facts of this story"
WHOLE_STORY = gated(
    r"\b(article|story|piece|news|whole thing|this thing|all this)\b.*\b(about|say|says|"
    r"saying|telling|facts|summary|gist|overview|what happen(ed)?(?! there))\b|\b(explain|"
    r"summari[sz]e|sum up|recap|break down)\b"
    r".*\b(article|story|piece|news|whole thing|this thing|all this|whole)\b|"
    r"\b(bare|basic|key|main) facts\b|\bcatch me up\b|\b(sketch|outline) (the )?main points\b|"
    r"\bsum (it |this |things )?up\b|\bnut graf\b|\bwhat is the story( here)?$|"
    r"\b(brief|summary|overview|rundown|recap|gist|precis|précis) (on|of|for) (the|this) "
    r"(article|story|piece|news|report)\b|"
    r"\b(summary|gist|overview|recap|precis|précis|version) of (the|this) (article|story|piece|"
    r"news|report)\b|\bwhat (this|the) (article|story|piece|report) covers\b|"
    r"\b(in a few words|in (one|1) (line|sentence)|in a nutshell|\w+ second version)\b|"
    r"\b(short version|core message|main message|key message|bottom line|eli5|bluf|"
    r"cliff ?s? notes|sparknotes)\b|"
    r"\bwhat (is )?(going on|happening|up)\b.*\b(article|story|piece|news)\b|"
    r"\b(main|central|overall) (subject|topic|theme|story|idea)\b|"
    r"\bwhat happen\w* in (this|the) (text|article|story|piece|news)\b"
)


def wants_summary(query: Query, context_only: bool) -> bool:
    """Summary words with nothing topical left, or a question about the whole story."""
    words = set(query.words)
    if words & SUMMARY_WORDS and context_only:
        return True
    if context_only and re.search(
        r"\btoo long\b|\bdid ?n[o']?t read\b|\bnot reading (all )?(that|this)\b", query.text
    ):
        return True
    if context_only and WHOLE_STORY.search(query.text):
        return True
    if not query.stems:
        return bool(
            re.search(r"\b(about|what happened|happening|going on|news|story|new)\b", query.text)
            and not re.search(r"\b(you|your|my)\b", query.text)
        )
    return False


HOW_OLD_THING = gated(r"\bhow old (is|was|are) (the|this|that|it)\b")
#: "when" asking for a time, not joining clauses ("what did he say when addressing residents").
WHEN = gated(
    # not a clause opener: "when addressing the community, what did Lee say"
    r"^(\w+ ){0,2}when\b(?! \w+ing\b| (he|lee|the \w+) (spoke|talked|talk|said|addressed|met)\b)"
    # "when the beijing part is finished, which city is next": the question is "which"
    r"(?! (?!(is|was|are|were|did|does|do|will|would|has|have|had)\b)\w+ .*\b(which|what|who)\b)|"
    r"\bwhen$|\bwhen (is|was|are|were|did|does|do|will|would|has|have|had|"
    r"exactly|specifically|precisely|roughly|approximately)\b"
)
WHERE = gated(r"^where\b")
FITS = gated(
    r"\b(fit|fits|come in|comes in|come into|comes into|come from|leave|leaves|place|places|"
    r"stand|stands|sit|sits|put|puts)\b"
)


def ask_of(query: Query) -> Ask:
    text = query.text
    if YEAR.search(text):
        return Ask("year")
    if MONTH.search(text) or LATER_BY.search(text):
        return Ask("month")  # "japan visit also planned? what month": "later this month" says
    if WHEN_SPECIFIC.search(text):
        return Ask("date")
    if HOW_OLD_THING.search(text):
        return Ask("duration")  # "how old is the ban": how long it has lasted
    if MEASURE.search(text):
        return Ask("count")
    if DURATION.search(text):
        return Ask("duration")
    if COUNT.search(text):
        return Ask("count")
    if WHEN.search(text):
        return Ask("when")
    if text.startswith("where") and WHERE.search(text) and not FITS.search(text):
        return Ask("where")  # "where is this article from" never gets here: it is a source
    return Ask("any")


_YEAR = r"\b(1[89]|20)\d\d\b"
_WEEKDAY = r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_MONTH = (
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b"
)


def can_supply(ask: Ask, text: str) -> bool:
    """True when ``text`` (a topic's cited sentences) holds the kind of fact the ask needs."""
    low = text.lower()
    if ask.kind == "year":
        return bool(re.search(_YEAR, low))
    if ask.kind == "month":
        return bool(re.search(f"{_MONTH}|(this|next|last) month", low))
    if ask.kind == "date":
        return bool(re.search(f"{_WEEKDAY}|{_MONTH}", low))
    if ask.kind == "when":
        return bool(
            re.search(f"{_YEAR}|{_WEEKDAY}|{_MONTH}|this month|later|earlier|recently|since", low)
        )
    if ask.kind == "duration":
        return bool(re.search(r"decade|\d+ (years?|months?|weeks?|days?)|since " + _YEAR, low))
    if ask.kind == "count":
        numbers = re.sub(_YEAR, "", low)
        return bool(re.search(r"\d|\b(two|three|four|five|six|seven|eight|nine|ten)\b", numbers))
    if ask.kind == "where":
        return bool(re.search(r"\b(in|at) [A-Z]|(?<!response )\bto [A-Z]", text))
    return True
