"""Quotation marks: pair them, drop them, and say what the quoted passage is (encoding model §3.7, §4).

``mark_quotations(el, doc, line, speakers)`` pairs the quotation marks in an element's own text
(“…” always; straight "…" when they pair up; ‘…’ for single quotes, never a ’ inside a word such as
Khrushchev’s or vpechatlitel’nost’), removes them and wraps the passage, recording the marks in
``@rendition`` (``#dq #dq-close`` for double, ``#sq #sq-close`` for single quotes):

* ``said who= direct="true"`` after an inquit with a speech verb and a colon or comma
  (“Fidel said: “If so…”” — who is the person named before the verb, when the index knows them),
  or before an inquit (“…,” Rusk said); after a speaker label that names a known person, as translated
  records write a speech inside running text (“… and then N. S. KHRUSHCHEV: “We will not …””), with
  ``cert="medium" resp="#conv"`` (a label is no verb of saying);
* ``quote`` for cited writing: after “reads:”, “the following:”, “as follows:”, after “called (a)”,
  “termed”, “branding”, or in a sentence about the press, a letter, a statement, a communiqué…;
* ``soCalled`` for one to three words used as scare quotes (“offensive” weapons);
* ``q`` otherwise (the converter cannot tell).

A quotation that runs over paragraphs (“ reopening each paragraph, ” only in the last — the usual
convention) becomes one element per paragraph, of the same kind, chained with ``xml:id``/``next``/``prev``,
``cert="medium" resp="#conv"``, with ``#dq`` / ``#dq-close`` saying which marks each part had; the state is
kept on the ``Document`` between calls. A part that no later paragraph continues keeps a
``quotes.unclosed`` decision. Other marks that do not pair (a typo, ”equality”) stay in the text as
characters with a ``quotes.unbalanced`` decision. Quotations inside a quotation are handled inside the
new element in the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from lxml import etree

from ..xmlio import XML_ID, E, local_name
from .markup import string_value, top_level_offsets, wrap_range, wrap_ranges
from .model import Document

if TYPE_CHECKING:
    from .names import NameIndex

DOUBLE_OPEN, DOUBLE_CLOSE, STRAIGHT = "“", "”", '"'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"

SPEECH_VERBS = (
    r"said|says|say|asked|asks|ask|replied|replies|reply|answered|answers|declared|declares|stated|states|"
    r"added|adds|continued|continues|noted|notes|remarked|remarks|exclaimed|observed|observes|commented|"
    r"responded|told|tells|tell|stressed|stresses|emphasized|emphasised|shouted|interjected|retorted|"
    r"went on|put it|joked|insisted|insists|repeated|concluded|began|interrupted|whispered|cried|explained|"
    r"promised|warned|suggested|agreed|thought|wondered"
)
_WORD = r"[\w’'.-]+"
#: an inquit ending just before the opening mark: "Fidel said:", "Guevara half-jokingly noted:", "I asked him,"
_INQUIT_BEFORE = re.compile(
    rf"\b(?P<verb>{SPEECH_VERBS})\b(?P<rest>(?:\s+{_WORD}){{0,4}}?)\s*[:,]\s*\Z"
)
#: a speech verb, optionally with its object pronoun, just before the opening mark: He said “yes”
_VERB_BEFORE = re.compile(
    rf"\b(?P<verb>{SPEECH_VERBS})(?:\s+(?:him|her|them|us|me|you))?(?:(?:\s+{_WORD}){{0,2}}?\s+that)?\s+\Z"
)
#: an inquit right after the closing mark: "…,” Rusk said. / “…?” asked Fidel.
_INQUIT_AFTER = re.compile(
    rf"\A\s*(?:(?P<subj>(?:[A-Z][\w’'.-]*\s+){{0,3}}?(?:[A-Z][\w’'.-]*|he|she|they|I|we))\s+(?:{SPEECH_VERBS})\b"
    rf"|(?:{SPEECH_VERBS})\s+(?P<subj2>(?:[A-Z][\w’'.-]*\s*){{1,3}}))"
)
#: cited writing announced with a colon: "reads:", "the following:", "as follows:"
_WRITING_COLON = re.compile(
    r"\b(?:reads?|reading|read\s+in\s+part|says\s+in\s+part|wrote|writes|written|following|follows|text|"
    r"the\s+words|headlined|entitled|titled|marked|inscribed)\b[^.:;]{0,20}?[:,]?\s*\Z",
    re.IGNORECASE,
)
#: wording cited as what someone called something: "called a “puppet…”", "branding “American aggressors”"
_CALLED = re.compile(
    r"\b(?:call(?:ed|s|ing)?|term(?:ed|s|ing)?|label(?:l?ed|s|ling|ing)?|described\s+as|describing\s+as|"
    r"dubb(?:ed|ing)|brand(?:ed|s|ing)|characteriz(?:ed|ing)\s+as|characteris(?:ed|ing)\s+as|referred\s+to\s+as|"
    r"known\s+as|so-called)\s+(?:(?:it|him|her|them|us|this|that|the|an?|as)\s+){0,3}\Z",
    re.IGNORECASE,
)
#: The four patterns above must match at the end of the text, but a search tries them at each of its
#: positions (up to ``_WINDOW`` of them). A match leaves a trace in the last characters, which is looked
#: at first: an inquit ends in ":" or "," (and spaces); a verb before the mark is followed by spaces and
#: ends in the last word of a verb, an object pronoun or "that"; cited writing has one of the last words
#: of its keywords within ``_WRITING_REACH`` characters of the last one that is not a space; "called"
#: and its kin end in one of their last words and spaces.
_VERB_BEFORE_LAST_WORDS = tuple(sorted(
    {verb.split()[-1] for verb in SPEECH_VERBS.split("|")} | {"him", "her", "them", "us", "me", "you", "that"}))
_WRITING_LAST_WORD = re.compile(
    r"(?:reads?|reading|part|wrote|writes|written|following|follows|text|words|headlined|entitled|titled|"
    r"marked|inscribed)\b",
    re.IGNORECASE,
)
#: the keyword ends at most 21 characters (``[^.:;]{0,20}?[:,]?``) before the end, spaces aside, and its
#: last word is at most 9 characters long
_WRITING_REACH = 21 + 9
_CALLED_LAST_WORD = re.compile(
    r"(?:call(?:ed|s|ing)?|term(?:ed|s|ing)?|label(?:l?ed|s|ling|ing)?|as|dubb(?:ed|ing)|brand(?:ed|s|ing)|"
    r"it|him|her|them|us|this|that|the|an?)\Z",
    re.IGNORECASE,
)
#: the longest of those last words ("labelling")
_CALLED_REACH = 9


def _inquit_before(before: str) -> re.Match | None:
    """``_INQUIT_BEFORE.search(before)``, made only when ``before`` ends in ":" or ","."""
    if not before.rstrip().endswith((":", ",")):
        return None
    return _INQUIT_BEFORE.search(before)


def _verb_before(before: str) -> re.Match | None:
    """``_VERB_BEFORE.search(before)``, made only when ``before`` ends in spaces after one of the words
    the pattern can end with."""
    if not before[-1:].isspace() or not before.rstrip().endswith(_VERB_BEFORE_LAST_WORDS):
        return None
    return _VERB_BEFORE.search(before)


def _writing_colon(before: str) -> bool:
    """Does ``_WRITING_COLON`` match at the end of ``before``? Looked for only when the last word of one
    of its keywords stands near the end."""
    near_end = max(0, len(before.rstrip()) - _WRITING_REACH)
    return _WRITING_LAST_WORD.search(before, near_end) is not None and _WRITING_COLON.search(before) is not None


def _called(before: str) -> bool:
    """Does ``_CALLED`` match at the end of ``before``? Looked for only when ``before`` ends in spaces
    after one of the words the pattern can end with."""
    if not before[-1:].isspace():
        return False
    tail = before.rstrip()
    return (_CALLED_LAST_WORD.search(tail, max(0, len(tail) - _CALLED_REACH)) is not None
            and _CALLED.search(before) is not None)


#: sentences about written sources
_WRITTEN_SOURCE = re.compile(
    r"\b(?:press|newspapers?|Pravda|Izvestia|Times|Post|article|editorial|communiqu[eé]|declaration|"
    r"resolution|treaty|agreement|letter|message|telegram|cable|memorandum|note|report|broadcast|radio|"
    r"statement|speech|text|document|paragraph|Article|headline)\b",
)

_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z“‘\"(])")


#: the characters that are taken as quotation marks: “ ” " ‘ and ’, but not a ’ between two letters or
#: digits (Khrushchev’s, don’t, vpechatlitel’nost). ``[^\W_]`` is what ``str.isalnum`` accepts. The
#: expression opens with a class of characters, which the re module finds by a fast scan; the
#: lookarounds are tried only at those characters.
_QUOTE_MARK = re.compile(
    f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}{STRAIGHT}{SINGLE_OPEN}{SINGLE_CLOSE}]"
    f"(?:(?<=[{DOUBLE_OPEN}{DOUBLE_CLOSE}{STRAIGHT}{SINGLE_OPEN}])|(?<![^\\W_].)|(?![^\\W_]))")


def may_hold_marks(text: str) -> bool:
    """Does ``text`` hold a character that may be a quotation mark? (Five substring tests, each a fast
    scan in C, are much faster than one search for a character class.)"""
    return (DOUBLE_OPEN in text or DOUBLE_CLOSE in text or STRAIGHT in text or SINGLE_OPEN in text
            or SINGLE_CLOSE in text)


class _Mark:
    __slots__ = ("pos", "char")

    def __init__(self, pos: int, char: str):
        self.pos = pos
        self.char = char


def _own_text_marks(el: etree._Element) -> tuple[str, list[_Mark]]:
    """The string value of ``el`` and the quotation marks in its own text (not inside child elements).

    The marks are found in the whole string value at once (a ’ inside a word is no mark: it looks at the
    characters on both sides, which the whole value has); only those in the element's own text are kept.
    Most paragraphs have no mark, or only apostrophes, and need not be cut into their own text."""
    value = string_value(el)
    if not may_hold_marks(value):
        return value, []  # most paragraphs: no mark anywhere, so none in the element's own text
    found = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(value)]
    if not found or len(el) == 0:
        return value, [_Mark(i, ch) for i, ch in found]  # without children, all the text is its own
    own = [(start, end) for start, end, item in top_level_offsets(el) if item == "text" or isinstance(item, tuple)]
    return value, [_Mark(i, ch) for i, ch in _in_slots(found, own)]


def _in_slots(found: list[tuple[int, str]], slots: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The marks of ``found`` (ascending positions) that lie in one of ``slots`` (ascending, apart), found
    in one walk over both (asking each mark about every slot made paragraphs with many quotations and
    notes quadratic)."""
    kept = []
    j = 0
    for i, ch in found:
        while j < len(slots) and slots[j][1] <= i:
            j += 1
        if j < len(slots) and slots[j][0] <= i:
            kept.append((i, ch))
    return kept


def _straight_role(value: str, pos: int) -> str:
    """Is a straight double quote at ``pos`` opening ("open"), closing ("close") or unclear?"""
    before = value[pos - 1] if pos > 0 else " "
    after = value[pos + 1] if pos + 1 < len(value) else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "unclear"


def _pairs(value: str, marks: list[_Mark]) -> tuple[list[tuple[_Mark, _Mark, int]], list[_Mark]]:
    """Top-level and nested pairs (open, close, depth) and the marks left unpaired."""
    pairs: list[tuple[_Mark, _Mark, int]] = []
    unpaired: list[_Mark] = []
    stack: list[_Mark] = []
    on_stack = dict.fromkeys((DOUBLE_OPEN, SINGLE_OPEN, STRAIGHT), 0)  # the openers on the stack, by mark
    straight = [m for m in marks if m.char == STRAIGHT]
    straight_ok = len(straight) % 2 == 0 and all(
        _straight_role(value, m.pos) != "unclear" for m in straight
    )
    for m in marks:
        kind = _kind(m, value, stack, straight_ok)
        if kind == "open":
            stack.append(m)
            on_stack[m.char] += 1
        elif kind == "close":
            opener = _matching_opener(m, stack, on_stack)
            if opener is None:
                if m.char != SINGLE_CLOSE:  # a lone ’ is an apostrophe (the boys’), not a quote
                    unpaired.append(m)
                continue
            # marks opened after the matching opener and never closed are unpaired
            while stack and stack[-1] is not opener:
                unpaired.append(stack.pop())
                on_stack[unpaired[-1].char] -= 1
            stack.pop()
            on_stack[opener.char] -= 1
            pairs.append((opener, m, len(stack)))
        elif kind == "unpaired":
            unpaired.append(m)
    unpaired.extend(stack)
    unpaired.sort(key=lambda m: m.pos)
    return pairs, unpaired


def _kind(m: _Mark, value: str, stack: list[_Mark], straight_ok: bool) -> str:
    if m.char in (DOUBLE_OPEN, SINGLE_OPEN):
        return "open"
    if m.char in (DOUBLE_CLOSE, SINGLE_CLOSE):
        return "close"
    # straight double quote
    if not straight_ok:
        return "unpaired"
    return _straight_role(value, m.pos)


def _matching_opener(m: _Mark, stack: list[_Mark], on_stack: dict[str, int]) -> _Mark | None:
    """The opener that ``m`` closes: the last one of its kind on the stack. Looked for only when there is
    one (``on_stack`` counts them), so a closer without an opener costs nothing and the walk down the
    stack is paid for by the openers it leaves unpaired (many stray ‘ and ” were quadratic)."""
    want = {DOUBLE_CLOSE: DOUBLE_OPEN, SINGLE_CLOSE: SINGLE_OPEN, STRAIGHT: STRAIGHT}[m.char]
    if not on_stack[want]:
        return None
    for opener in reversed(stack):
        if opener.char == want:
            return opener
    return None


# --------------------------------------------------------------------------- classification


#: how far back an inquit or a "reads:" is looked for (keeps the pass linear on very long paragraphs)
_WINDOW = 300


def _sentence_before(value: str, pos: int) -> str:
    """The text of the sentence before ``pos``, at most the last ``_WINDOW`` characters of it."""
    lo = max(0, pos - _WINDOW)
    start = lo
    for m in _SENTENCE_END.finditer(value, lo, pos):
        start = m.end()
    return value[start:pos]


def _who(before_verb: str, speakers: "NameIndex | None") -> str | None:
    """The person named as the subject of an inquit: the last person named before the verb."""
    if speakers is None or not before_verb.strip():
        return None
    persons = [f for f in speakers.matches(before_verb) if f.entity.kind == "person"]
    if not persons:
        return None
    last = persons[-1]
    # the subject must be close to the verb ("Fidel said", "Guevara half-jokingly noted")
    if len(before_verb[last.end:].split()) > 3:
        return None
    speakers.note_mention(last.entity)
    return last.entity.id


#: a run of capitalised words ending in a colon just before the opening mark: a speaker label inside running
#: text, as translated records write a speech ("… and then N. S. KHRUSHCHEV: “We will not …”")
_LABEL_BEFORE = re.compile(r"(?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'.-]*\s*:\s*\Z")
#: how far back the label is looked for (longer than any label the pattern takes)
_LABEL_REACH = 120
#: what may stand before the label's name: the start of the text, a punctuation mark that ends a sentence
#: or a clause, or "and", "then" ("… could wait, and then N. S. KHRUSHCHEV:"); not a verb or a
#: preposition ("wrote to Khrushchev:", "quoted Khrushchev:"), after which the name is no speaker
_BEFORE_LABEL = re.compile(r"(?:\A|[.!?;,:—–(][”’\"')]*|\b(?:[Aa]nd|[Tt]hen))\s*\Z")


def _label_speaker(before: str, speakers: "NameIndex | None") -> str | None:
    """The person a speaker label just before a quotation names ("A. A. GROMYKO: “…”" in a paragraph):
    the label must end with the name of a person the index knows, and only a sentence or clause boundary,
    or "and"/"then", may stand before the name."""
    if speakers is None or not before.rstrip().endswith(":"):
        return None
    lo = max(0, len(before) - _LABEL_REACH)
    m = _LABEL_BEFORE.search(before, lo)
    if m is None:
        return None
    label = before[m.start():before.rindex(":")].rstrip()
    persons = [f for f in speakers.matches(label) if f.entity.kind == "person" and not f.office]
    if not persons or persons[-1].end != len(label):
        return None
    name_at = m.start() + persons[-1].start
    if not _BEFORE_LABEL.search(before, max(0, name_at - 12), name_at):
        return None
    speakers.note_mention(persons[-1].entity)
    return persons[-1].entity.id


def classify(value: str, start: int, end: int, speakers: "NameIndex | None" = None) -> tuple[str, dict[str, str]]:
    """What the passage ``value[start:end]`` (the marks at ``start - 1`` and ``end`` excluded) is:
    ``("said", {"who": …})``, ``("quote", {})``, ``("soCalled", {})`` or ``("q", {})``."""
    content = value[start:end]
    before = _sentence_before(value, start - 1)
    after = value[end + 1:end + 60]
    m = _inquit_before(before)
    writing = _writing_colon(before)
    if m and not writing and not re.match(r"\s*(?:that|whether|if)\b", m["rest"]):
        attrs = {}
        who = _who(before[: m.start("verb")], speakers)
        if who:
            attrs["who"] = f"#{who}"
        attrs["direct"] = "true"
        return "said", attrs
    labelled = _label_speaker(value[max(0, start - 1 - _LABEL_REACH):start - 1], speakers)
    if labelled and not writing:  # a label is no inquit verb: the speaker is a guess
        return "said", {"who": f"#{labelled}", "direct": "true", "cert": "medium", "resp": "#conv"}
    if writing or _called(before):
        return "quote", {}
    m = _verb_before(before)
    if m:  # He said “yes”
        attrs = {}
        who = _who(before[: m.start("verb")], speakers)
        if who:
            attrs["who"] = f"#{who}"
        attrs["direct"] = "true"
        return "said", attrs
    words = content.split()
    if re.search(r"[,!?]$", content.strip()) or re.match(r"\s*[,]", after):
        # not after a full stop: "…rapidly.” I told him …" starts a new sentence
        ma = _INQUIT_AFTER.match(after)
        subj = ((ma["subj"] or ma["subj2"] or "") if ma else "").strip()
        pronoun = subj in ("he", "she", "they", "I", "we")
        who = _who(subj + " x", speakers) if subj and not pronoun else None
        if ma and (pronoun or who):  # the subject must be a pronoun or a known person ("Recalled stated" is not)
            attrs = {"who": f"#{who}"} if who else {}
            attrs["direct"] = "true"
            return "said", attrs
    if 1 <= len(words) <= 3 and not re.search(r"[,.!?]$", content.strip()) and not re.match(r"[,;:]", after):
        return "soCalled", {}
    if _WRITTEN_SOURCE.search(before):
        return "quote", {}
    return "q", {}


# --------------------------------------------------------------------------- marking


def mark_quotations(el: etree._Element, doc: Document, line: int, speakers: "NameIndex | None" = None) -> None:
    """Pair, remove and encode the quotation marks in ``el``'s own text (see the module docstring)."""
    chain = _chain(doc)
    before = chain.last
    _mark(el, doc, line, speakers, depth=0)
    if chain.last is not None and chain.last is before and not chain.extended:
        chain.last = None  # not continued by this paragraph: it stays unclosed (its decision stands)
    chain.extended = False


class _Chain:
    """A quotation running over paragraphs (FRUS and others reopen “ at each paragraph and close ” only in
    the last): the last part so far, and the element and attributes its parts share."""

    def __init__(self) -> None:
        self.last: etree._Element | None = None
        self.line = 0
        self.tag = "q"
        self.attrs: dict[str, str] = {}
        self.extended = False
        #: the "not closed" decision of the last open part, withdrawn when a paragraph continues it
        self.pending = None


def _chain(doc: Document) -> _Chain:
    chain = doc.__dict__.get("_quotation_chain")
    if chain is None:
        chain = _Chain()
        doc.__dict__["_quotation_chain"] = chain
    return chain


def _link(chain: _Chain, new: etree._Element, doc: Document, line: int, closes: bool, passage: str) -> None:
    """Make ``new`` the next part of the open quotation (or the first part of a new one). An open part
    gets a "not closed" decision at once, withdrawn when a later paragraph continues the quotation
    (so that a quotation still open at the end of the document keeps it); ``passage`` is its text, which
    the decision quotes (``new`` is filled later)."""
    new.set("cert", "medium")
    new.set("resp", "#conv")
    new.set(XML_ID, doc.new_id("quote"))
    if chain.last is not None:
        chain.last.set("next", f"#{new.get(XML_ID)}")
        new.set("prev", f"#{chain.last.get(XML_ID)}")
        chain.extended = True
        if chain.pending is not None and chain.pending in doc.decisions:
            doc.decisions.remove(chain.pending)
    chain.pending = None
    chain.last = None if closes else new
    chain.line = line
    if not closes:
        chain.pending = doc.decide(
            line, "quotes.unclosed",
            f"quotation opened with “ and not closed in this paragraph nor continued in the next "
            f"({passage[:40]}…)",
            "a slip in the source, or the quotation ends at the paragraph end", cert="medium", target=new.get(XML_ID))


def _within_pairs(pairs: list[tuple[_Mark, _Mark, int]]) -> Callable[[int], bool]:
    """A test of whether a position lies between the marks of one of ``pairs`` (pairs of one level, which
    lie apart), by a binary search: asking every pair about every unpaired mark (a paragraph of inch
    marks, 12" guns, and quotations) was quadratic."""
    ordered = sorted(pairs, key=lambda p: p[0].pos)
    opens = [opener.pos for opener, _closer, _depth in ordered]
    closes = [closer.pos for _opener, closer, _depth in ordered]

    def within(pos: int) -> bool:
        i = bisect_left(opens, pos) - 1
        return i >= 0 and pos < closes[i]

    return within


def _mark(el: etree._Element, doc: Document, line: int, speakers, depth: int) -> None:
    value, marks = _own_text_marks(el)
    if not marks:
        return
    pairs, unpaired = _pairs(value, marks)
    chain = _chain(doc) if depth == 0 else None
    lead = len(value) - len(value.lstrip())
    opens_para = bool(marks) and marks[0].pos == lead and marks[0].char == DOUBLE_OPEN
    # a quotation running on: one unpaired “ (reopening the paragraph, or starting the quotation) and
    # nothing else unpaired; or, while one is open, a last ” with no opener in this paragraph
    run_on = None
    if chain is not None and len(unpaired) == 1 and unpaired[0].char == DOUBLE_OPEN:
        run_on = ("open", unpaired[0])
    elif chain is not None and chain.last is not None and len(unpaired) == 1 and unpaired[0].char == DOUBLE_CLOSE \
            and not opens_para:
        run_on = ("close", unpaired[0])
    top = [p for p in pairs if p[2] == 0]
    in_top = _within_pairs(top)
    if run_on is not None and in_top(run_on[1].pos):
        run_on = None  # inside a quotation of this level ("‘a “ b’"): not a quotation running on
    for m in unpaired:
        if run_on is not None and m is run_on[1]:
            continue
        if in_top(m.pos):
            continue  # inside a quotation of this level: reported when that quotation is looked into
        doc.decide(
            line, "quotes.unbalanced",
            f"unpaired quotation mark {m.char} kept as a character (…{value[max(0, m.pos - 25):m.pos + 25]}…)",
            "a quotation that runs on into the next paragraph, or a slip in the source",
            cert="medium",
        )
    spans: list[tuple[int, int, str, _Mark | None, _Mark | None]] = []  # start, end, role, opener, closer
    for opener, closer, _depth in top:
        spans.append((opener.pos + 1, closer.pos, "pair", opener, closer))
    if run_on is not None and run_on[0] == "open":
        spans.append((run_on[1].pos + 1, len(value), "open", run_on[1], None))
    if run_on is not None and run_on[0] == "close":
        spans.append((lead, run_on[1].pos, "close", None, run_on[1]))
    # right to left: a quotation running on takes its kind from the part before it
    made: list[_Made] = []
    for start, end, role, opener, closer in sorted(spans, key=lambda x: -x[0]):
        if end <= start or not value[start:end].strip():
            continue
        continues = chain is not None and chain.last is not None and (
            role == "close" or (role == "open" and opener.pos == lead) or (role == "pair" and opens_para and opener.pos == lead))
        if continues:
            tag, attrs = chain.tag, dict(chain.attrs)
        else:
            tag, attrs = classify(value, start, end, speakers)
            if role != "pair" and tag == "soCalled":
                tag = "q"
        single = opener is not None and opener.char == SINGLE_OPEN
        if role == "pair":
            rend = "#sq #sq-close" if single else "#dq #dq-close"
        else:
            rend = "#dq" if role == "open" else "#dq-close"
        new = E(tag, {**attrs, "rendition": rend})
        made.append(_Made(start, end, role, opener, closer, new))
        if chain is not None and (continues or role == "open"):
            if role == "open" and not continues:
                chain.last = None  # a new quotation: the open one (if any) keeps its decision
                chain.tag, chain.attrs = tag, attrs
            _link(chain, new, doc, line, closes=(role != "open"), passage=value[start:end])
    _wrap(el, made)
    for m in made:
        _mark(m.new, doc, line, speakers, depth + 1)


class _Made:
    """A quotation of a paragraph: its passage in the paragraph's string value, its marks, its element."""
    __slots__ = ("closer", "end", "new", "opener", "role", "start")

    def __init__(self, start: int, end: int, role: str, opener: _Mark | None, closer: _Mark | None,
                 new: etree._Element):
        self.start, self.end, self.role, self.opener, self.closer, self.new = start, end, role, opener, closer, new


def _wrap(el: etree._Element, made: list[_Made]) -> None:
    """Wrap the quotations of ``el`` (``made``, right to left) and drop their marks.

    The pairs and the part that runs on into the next paragraph lie apart and are wrapped at once
    (:func:`wrap_ranges`: one pass over the paragraph however many quotations it has); the part that
    closes a quotation from the paragraph before may hold pairs, so it is wrapped after them, its end
    moved back by the marks they dropped."""
    apart = [m for m in reversed(made) if m.role != "close"]
    wrap_ranges(el, [(m.start, m.end, m.new) for m in apart])
    for m in apart:
        _drop_marks(el, m)
    for m in made:
        if m.role == "close":
            dropped = sum((a.opener is not None and a.opener.pos < m.end) + (a.closer is not None and a.closer.pos < m.end)
                          for a in apart)
            wrap_range(el, m.start, m.end - dropped, m.new)
            _drop_marks(el, m)


def _drop_marks(el: etree._Element, m: _Made) -> None:
    if m.opener is not None:
        _drop_mark_before(el, m.new, m.opener.char)
    if m.closer is not None:
        _drop_mark_after(m.new, m.closer.char)


def _drop_mark_before(el: etree._Element, new: etree._Element, mark: str) -> None:
    """Remove the opening mark just before ``new`` (recorded in its @rendition). If an earlier pass
    moved text so that the mark is not there, it stays as a character: nothing is lost, and the header
    then declares that some marks remain."""
    prev = new.getprevious()
    if prev is None:
        if (el.text or "").endswith(mark):
            el.text = el.text[:-1]
    elif (prev.tail or "").endswith(mark):
        prev.tail = prev.tail[:-1]


def _drop_mark_after(new: etree._Element, mark: str) -> None:
    """Remove the closing mark just after ``new``; left in place if it is not there (see above)."""
    if (new.tail or "").startswith(mark):
        new.tail = new.tail[1:]


QUOTE_ELEMENTS = ("said", "quote", "soCalled", "q")


def is_quotation(el: etree._Element) -> bool:
    return local_name(el) in QUOTE_ELEMENTS
