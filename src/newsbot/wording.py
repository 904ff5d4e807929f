"""Reader text made comparable: normalisation, slang, stopwords, stems and the Query value.

Everything here is language-level and article-independent: a new digest never changes it.
``parse`` never raises, for any Unicode text of any length.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_URL = re.compile(r"(?:https?://|www\.)\S+")
_MENTION = re.compile(r"(?<!\w)@\w+")
_COMMAND = re.compile(r"^\s*/\w+(?:@\w+)?")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_CLOCK = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)")
_CJK_WHO = re.compile(r"是谁|是誰|谁|誰|누구(?:야|예요|인가요|입니까)?|だれ|誰ですか")
_DIGIT = re.compile(r"\d")
_LIST_NUMBER = re.compile(r"^\d{1,3}[.)]\s+")
_CONTRACTION = re.compile(r"'(s|re|ll|d|ve|m)\b")
#: Idioms whose words would read as content: "why go in the first place", "any result so far",
#: "which big shots does he meet" (bigwigs)
_IDIOM_WORDS = {"big shot": "bigwig", "big shots": "bigwigs"}
_IDIOMS = re.compile(r"\b(in the first place|so far|big shots?)\b")
#: "not so into politics", "I don't follow Chinese politics": the reader, not the question
_NOT_INTO = re.compile(
    r"\b(not|never) (\w+ ){0,2}(into|up on|follow\w*|interested in|big on|a fan of) "
    r"(\w+ ){0,2}politics( much)?\b"
)
CJK = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def has_cjk(text: str) -> bool:
    """True when ``text`` has a Hangul, kana or Han character (ASCII text is ruled out first)."""
    return not text.isascii() and CJK.search(text) is not None


SLANG: dict[str, str] = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whats": "what is",
    "wats": "what is",
    "abt": "about",
    "catchin": "catching",
    "pullin": "pulling",
    "wetin": "what",
    "wots": "what is",
    "vist": "visit",
    "visting": "visiting",
    "vistit": "visit",
    "chian": "china",
    "chinna": "china",
    "pupose": "purpose",
    "purpse": "purpose",
    "porpose": "purpose",
    "presidant": "president",
    "presdent": "president",
    "relashions": "relations",
    "goverment": "government",
    "japn": "japan",
    "taiwn": "taiwan",
    "usin": "using",
    "servin": "serving",
    "swingin": "swinging",
    "stirrin": "stirring",
    "lil": "little",
    "bakit": "why",
    "sino": "who",
    "ano": "what",
    "saan": "where",
    "pupunta": "going",
    "pumunta": "went",
    "kikitain": "meet",
    "sinabi": "said",
    "galing": "from",
    "nakita": "saw",
    "hapen": "happen",
    "hapening": "happening",
    "thingy": "thing",
    "thingies": "things",
    "goin": "going",
    "comin": "coming",
    "doin": "doing",
    "headin": "heading",
    "tryin": "trying",
    "talkin": "talking",
    "sayin": "saying",
    "meetin": "meeting",
    "visitin": "visiting",
    "gettin": "getting",
    "lookin": "looking",
    "hopin": "hoping",
    "plannin": "planning",
    "makin": "making",
    "takin": "taking",
    "thinkin": "thinking",
    "askin": "asking",
    "fightin": "fighting",
    "nothin": "nothing",
    "somethin": "something",
    "bout": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "w": "with",
    "frm": "from",
    "gonna": "going",
    "wanna": "want",
    "gimme": "give",
    "tho": "though",
    "thx": "thanks",
    "ty": "thanks",
    "pls": "please",
    "plz": "please",
    "pm": "prime minister",
    "prez": "president",
    "govt": "government",
    "tldr": "summary",
    "tl": "summary",
    "dr": "",
    "whos": "who",
    "whose": "who",
    "hows": "how",
    "wheres": "where",
    "whens": "when",
    "im": "i",
    "dont": "not",
    "didnt": "not",
    "doesnt": "not",
    "isnt": "not",
    "wont": "will not",
    "cant": "can not",
    "k": "k",
    "rn": "now",
    "n": "and",
    "b4": "before",
    "2day": "today",
    "thru": "through",
    "smth": "something",
    "sth": "something",
    "ppl": "people",
    "bday": "birthday",
    "sk": "south korea",
    "mainland": "china",  # "if the mainland moves on taiwan"
    # typed without vowels: "whr dz lee go nxt aftr bjng" (content words: Matcher.lookup)
    "hw": "how",
    "whn": "when",
    "dz": "does",
    "ws": "was",
    "iz": "is",
    "ths": "this",
    "tht": "that",
    "wth": "with",
    "nxt": "next",
    "aftr": "after",
    "bfr": "before",
    "hs": "has",
    "gt": "get",
    "dd": "did",
    "shd": "should",
    "wd": "would",
    "cld": "could",
    "hv": "have",
    "wll": "will",
    "knd": "kind",
    "mny": "many",
    "fst": "fast",
    "agr": "agree",
    "lft": "lift",
    "wnt": "want",
    "nks": "nukes",
    # Scots: "whit's the point o this trip tae China, whit's Lee efter?"
    "whit": "what",
    "whits": "what is",
    "tae": "to",
    "aboot": "about",
    "efter": "after",
    "aff": "off",
    "ower": "over",
    "oot": "out",
    "gie": "give",
    "twa": "two",
    "thegither": "together",
    "fae": "from",
    "wi": "with",
    "dinnae": "not",
    "didnae": "not",
    "cannae": "can not",
    "isnae": "not",
    "wisnae": "not",
    "gonnae": "going",
    "bidin": "living",
    "hame": "home",
    "mair": "more",
    "noo": "now",
    "aw": "all",
    "hoo": "how",
    "dae": "do",
    # Indonesian asides: "hari apa north korea try the hypersonic one? kapan itu"
    "kapan": "when",
    "da": "the",
    "ovr": "over",
    "bj": "beijing",  # "lee talk to koreans in bj"
    "apa": "what",
    "stayin": "staying",
    # Spanish and Portuguese asides: "ok pero porque is president lee even going to china"
    "porque": "why",
    "pero": "but",
    "nk": "north korea",
    "wen": "when",
    "wher": "where",
    "whr": "where",
    "hes": "he",
    "shes": "she",
    "tokio": "tokyo",
    "sumary": "summary",
    "summery": "summary",
    "sumarry": "summary",
    "summry": "summary",
    "artcile": "article",
    "artcle": "article",
    "aritcle": "article",
    "articel": "article",
    "waht": "what",
    "wha": "what",
    "hapend": "happened",
    "hapened": "happened",
    "abuot": "about",
    "abt.": "about",
    "teh": "the",
    "pls.": "please",
    "ima": "i",
    "idk": "",
    "imo": "",
    "afaik": "",
    "kinda": "",
    "cooked": "strained",
    # Spanish and romanised Korean asides
    "señor": "",
    "amigo": "",
    "después": "after",
    "dijo": "said",
    "que": "what",
    "ilbon": "japan",
    "bukhan": "north korea",
    "hanguk": "korea",
    "jungguk": "china",
    "meny": "many",
    "hav": "have",
    "weppons": "weapons",
    # German asides
    "wer": "who",
    "und": "and",
    "warum": "why",
    "ist": "is",
    "der": "the",
    "wie": "how",
    "viele": "many",
    "kurz": "short",
    "bitte": "please",
    "herausgeber": "publisher",
    "whys": "why is",
    "qoute": "quote",
    "sinse": "since",
    "wahala": "dispute",
    # Scots and Jamaican patois
    "fer": "for",
    "doon": "down",
    "ye": "you",
    "gwaan": "going on",
    "gwan": "going on",
    "fi": "to",
    "tings": "things",
    "blok": "block",
    "wah": "what",
    "wid": "with",
    "dem": "them",
    "pon": "on",
    "di": "the",
    "ting": "thing",
    "inna": "in",
    "vex": "upset",
    "rocking": "going",
    "prolly": "probably",
    "yrs": "years",
    "yr": "year",
    "admin": "administration",
    "gov": "government",
    "convo": "conversation",
    "outta": "out of",
    "dat": "that",
    "dis": "this",
    "tryna": "trying to",
    # abbreviations readers type: "jp leg this mo.", "mtg w/ premier", "src pls"
    "jp": "japan",
    "mtg": "meeting",
    "mtgs": "meetings",
    "src": "source",
    "omgg": "omg",
    "omggg": "omg",
    "quién": "who",
    "quien": "who",
    "es": "is",
    "howzit": "hello",
    "eish": "",
    "gusto": "want",
    "econ": "economic",
    "mo": "month",
}

#: Countries and regions this kind of regional story may be confused with: named in a question
#: but absent from the article, they mean the question is about something else.
FOREIGN_PLACES = frozenset(
    """russia ukraine india pakistan france germany britain england uk europe eu iran iraq israel
    gaza palestine syria turkey egypt vietnam philippines indonesia malaysia singapore thailand
    australia canada mexico brazil argentina africa nigeria mongolia cambodia myanmar laos
    nepal bangladesh italy spain poland sweden norway finland saudi qatar kazakhstan senkaku taipei
    diaoyu dokdo takeshima kuril xian chengdu guangzhou shenzhen wuhan tianjin
    chongqing hangzhou dalian harbin""".split()
)

#: Places readers name by description ("the Japanese capital"): world knowledge, not article.
PLACES = {
    "japanese capital": "tokyo",
    "japan capital": "tokyo",
    "capital of japan": "tokyo",
    "chinese capital": "beijing",
    "china capital": "beijing",
    "capital of china": "beijing",
    "south korean capital": "seoul",
    "korean capital": "seoul",
    "capital of south korea": "seoul",
    "capital of korea": "seoul",
    "after the capital": "after beijing",
    "beyond the capital": "beyond beijing",
    "prc": "china",
    "rok": "south korea",
}
_PLACES = re.compile(r"\b(" + "|".join(sorted(PLACES, key=len, reverse=True)) + r")\b")
#: A word every described place contains ("capital", "prc"): no match, no substitution.
_PLACE_WORDS = re.compile("|".join(sorted({max(p.split(), key=len) for p in PLACES})))

STOPWORDS = frozenset(
    """a about above after again against all also am an and any anything are as at be because
    been before being between both but by can could did do does doing don down during each
    else even ever for from further had has have having he her here hers him himself his how
    i if in into is it its itself just like me more most much my myself no nor not now of off
    on once only or other our ours out over own please same she should so some something still
    such than that the their theirs them then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself really actually basically exactly kinda sorta again wait ok okay hey yo
    de nim ssi la lah leh lor kalimera aigoo aigo omo aish lol lmao lmfao ngl tbh omg bruh btw
    idk fr
    um uh hmm huh eh
    oh ah pls please thanks thank
    whatever stuff thing things bit lot yeah yes yep nope nah tell know explain explained say
    says said saying mention mentioned mentions article story piece report reported news text
    think thinks give get got gets want wants wanted would could should
    might may must shall let lets us one ones any anyone someone somebody anybody every
    kind sort type way ways many much part info information details detail again still right mean
    means meant happen happening happened deal happens look looks seem seems trying try
    po ba ang ng sa na ni mga yung ano si daw lang pa rin nga din ko ito mr mrs ms san tf per
    evn sorry dumb umm hang wonder wondering kindly sih kah apa siapa kenapa jenis dong
    deh diba tong niya em""".split()
)


def normalise(text: str) -> str:
    """NFKC, casefold, no URLs, @mentions, leading /command, emoji or punctuation."""
    text = unicodedata.normalize("NFKC", text)
    # each substitution only when its telltale character is there: most questions have none
    if "/" in text:
        text = _COMMAND.sub(" ", text)
    if "@" in text:
        text = _MENTION.sub(" ", text)
    text = text.casefold()
    if "http" in text or "www." in text:
        text = _URL.sub(" ", text)
    if _DIGIT.search(text):
        text = _CLOCK.sub(" clocktime ", text)  # "4 pm" is a time, not a prime minister
    if not text.isascii():
        text = _CJK_WHO.sub(" who ", text)  # 是谁 / 누구: "who", the one CJK question word
        text = text.replace("’", "'").replace("‘", "'")
    text = text.replace("tl;dr", "tldr")
    if text[:1].isdigit():
        text = _LIST_NUMBER.sub("", text)  # "7. who are the activists": a numbered list
    if "'" in text:
        text = _CONTRACTION.sub("", text)
    text = text.replace("can't", "can not").replace("won't", "will not")
    text = text.replace("n't", " not").replace("'", "")
    text = " ".join(_TOKEN.findall(text.replace("-", " ")))
    if "politics" in text:
        text = _NOT_INTO.sub(" ", text)
    if "first place" in text or "so far" in text or "big shot" in text:
        text = _IDIOMS.sub(lambda m: _IDIOM_WORDS.get(m[0], " "), text)
    return text


def tokens(text: str) -> list[str]:
    """Normalised tokens with slang expanded (``wat`` -> ``what``)."""
    out: list[str] = []
    text = normalise(text)
    if _PLACE_WORDS.search(text):
        text = _PLACES.sub(lambda m: PLACES[m.group(1)], text)
    for token in text.split():
        out.extend(SLANG.get(token, token).split())
    return out


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """A light, deterministic suffix stripper: ban/banned/banning, take/taking, meetings/meet."""
    if len(token) <= 3 or has_cjk(token):
        return token
    base = token
    if base.endswith("ies"):
        base = base[:-3] + "y" if len(base) > 4 else base[:-1]
    elif base.endswith("s") and not base.endswith(("ss", "us", "is")) and len(base) > 4:
        base = base[:-1]
    for suffix in ("ing", "ied", "ed", "ly"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            base = base[: -len(suffix)] + ("y" if suffix == "ied" else "")
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2] != "s":
                base = base[:-1]
            break
    if len(base) >= 4 and base.endswith("e") and base[-2] not in "aeiou":
        base = base[:-1]  # "take" and "taking" both become "tak"
    return base


#: Words readers use to point at the text or frame a question; they ask nothing themselves.
SCAFFOLD = frozenset(
    stem(w)
    for w in """according describe described description framing frame framed characterize
    characterise characterization portray portrayed indicate indicates imply implies suggest
    mention cite cited attribute link linked tie tied relate related regard regarding
    assessment account perspective view context backdrop role theme angle factor situation
    significance significant symbolic symbolically specific specifically particular moment
    currently overall merely simply likely expected supposed considered seem appear reason
    exactly actually honestly whole entire basically literally main key point mostly
    author authors reader readers bot anything everything somehow anyway also aspect issue
    issues matter question questions answer explain summary summarize short long name
    go going head heading headed travel traveling fly flying come coming doing see seeing
    play playing along fight fighting care using use help helping try tryna trying make
    making take taking keep keeping need needing happen plan planning supposed gonna
    visit visiting trip deal dealing work working went gone afterwards afterward anywhere
    somewhere actual actually timing time then apart whole else stay staying bring
    brought call called frame framed mere merely given still ever already yet meaning hit
    hitting though tho connection connected connections relevance relevant vs versus well
    professor teacher mom dad mother father wife husband boss colleague grandson
    granddaughter grandma grandpa grandkids son daughter kids students listeners uncle aunt
    cousin neighbor neighbour
    near guy guys man woman person smh true fit fits factor factors besides bother anyone
    someone really even evidence sure truly exactly quick quickly briefly lines
    chat ask asking asks coworker coworkers customers clients regulars fandom viewers
    subscribers followers halmeoni halmoni grandparents sermon congregation parishioners
    skeptical sceptical confused confusing curious heck worksheet homework essay podcast
    blog newsletter familiar fella heard sounds script thought reckon
    blimey crikey yikes jeez geez gosh dang typical came comes pull pulled pulling radio
    foreseen foresee finish finished feature features discussions
    understand saw clip sus problem special personally anymore highlight highlights
    narrative tiptoe several lowkey bro table intend intends tea referred refer referenced
    reference forgive ignorance pardon sentence sef lost addict caption precisely
    circumstances regard spinning eh excuse obsessed tried tries attempt attempts attempted
    result results big list reach reaching serious seriously dud grommets love loves loved
    unhappy upset mad angry annoyed journey journeys detour detours stopover excursion
    success fully quit quitting grandchildren grandchild grandsons granddaughters adore
    adores bottom roadmap vibe vibes little always sometimes forgot forget haha hahaha jajaja
    hehe sory irl everyone everybody obvious obviously instead admit sense coverage wonder
    wonders wondering hold holds lands landed landing pal pals forgotten lady wise passing done
    oppa oppas sir
    wow ugh earth recall felt completely flatmate roommate housemate
    tourist opponent rig counsel agency latest general never approximately roughly case
    update updates classmate classmates prof seminar desk
    patient patients clue aye assess whether
    abuelo abuela""".split()
)


_STOP_STEMS = frozenset(stem(w) for w in STOPWORDS if len(w) > 4)


def content_stems(words: list[str]) -> list[str]:
    """Stems of the words that are not stopwords, in order, without repeats."""
    seen: dict[str, None] = {}
    for word in words:
        if word in STOPWORDS or (len(word) <= 1 and not has_cjk(word)):
            continue
        stemmed = stem(word)
        if stemmed not in _STOP_STEMS:  # "wanting" is as empty as "want"
            seen.setdefault(stemmed, None)
    return list(seen)


@dataclass(frozen=True, slots=True)
class Query:
    """A question taken apart: what the matcher and the intent rules read."""

    raw: str
    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]


def parse(question: str) -> Query:
    """Turn raw text into a :class:`Query` (never raises; any Unicode, any length)."""
    words = tokens(question[:5000])
    return Query(question, " ".join(words), tuple(words), tuple(content_stems(words)))
