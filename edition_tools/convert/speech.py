"""Speech in narrative records: ``said`` for reported and unmarked direct speech (encoding model §3.7, §4),
and speaker labels of transcripts.

``mark_speech(el, ctx, doc, line)`` looks at each sentence of a narrative paragraph:

* indirect speech, "X said/stressed/noted/… that …" (also "asked whether", "said he would" with
  ``cert="medium"``): ``said who= direct="false"`` over the complement, to the end of the sentence;
* an inverted inquit, "…, continued Fidel Castro, …" / "…, stressed Fidel Castro.": two ``said``
  parts chained with ``xml:id``/``next``/``prev``, ``direct="true" cert="medium"`` — or
  ``direct="unknown" cert="low"`` and a decision when nothing in the clauses shows direct speech;
* a comma inquit, "X stressed, I am confident…", and a colon inquit, "Fidel noted: Why …?":
  ``said direct="true" cert="medium"`` to the end of the paragraph or until the narrator resumes
  ("I said …", "X replied that …"); "I thought: …" is ``aloud="false"``.

The speaker is the person named before the verb (``ctx.names``), the author for "I", and for he/she/they
the single person who was the subject of the previous sentence (``cert="medium"``) or nobody (a
decision lists the candidates). Speech that is only summarised ("spoke highly …, stressing …") and what
a written message "said" are not marked. Every heuristic element carries ``cert`` and ``resp="#conv"``.

``speaker_label(text)`` recognises transcript labels ("Dobrynin:", "Lt. Gen. Vogt:", "Q:");
``apply_block_speech`` fills in who/toWhom/direct of a block quotation from its introducing clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import islice, pairwise

from lxml import etree

from ..xmlio import XML_ID, E, local_name
from .markup import string_value, top_level_offsets, widened, wrap_ranges
from .model import Document
from .names import NameIndex, office_text

# --------------------------------------------------------------------------- speaker labels

_LABEL_HONORIFIC = r"(?:Mr|Mrs|Ms|Dr|Gen|Adm|Amb|Sen|Rep|Gov|Col|Capt|Maj|Lt|Sgt|Prof|Rev|Cde|Mme|M|St|Brig|Cdr)\."
_CAP_WORD = r"(?:[A-Z][\w’'.-]*)"
_LABEL_PARTICLE = r"(?:of|de|von|van|der|du|da|la|le|the|and|for)"
_LABEL_RE = re.compile(
    rf"^(?P<label>(?:{_LABEL_HONORIFIC}\s+){{0,3}}(?:The\s+)?{_CAP_WORD}"
    rf"(?:\s+(?:{_LABEL_PARTICLE}\s+)?{_CAP_WORD}){{0,3}})(?P<p>:)(?=\s|$)"
)
#: "The President. We will…": a label closed by a full stop, only with a title or honorific in it
_LABEL_PERIOD_RE = re.compile(
    rf"^(?P<label>(?:The\s+(?:President|Vice\s+President|Secretary|Chairman|Ambassador|Chancellor|Premier|Prime\s+Minister)"
    rf"|(?:{_LABEL_HONORIFIC}\s+)+{_CAP_WORD}(?:\s+{_CAP_WORD})?))(?P<p>\.)(?=\s+[A-Z“\[])"
)
#: Words that open a labelled line that is not a speaker turn.
NOT_SPEAKERS = frozenset(
    """note notes subject subjects source sources participants participation present date time place to from
    cc attachment attachments enclosure enclosures summary comment comments action ref reference references
    drafted approved distribution classification agenda item topic topics conclusion conclusions
    recommendation recommendations background secret confidential unclassified memorandum problem
    discussion decision decisions issue issues result results purpose location copy copies tab annex
    appendix part section chapter question answer exhibit priority flash immediate routine info
    telegram message subject matter also others see ibid editor editors footnote dear gentlemen sir sirs
    madam excellency""".split()
)


def speaker_label(paragraph_text: str) -> tuple[str, int] | None:
    """The speaker label that opens a transcript paragraph and its length: ``"Dobrynin: And he…"`` ->
    ``("Dobrynin:", 9)``; ``None`` for narrative, notes ("Note:"), headings ("Subject:"), times ("4:05")
    and sentences that end in a colon ("He said the following:")."""
    text = paragraph_text.lstrip()
    lead = len(paragraph_text) - len(text)
    m = _LABEL_RE.match(text) or _LABEL_PERIOD_RE.match(text)
    if not m:
        return None
    label = m["label"]
    words = [w for w in label.split() if not re.fullmatch(_LABEL_HONORIFIC, w)]
    if not words or len([w for w in words if not re.fullmatch(_LABEL_PARTICLE, w)]) > 4:
        return None
    first = words[0].rstrip(".").lower()
    if first in NOT_SPEAKERS or label.rstrip(".").lower() in NOT_SPEAKERS:
        return None
    if any(w.rstrip(".").lower() in NOT_SPEAKERS for w in words) and len(words) > 1 and words[0] != "The":
        return None  # "Drafted By:", "Summary Of Conclusions:"
    full = label + m["p"]
    return full, lead + len(full)


# --------------------------------------------------------------------------- context


@dataclass
class SpeechContext:
    """Who "I" is (``author_id``), the persons the text may name (``names``), and whom the author speaks
    to in a record of a conversation (``to_whom``). The pass remembers the last sentence subject."""

    author_id: str | None
    names: NameIndex
    to_whom: str | None = None
    #: ``"medium"`` when the author is a guess (the signer of a letter or telegram), else None
    author_cert: str | None = None
    #: ids of the persons who were the subject of the last sentence with a known subject
    last_subject: list[str] = field(default_factory=list, init=False, repr=False)
    #: persons named in this and the previous elements, most recent first (candidates for he/she/they)
    recent: list[str] = field(default_factory=list, init=False, repr=False)
    #: persons named in the current paragraph before the current sentence, in order (not the author)
    named_before: Iterable[str] = field(default_factory=list, init=False, repr=False)

    def candidates(self) -> list[str]:
        return [i for i in self.recent if i != self.author_id][:5]


SAID_VERBS = (
    "said|stressed|noted|explained|confirmed|replied|added|continued|agreed|emphasized|emphasised|"
    "pointed out|observed|declared|stated|remarked|mentioned|indicated|assured|insisted|argued|warned|"
    "admitted|acknowledged|announced|reiterated|repeated|recalled|commented|responded|answered|maintained|"
    "claimed|told|informed|suggested|underlined|underscored|affirmed|objected|conceded|predicted|"
    "thought|asked"
)
_ADVERBS = (
    r"(?:also|further|again|then|once\s+more|in\s+turn|later|first|still|too|however|therefore|now|next|"
    r"finally|immediately|at\s+once|[\w-]+ly)"
)
#: words that may stand between the verb and "that": "told me that", "said, however, that", "stressed in this connection that"
_BETWEEN = r"(?:[,]?\s+(?!that\b)[\w’'-]+){0,6}?,?"
_SUBJ_PRONOUN = r"(?:I|he|He|she|She|they|They|we|We)"
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\ufffc*(?=\s+[\ufffc]*[A-Z“‘\"(\[]|\s*$)")
_ABBREV_BEFORE_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Adm|Amb|Sen|Rep|Gov|Col|Capt|Maj|Lt|Sgt|Prof|Rev|Cde|Mme|St|No|Nos|Vol|pp?|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|cf|ca|etc|vs|Inc|Co|Corp|Dept|Govt|Amb)"
    r"|(?<![\w.])[A-Z]|(?:[A-Z]\.)+[A-Z])\Z"
)
#: longer than any abbreviation of _ABBREV_BEFORE_DOT; a run of initials ("U.S.A") ending at the dot
#: is found by its last "S.A" within it
_ABBREV_WINDOW = 8
_NEXT_WORD = re.compile(r"\s*(\w+)")
#: the spaces after a sentence end (``\s`` is what ``str.isspace`` accepts)
_SPACES = re.compile(r"\s*")
_SENTENCE_STARTERS = frozenset(
    "The He She They We I It This That There In At On But However Then After When If As His Her Their Our".split()
)
_OPAQUE = frozenset({"note", "gap", "said", "quote", "q", "soCalled", "speaker", "sp"})
MASK = "\ufffc"
#: ``SpeechContext.last_subject`` after a speaker who was not identified ("The Ambassador replied that …")
UNKNOWN_SPEAKER = "\0unknown"
#: the masked elements that quote words (a sentence may end inside them)
_QUOTATIONS = frozenset({"said", "quote", "q"})
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|our|Our|us|my|My|me|I’m|I'm|we’re|we're)\b")
_PRESENT = re.compile(r"\b(?:is|are|am|will|have|has|do|does|can|must|shall)\b")


def _visible(el: etree._Element, offsets: list[tuple[int, int, object]]) -> str:
    """``el``'s string value with the text of notes, gaps and existing quotations masked (same length);
    ``offsets`` are ``el``'s ``top_level_offsets``. A quotation that ends a sentence inside its marks
    (``“… it is the principle that matters.” He added that …``) keeps that full stop, so that the
    sentence ends with it."""
    value = string_value(el)
    parts: list[str] = []
    pos = 0
    for start, end, item in offsets:  # in order and not overlapping
        if isinstance(item, etree._Element) and local_name(item) in _OPAQUE:
            parts.append(value[pos:start])
            if end - start > 1 and value[end - 1] in ".!?" and local_name(item) in _QUOTATIONS:
                parts.append(MASK * (end - start - 1) + value[end - 1])
            else:
                parts.append(MASK * (end - start))
            pos = end
    if not parts:
        return value  # most paragraphs: nothing to mask
    parts.append(value[pos:])
    return "".join(parts)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: a full stop after an abbreviation or an initial ("Cde. N. S.
    Khrushchev", "Mr. Rusk") does not end a sentence unless a typical sentence opener follows."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        dot = m.start()
        # every abbreviation the pattern knows fits in the window before the dot (lookbehinds and \b
        # still see the text before it), so the search does not rescan the paragraph from its start
        if text[dot] == "." and _ABBREV_BEFORE_DOT.search(text, max(0, dot - _ABBREV_WINDOW), dot):
            nxt = _NEXT_WORD.match(text, end)
            if not nxt or nxt[1] not in _SENTENCE_STARTERS:
                continue
        if text[start:end].strip():
            spans.append((start, end))
        start = _SPACES.match(text, end).end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


# --------------------------------------------------------------------------- subjects


@dataclass
class _Subject:
    ids: list[str]
    cert: str | None = None          # None: named in the sentence
    decision: str = ""               # non-empty: who could not be decided
    alternatives: list[str] = field(default_factory=list)
    author: bool = False
    #: an office no person is known to hold ("The Ambassador replied that …"): someone, not nobody
    unknown_office: bool = False


_TRAILING_ADVERBS = re.compile(rf"(?:\s+{_ADVERBS})+\s*\Z")
_ENDS_IN_I = re.compile(r"(?:^|[\s(—–-])I\Z")
_ENDS_IN_PRONOUN = re.compile(r"(?:^|[\s(—–,;-])(?P<p>he|He|she|She|they|They|we|We)\Z")
_ENDS_IN_THE_TITLE = re.compile(r"(?P<np>\b(?:The|the)\s+(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*)\Z")
_CLAUSE_START_BEFORE = re.compile(r"(?:^|[;:,]|\b(?:and|but|then|Then))\s*\Z")


def _subject(prefix: str, ctx: SpeechContext, mention: bool = True) -> _Subject | None:
    """The speaker named at the end of ``prefix`` (the text before the speech verb, adverbs stripped),
    or ``None`` when the prefix does not end in a person, a pronoun or "The <Title>"."""
    body = _TRAILING_ADVERBS.sub("", prefix.rstrip())
    if _ENDS_IN_I.search(body):
        if ctx.author_id:
            return _Subject([ctx.author_id], cert=ctx.author_cert, author=True)
        return _Subject([], decision="the author (“I”) is not known", author=True)
    m = _ENDS_IN_PRONOUN.search(body)
    if m:
        pronoun = m["p"].lower()
        if ctx.last_subject == [UNKNOWN_SPEAKER] and pronoun != "we":  # the speaker before was not identified
            return _Subject([], decision=f"who is “{m['p']}”?", alternatives=ctx.candidates())
        last = [i for i in ctx.last_subject if i != ctx.author_id]  # "he" is never the narrating "I"
        if pronoun in ("he", "she") and len(last) == 1 and len(ctx.last_subject) == 1:
            return _Subject(list(last), cert="medium")
        if pronoun == "they" and len(last) > 1 and len(last) == len(ctx.last_subject):
            return _Subject(list(last), cert="medium")
        if pronoun == "we" and ctx.author_id:
            return _Subject([ctx.author_id], cert="medium", author=True)
        here = list(dict.fromkeys(ctx.named_before))
        if pronoun in ("he", "she") and not last and len(here) == 1:
            return _Subject(here, cert="low")  # "Diem telephoned me. I said … He said:": the one person of the paragraph
        others = ctx.candidates()
        if pronoun in ("he", "she") and not last and len(others) == 1:
            return _Subject(others, cert="low")  # "I saw Khrushchev … He said that …": the one person named
        return _Subject([], decision=f"who is “{m['p']}”?", alternatives=others)
    found = [f for f in ctx.names.matches(body) if f.entity.kind == "person"]
    if found and found[-1].end == len(body):
        ids = _joined_subject(found, body)
        if mention:
            for f in found:
                if f.entity.id in ids:
                    ctx.names.note_mention(f.entity)
        cert = "medium" if any(f.cert for f in found if f.entity.id in ids) else None
        return _Subject(ids, cert=cert)
    # "The Chancellor said that …": an unknown speaker, marked without @who and left to the editor
    m = _ENDS_IN_THE_TITLE.search(body)
    if m and _CLAUSE_START_BEFORE.search(body[: m.start("np")]):
        holder = _office_holder(re.sub(r"^(?:The|the)\s+", "", m["np"]), ctx)
        if holder:
            return _Subject([holder], cert="medium")
        return _Subject([], decision=f"who is “{m['np']}”?", alternatives=ctx.candidates(), unknown_office=True)
    return None


def _office_holder(office: str, ctx: SpeechContext) -> str | None:
    """The one person, among the participants and the persons named so far, whose role is ``office``
    ("The Chancellor" -> Erhard when Erhard has been named); ``None`` when there is none or several."""
    pool = list(dict.fromkeys([e.id for e in ctx.names.persons()] + ctx.recent))
    holders = []
    for ident in pool:
        e = ctx.names.get(ident)
        if e is None or ident == ctx.author_id:
            continue
        if re.search(rf"(?<![\w-]){re.escape(office)}\b", office_text(e), re.IGNORECASE):
            holders.append(ident)
    if len(holders) > 1 and office.lower() == "secretary":
        # in State Department records "the Secretary" is the Secretary of State
        of_state = [i for i in holders if re.search(r"\bSecretary of State\b", office_text(ctx.names.get(i)), re.IGNORECASE)]
        if len(of_state) == 1:
            return of_state[0]
    return holders[0] if len(holders) == 1 else None


# --------------------------------------------------------------------------- the pass


@dataclass
class _Span:
    start: int
    end: int
    attrs: dict[str, str]
    subject: _Subject
    group: int = 0        # spans of one inverted inquit share a group (chained with next/prev)
    rule: str = ""




def _by_first_letter(words: str) -> str:
    """The alternation ``words`` ("said|stressed|…") grouped by first letter ("s(?:aid|tressed)|…"), which
    the expression engine tries faster. It matches what the plain alternation matches: no word is the
    beginning of another, so at any position at most one of them can match, whatever the order."""
    alternatives = words.split("|")
    if not all(re.fullmatch(r"[a-z]+(?: [a-z]+)*", a) for a in alternatives) or any(
            a != b and b.startswith(a) for a in alternatives for b in alternatives):
        return words  # only words of letters, none the beginning of another
    groups: dict[str, list[str]] = {}
    for w in alternatives:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{re.escape(first)}(?:{'|'.join(map(re.escape, rest))})" if len(rest) > 1
                    else re.escape(first + rest[0]) for first, rest in groups.items()).replace("\\ ", " ")


_VERB = rf"(?P<verb>{_by_first_letter(SAID_VERBS)})"
#: a speech verb as a word: what :func:`_verb_starts` finds (faster)
_ANY_VERB = re.compile(rf"\b(?:{_by_first_letter(SAID_VERBS + '|felt|believed')})\b")


def _literal_led_scans(words: list[str], bounded: bool) -> tuple[re.Pattern, list[int], list[str]]:
    r"""Expressions that find the words ``words``, each opening with a literal, which the re module finds
    by a fast scan instead of trying an alternation of the words at every position (about six times
    faster on a paragraph); ``bounded``: only as words (as :data:`_ANY_VERB`), else anywhere ("unsaid"):

    * one for the words that end in "ed" ("stressed", "pointed out"): the "ed", then a lookbehind for
      the word before it (``bounded``: with its opening ``\b``), one lookbehind per length (a lookbehind
      has a fixed width) whose group tells the length, so the start of the word; then (``bounded``)
      ``\b``, or " out";
    * for each other word ("said"), :func:`_word_scan` (``bounded``) or ``str.find``.

    Returns the "ed" expression, the length of the part up to "ed" for each of its groups, and the
    other words. Two "ed"s never overlap, so its scan misses none; as no word
    holds another, at most one word ends at an "ed"."""
    assert not any(a != b and a in b for a in words for b in words), "a word holds another"
    edge = r"\b" if bounded else ""
    ending_in_ed: dict[int, list[tuple[str, str]]] = {}
    others: list[str] = []
    for word in words:
        head, _, rest = word.partition(" ")
        if head.endswith("ed"):
            ending_in_ed.setdefault(len(head), []).append((head, rest))
        else:
            assert not rest, "a word of several words has a first word ending in ed"
            others.append(word)
    alternatives: list[str] = []
    lengths: list[int] = []
    for length, heads in sorted(ending_in_ed.items()):
        single = [head for head, rest in heads if not rest]
        if single:
            alternatives.append(rf"(?<={edge}({'|'.join(single)})){edge}")
            lengths.append(length)
        for head, rest in heads:
            if rest:
                alternatives.append(rf"(?<={edge}({head}))(?=\ {re.escape(rest)}{edge})")
                lengths.append(length)
    ed = re.compile(rf"ed(?:{'|'.join(alternatives)})")
    return ed, lengths, others


def _word_scan(word: str) -> re.Pattern:
    r"""``\bword\b`` as an expression that opens with the literal word."""
    return re.compile(rf"{word}\b(?<=\b{word})")


_SPEECH_WORDS = (SAID_VERBS + "|felt|believed").split("|")
_ED_VERB, _ED_VERB_LENGTHS, _other_words = _literal_led_scans(_SPEECH_WORDS, bounded=True)
_OTHER_VERBS = [(word, _word_scan(word)) for word in _other_words]
_ED_IN_WORD, _ED_IN_WORD_LENGTHS, _OTHER_IN_WORD = _literal_led_scans(_SPEECH_WORDS, bounded=False)


def _verb_starts(text: str) -> list[int]:
    """The starts of the matches of :data:`_ANY_VERB` in ``text``, in order (see :func:`_literal_led_scans`).
    A match there is a word between word boundaries, so no two overlap: all matches are finditer's."""
    starts = [m.start() + 2 - _ED_VERB_LENGTHS[m.lastindex - 1] for m in _ED_VERB.finditer(text)]
    for word, verb in _OTHER_VERBS:
        if word in text:  # most paragraphs lack most of these words: one fast search says so
            starts.extend(m.start() for m in verb.finditer(text))
    starts.sort()
    return starts


def _verbs_anywhere(text: str) -> list[int]:
    """Every position of ``text`` where a speech verb (or "felt", "believed") begins, inside words too
    ("unsaid"), in order: where the inquit patterns, which open with a verb, can match. Another word
    may overlap one ("thoughthought"), so they are found with ``str.find`` from each start on."""
    starts = [m.start() + 2 - _ED_IN_WORD_LENGTHS[m.lastindex - 1] for m in _ED_IN_WORD.finditer(text)]
    for word in _OTHER_IN_WORD:
        at = text.find(word)
        while at >= 0:
            starts.append(at)
            at = text.find(word, at + 1)
    starts.sort()
    return starts


_INDIRECT = re.compile(rf"{_VERB}\b(?P<between>{_BETWEEN})\s+(?P<conj>that|whether|if)\b,?\s*")
_ZERO_THAT = re.compile(
    r"(?P<verb>said|stated|noted|replied|added|agreed|explained|indicated|thought|felt|believed|answered)"
    r"\s+(?=(?:he|she|they|it|we|there|this)\s+[a-z])"
)
_COMMA_INQUIT = re.compile(rf"{_VERB}\b(?P<between>(?:\s+(?:to\s+)?(?:me|him|her|us|them))?)\s*,\s*(?=[\w“‘])")
_COLON_INQUIT = re.compile(rf"{_VERB}\b(?P<between>(?:\s+[\w’'-]+){{0,3}}?)\s*:\s*(?=[A-Z“‘\"]|[a-z])")
_INVERTED = re.compile(rf",\s+(?P<verb>{SAID_VERBS})\s+(?P<name>(?:[A-Z][\w’'.-]*\s*){{1,4}}?)(?P<p>[,.])(?=\s|$)")
#: a sentence in which the narrator or another speaker takes over
_RESUME = re.compile(
    rf"^\s*(?:(?:Then|Later|Next|Finally|After\s+that|In\s+reply|In\s+conclusion),?\s+)?"
    rf"(?P<subj>I|He|She|They|We|(?:[A-Z][\w’'.-]*\s+){{0,4}}?[A-Z][\w’'.-]*)(?:\s+{_ADVERBS})*\s+(?P<verb>{SAID_VERBS})\b"
)


#: ASCII capitals to lower case, one character for one (offsets stay valid)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LOWER_CASE = re.compile(r"[a-z]")
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?]['\"”’)]*\s+)([A-Z])")


def capitals_view(text: str, persons: list) -> str:
    """The text the speech patterns read: a paragraph in capitals (a cable: "GROMYKO SAID THAT THE
    SOVIET SIDE …") in lower case, with the persons the index found in it (``persons``: matches with
    ``start``/``end``) written as names ("Gromyko said that the soviet side …"); any other text as it is.
    Same length, so offsets hold for the paragraph itself."""
    if _LOWER_CASE.search(text) or sum(1 for c in text[:200] if c.isalpha()) < 20:
        return text
    view = list(text.translate(_ASCII_LOWER))
    for m in _SENTENCE_OPENING.finditer(text):  # sentences still open with a capital
        view[m.start(1)] = m[1]
    for f in persons:
        name = text[f.start:f.end].title()
        if len(name) == f.end - f.start:
            view[f.start:f.end] = name
    return "".join(view)


def mark_speech(el: etree._Element, ctx: SpeechContext, doc: Document, line: int, keep_subjects: bool = True) -> None:
    """Mark reported and unmarked direct speech in a narrative paragraph (see the module docstring);
    a paragraph in capitals is read through :func:`capitals_view`. ``keep_subjects=False``: the caller
    forgets ``ctx.last_subject`` after the paragraph (a transcript's turn), so a paragraph without a
    verb of saying or a quotation to attribute only adds its persons to ``ctx.recent``."""
    offsets = top_level_offsets(el)
    written = _visible(el, offsets)
    persons = [f for f in ctx.names.matches(written) if f.entity.kind == "person"]
    text = capitals_view(written, persons)
    named = [f.entity.id for f in reversed(persons)]
    ctx.recent = list(dict.fromkeys(named + ctx.recent))
    verbs = _verb_starts(text)
    quoted = [(qs, q) for qs, _qe, q in offsets
              if isinstance(q, etree._Element) and local_name(q) == "said" and q.get("who") is None]
    quoted_starts = [qs for qs, _q in quoted]  # ascending, as the offsets are
    if not verbs and not quoted and not keep_subjects:
        return  # nothing to mark, and the sentences' subjects would be forgotten
    sents = sentences(text)
    anywhere = _verbs_anywhere(text) if verbs else []  # where the inquit patterns may match
    spans: list[_Span] = []
    group = 0
    i = 0
    # the persons named in the paragraph, not the author (who stays the same in this pass)
    others = [f for f in persons if f.entity.id != ctx.author_id]
    other_ends = [f.end for f in others]
    other_ids = [f.entity.id for f in others]
    while i < len(sents):
        s, e = sents[i]
        ctx.named_before = _named_by(other_ends, other_ids, s)
        for qs, q in quoted[bisect_left(quoted_starts, s):bisect_left(quoted_starts, e)]:
            _pronoun_inquit(q, text, s, qs, ctx, doc, line)
        sent = text[s:e]
        if not _holds_verb(verbs, s, e):  # most sentences: nothing to do but remember their subject
            _remember_subject(sent, ctx)
            i += 1
            continue
        # 1. inverted inquit: "…, continued Fidel Castro, …"
        inv = _inverted(sent, ctx)
        if inv is not None:
            m, subj = inv
            group += 1
            a_start = s + (len(sent) - len(sent.lstrip()))
            a_end = s + m.start() + 1  # keep the comma inside the first part
            if m["p"] == ",":
                b_start = s + m.end()
                b_start += len(text[b_start:]) - len(text[b_start:].lstrip())
                j = _continuation_end(sents, i, text, ctx)
                b_end = sents[j][1]
            else:
                j = _continuation_end(sents, i + 1, text, ctx) if i + 1 < len(sents) else i
                b_start = sents[i + 1][0] if i + 1 < len(sents) else e
                b_end = sents[j][1] if i + 1 < len(sents) else e
            a_text, b_text = text[a_start:a_end], text[b_start:b_end]
            direct = bool(_FIRST_PERSON.search(a_text + " " + b_text) or _PRESENT.search(a_text + " " + b_text))
            attrs = {"direct": "true", "cert": "medium"} if direct else {"direct": "unknown", "cert": "low"}
            if a_text.strip() and not _has_mask_only(a_text):
                spans.append(_Span(a_start, a_end, dict(attrs), subj, group, "inverted"))
            if b_end > b_start and b_text.strip():
                spans.append(_Span(b_start, b_end, dict(attrs), subj, group, "inverted"))
            _speaker_is_subject(ctx, subj)
            i = max(j, i) + 1
            continue
        # 2. colon inquit: "Fidel noted: Why …?"
        starts = [at - s for at in anywhere[bisect_left(anywhere, s):bisect_left(anywhere, e)]]
        m, subj = _first_with_subject(_COLON_INQUIT, sent, starts, ctx,
                                      lambda m: not sent[m.end():].lstrip().startswith(MASK))
        if m is not None:
            if subj is not None:
                attrs = {"direct": "true", "cert": "medium"}
                if m["verb"] == "thought":
                    attrs["aloud"] = "false"
                j = _continuation_end(sents, i, text, ctx, first_offset=m.end())
                start = s + m.end()
                spans.append(_Span(start, sents[j][1], attrs, subj, 0, "colon"))
                _speaker_is_subject(ctx, subj)
                i = j + 1
                continue
        # 3. indirect speech: "X said that …"
        m, subj = _first_with_subject(
            _INDIRECT, sent, starts, ctx,
            lambda m: (m["conj"] == "that") != (m["verb"] == "asked") and _between_ok(m["between"]))
        if m is not None:
            if subj is not None:
                attrs = {"direct": "false"}
                if m["verb"] == "thought":
                    attrs["aloud"] = "false"
                spans.append(_Span(s + m.end(), e, attrs, subj, 0, "indirect"))
                _speaker_is_subject(ctx, subj)
                i += 1
                continue
        # 4. comma inquit: "Fidel Castro stressed, I am confident…"
        m, subj = _first_with_subject(
            _COMMA_INQUIT, sent, starts, ctx,
            lambda m: not re.match(r"\s*(?:however|though|moreover|nevertheless|and|but|or)\b",
                                   sent[m.end():]))
        if m is not None:
            if subj is not None and subj.ids:
                j = _continuation_end(sents, i, text, ctx, first_offset=m.end())
                spans.append(_Span(s + m.end(), sents[j][1], {"direct": "true", "cert": "medium"}, subj, 0, "comma"))
                ctx.last_subject = subj.ids
                i = j + 1
                continue
        # 5. zero "that": "Dobrynin said he would …"
        m, subj = _first_with_subject(_ZERO_THAT, sent, starts, ctx)
        if m is not None:
            if subj is not None:
                attrs = {"direct": "false", "cert": "medium"}
                if m["verb"] in ("thought", "felt", "believed"):
                    attrs["aloud"] = "false"
                spans.append(_Span(s + m.end(), e, attrs, subj, 0, "zero-that"))
                _speaker_is_subject(ctx, subj)
                i += 1
                continue
        _remember_subject(sent, ctx)
        i += 1
    _apply(el, written, spans, ctx, doc, line)


class _NamesBefore:
    """The first ``count`` of ``ids``, iterated on demand: the persons named before a sentence, which
    only a he/she without a known subject asks for (a copy per sentence cost the names of the paragraph
    times its sentences)."""

    __slots__ = ("count", "ids")

    def __init__(self, ids: list[str], count: int):
        self.ids, self.count = ids, count

    def __iter__(self):
        return islice(self.ids, self.count)


def _named_by(ends: list[int], ids: list[str], at: int) -> _NamesBefore:
    """The ``ids`` of the names that end at or before ``at``. ``ends`` ascend, as the name index finds
    names left to right without overlaps, so they are the ones before ``ends``' bisection point: one
    search per sentence instead of a walk over all the names of the paragraph."""
    return _NamesBefore(ids, bisect_right(ends, at))


def _holds_verb(verbs: list[int], start: int, end: int) -> bool:
    """Does the sentence ``start:end`` hold a speech verb (``_ANY_VERB``)? ``verbs`` are the starts of
    the verbs in the whole paragraph, found by one search: a match there is a match in the sentence, as
    the pattern looks no further than the characters next to the word, and a sentence begins after a
    space (or at the paragraph's start) and ends in punctuation (or at the paragraph's end)."""
    k = bisect_left(verbs, start)
    return k < len(verbs) and verbs[k] < end


_PRONOUN_BEFORE_QUOTE = re.compile(
    rf"(?:^|[\s,;(—–])(?P<p>I|We|we|He|he|She|she|They|they)(?:\s+{_ADVERBS})*\s+(?:{SAID_VERBS})\s*[:,]?\s*\Z"
)


#: how far before a quotation its "He said:" is looked for: longer than any pronoun, adverbs and verb a
#: record writes, so that a sentence with many quotations is not searched from its start for each
_PRONOUN_INQUIT_REACH = 200


def _pronoun_inquit(said_el: etree._Element, text: str, s: int, at: int, ctx: SpeechContext, doc: Document,
                    line: int) -> None:
    """A quotation the quotes pass found after “He said:” without knowing who: the pronoun's person, as
    for reported speech (the narrating I, the one person of the paragraph or the last subject)."""
    m = _PRONOUN_BEFORE_QUOTE.search(text, max(0, s - 1, at - _PRONOUN_INQUIT_REACH), at)
    subj = _subject(m["p"], ctx) if m else None
    if subj is None or not subj.ids:
        return
    said_el.set("who", " ".join(f"#{i}" for i in subj.ids))
    ctx.last_subject = subj.ids
    if subj.cert:
        said_el.set("cert", subj.cert)
        said_el.set("resp", "#conv")
        if said_el.get(XML_ID) is None:
            said_el.set(XML_ID, doc.new_id("said"))
        doc.decide(line, "speech.who", f"“{m['p']}” read as {', '.join(subj.ids)}", "another person",
                   cert=subj.cert, target=said_el.get(XML_ID))


def _joined_subject(found: list, body: str) -> list[str]:
    """The persons of a compound subject ending with the last match: "Fidel Castro and Dorticos",
    "Castro, Dorticos and Guevara" — but in "with Alekseyev, Rodriguez said" only Rodriguez: the link
    next to the last name must be "and"; commas may join the names before it."""
    ids = [found[-1].entity.id]
    i = len(found) - 2
    first = True
    while i >= 0:
        link = body[found[i].end:found[i + 1].start]
        pattern = r"\s*,?\s*and\s*" if first else r"\s*(?:,|,?\s*and)\s*"
        if not re.fullmatch(pattern, link):
            break
        if found[i].entity.id not in ids:
            ids.insert(0, found[i].entity.id)
        first = False
        i -= 1
    return ids


#: strings of which a match of the pattern holds at least one (its ":", its "," or its conjunction):
#: a sentence without any of them is not searched
_NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    _COLON_INQUIT: (":",),
    _COMMA_INQUIT: (",",),
    _INDIRECT: ("that", "whether", "if"),
}


def _matches_at(pattern: re.Pattern, sent: str, starts: list[int]):
    """``pattern.finditer(sent)`` for a pattern that opens with a speech verb, tried only at ``starts``,
    where the verbs begin (:func:`_verbs_anywhere`): at any other position it fails at once. As finditer
    does, the next match is looked for after the end of the last one."""
    pos = 0
    for at in starts:
        if at < pos:
            continue
        m = pattern.match(sent, at)
        if m is not None:
            yield m
            pos = m.end()


def _first_with_subject(pattern: re.Pattern, sent: str, starts: list[int], ctx: SpeechContext,
                        accept=lambda m: True):
    """The first match of ``pattern`` in ``sent`` that ``accept``s and has a speaker before it; ``starts``
    are the positions of the verbs in ``sent`` (see :func:`_matches_at`)."""
    needs = _NEEDS.get(pattern)
    if needs is not None and not any(n in sent for n in needs):
        return None, None
    for m in _matches_at(pattern, sent, starts):
        if not accept(m):
            continue
        subj = _subject(sent[: m.start()], ctx)
        if subj is not None:
            return m, subj
    return None, None


_BETWEEN_WORDS = frozenset(
    """me him her us them you to in this connection reply response turn my his our their your question
    questions also again further once more however then therefore on behalf of and at length privately
    frankly firmly""".split()
)


def _between_ok(between: str) -> bool:
    """The words between the verb and "that" may be an addressee ("told the Foreign Minister", "to Li and
    Tuan") or an adverbial ("in this connection", "in reply to my question", ", however,"), not a clause
    or a noun phrase ("mentioned the party image and the fact that")."""
    words = re.findall(r"[\w’'-]+", between)
    for k, w in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if w in _BETWEEN_WORDS or w.endswith("ly") or w[:1].isupper():
            continue
        if w == "the" and nxt[:1].isupper():
            continue
        return False
    return True


_MASK_AND_PUNCTUATION = re.compile(rf"[{MASK}\s.,;:!?—–-]*")


def _has_mask_only(t: str) -> bool:
    """Does ``t`` hold nothing but masked text, spaces and punctuation?"""
    return _MASK_AND_PUNCTUATION.fullmatch(t) is not None


def _inverted(sent: str, ctx: SpeechContext):
    for m in _INVERTED.finditer(sent):
        name = m["name"].strip()
        found = [f for f in ctx.names.matches(name) if f.entity.kind == "person"]
        if not found or found[0].start != 0 or found[-1].end != len(name):
            continue
        if not sent[: m.start()].strip():
            continue
        for f in found:
            ctx.names.note_mention(f.entity)
        subj = _Subject([f.entity.id for f in found], cert="medium" if any(f.cert for f in found) else None)
        return m, subj
    return None


def _continuation_end(sents: list[tuple[int, int]], i: int, text: str, ctx: SpeechContext, first_offset: int = 0) -> int:
    """Index of the last sentence of a direct speech that starts in sentence ``i``: it runs on until a
    sentence where the narrator or another speaker takes over, or the end of the element."""
    j = i
    while j + 1 < len(sents):
        s, e = sents[j + 1]
        sent = text[s:e]
        r = _RESUME.match(sent)
        if r and _subject(sent[: r.start("verb")], ctx, mention=False) is not None:
            break
        if _INVERTED.search(sent) and _inverted(sent, ctx) is not None:
            break
        j += 1
    return j


_OPENS_WITH_I_OR_WE = re.compile(r"(?:I|We)\b")
_NAME_LINK = re.compile(r"\s*(?:,|and|,\s*and)\s*")


def _speaker_is_subject(ctx: SpeechContext, subj: _Subject) -> None:
    """The speaker of a sentence becomes the subject that a later he/she/they stands for; so does an
    office no known person holds ("The Ambassador replied that …"): "He stressed that …" after it is not
    the person of an earlier sentence. A speaker left unknown otherwise (an unresolved "he") leaves the
    last subject as it was."""
    if subj.ids:
        ctx.last_subject = list(subj.ids)
    elif subj.unknown_office:
        ctx.last_subject = [UNKNOWN_SPEAKER]


def _remember_subject(sent: str, ctx: SpeechContext) -> None:
    """A sentence that opens with known persons makes them the current subject (for he/she/they)."""
    body = sent.lstrip()
    found = [f for f in ctx.names.matches(body[:80]) if f.entity.kind == "person"]
    if found and found[0].start <= 5:
        ids = [found[0].entity.id]
        k = 1
        while k < len(found) and _NAME_LINK.fullmatch(body[found[k - 1].end:found[k].start]):
            if found[k].entity.id not in ids:
                ids.append(found[k].entity.id)
            k += 1
        ctx.last_subject = ids
    elif _OPENS_WITH_I_OR_WE.match(body):
        ctx.last_subject = [ctx.author_id] if ctx.author_id else []


def _apply(el: etree._Element, text: str, spans: list[_Span], ctx: SpeechContext, doc: Document, line: int) -> None:
    """Wrap the spans and fill in who/toWhom/cert/ids/decisions: the spans that hold a speech already are
    left out, the others are wrapped in one pass over the paragraph (:func:`markup.wrap_ranges`; one by
    one, k speeches cost k times the paragraph) and filled right to left, the order of the ids."""
    spans = [sp for sp in spans if sp.end > sp.start]
    # trim whitespace inside the spans and drop those that would swallow an existing quotation
    for sp in spans:
        while sp.start < sp.end and (text[sp.start].isspace() or text[sp.start] == MASK):
            sp.start += 1  # a note right after "that" stays outside the speech
        while sp.end > sp.start and text[sp.end - 1].isspace():
            sp.end -= 1
    spans = [sp for sp in spans if sp.end > sp.start and not _has_mask_only(text[sp.start:sp.end])]
    layout = top_level_offsets(el)
    holds_speech = _speech_holders(layout)
    spans = [sp for sp in spans if not holds_speech(sp.start, sp.end)]
    # ids for chained parts
    groups: dict[int, list[_Span]] = {}
    for sp in spans:
        if sp.group:
            groups.setdefault(sp.group, []).append(sp)
    chained = [members for members in groups.values() if len(members) > 1]
    ids = {id(sp): doc.new_id("said") for members in chained for sp in members}
    made = _wrap_spans(el, layout, spans)
    element_of = {id(sp): new for sp, new in made}
    for members in chained:
        for a, b in pairwise(members):
            ea, eb = element_of.get(id(a)), element_of.get(id(b))
            if ea is not None and eb is not None:
                ea.set("next", f"#{ids[id(b)]}")
                eb.set("prev", f"#{ids[id(a)]}")
    for sp, new in made:
        _fill(new, sp, ids.get(id(sp)), ctx, doc, line, text)


def _wrap_spans(el: etree._Element, layout: list[tuple[int, int, object]], spans: list[_Span]
                ) -> list[tuple[_Span, etree._Element]]:
    """Wrap each span in a new ``said``, all at once; returns (span, element) right to left. A span whose
    range, widened to the children its ends fall in, would reach into the range of a span before it is
    left out: speech is never nested, and the first speech read is kept."""
    starts = [s for s, _e, _item in layout]
    kept: list[tuple[_Span, etree._Element]] = []
    reached = 0  # where the widened range of the last span kept ends
    for sp in sorted(spans, key=lambda x: x.start):
        start, end = widened(layout, starts, sp.start, sp.end)
        if kept and start < reached:
            continue
        kept.append((sp, E("said")))
        reached = end
    wrap_ranges(el, [(sp.start, sp.end, new) for sp, new in kept], layout)
    return kept[::-1]


def _speech_holders(layout: list[tuple[int, int, object]]):
    """A test of whether a range of the paragraph holds a ``said`` (or ``sp``) already, at any depth:
    the top-level children that hold one are found in one walk, and a range is asked about them by a
    binary search (asking the paragraph's children for each speech was quadratic)."""
    holders = [(s, e) for s, e, item in layout if isinstance(item, etree._Element)
               and any(local_name(d) in ("said", "sp") for d in item.iter())]
    starts = [s for s, _e in holders]
    ends = [e for _s, e in holders]  # ascending: the children lie apart, in order

    def holds(start: int, end: int) -> bool:
        k = bisect_right(ends, start)  # the first holder that ends after ``start``
        return k < len(ends) and starts[k] < end

    return holds


def _fill(new: etree._Element, sp: _Span, ident: str | None, ctx: SpeechContext, doc: Document, line: int, text: str) -> None:
    subj = sp.subject
    ordered: dict[str, str] = {}
    if ident:
        new.set(XML_ID, ident)
        ordered = {k: new.get(k) for k in ("next", "prev") if new.get(k)}
        for k in ordered:
            del new.attrib[k]
        for k, v in ordered.items():
            new.set(k, v)
    if subj.ids:
        new.set("who", " ".join(f"#{i}" for i in subj.ids))
    to_whom = _to_whom(subj, ctx)
    if to_whom:
        new.set("toWhom", f"#{to_whom}")
    for k, v in sp.attrs.items():
        if k != "cert":
            new.set(k, v)
    cert = sp.attrs.get("cert")
    if subj.cert and (cert is None or cert == "high"):
        cert = subj.cert
    if subj.decision and cert is None:
        cert = "medium"
    if cert:
        new.set("cert", cert)
        new.set("resp", "#conv")
    if subj.decision or (sp.attrs.get("direct") == "unknown" and new.get("prev") is None):
        if new.get(XML_ID) is None:
            new.set(XML_ID, doc.new_id("said"))
        what = subj.decision or "direct or indirect speech could not be decided"
        doc.decide(line, "speech.who" if subj.decision else "speech.direct", f"{what} ({text[sp.start:sp.start + 40]}…)",
                   " or ".join(subj.alternatives) if subj.alternatives else "", cert=new.get("cert") or "medium",
                   target=new.get(XML_ID))


def _to_whom(subj: _Subject, ctx: SpeechContext) -> str | None:
    """The addressee when the setting makes it clear: the author's speech goes to ``ctx.to_whom``; in a
    record of a conversation with the author (``to_whom`` set), the other side speaks to the author."""
    if not ctx.to_whom:
        return None
    if subj.author:
        # to_whom may name the author's interlocutor, or the author as the one the others address
        return ctx.to_whom if ctx.to_whom != ctx.author_id else None
    if subj.ids and ctx.author_id and ctx.author_id not in subj.ids:
        return ctx.author_id
    return None


# --------------------------------------------------------------------------- block quotations


def apply_block_speech(said_el: etree._Element, intro_text: str, ctx: SpeechContext, doc: Document, line: int) -> None:
    """Set who/toWhom/direct on a block quotation (``said rendition="#block"``) from the clause that
    introduces it ("Fidel … gave his analysis in the following words:" -> who Fidel). Attributes the
    layout already set are kept."""
    spans = sentences(intro_text)
    last = intro_text[spans[-1][0]:spans[-1][1]] if spans else intro_text
    subj: _Subject | None = None
    # the speaker: the last person named in the clause who is not the object of a preposition
    # ("When I finished, Fidel for his part responded … in the following words:"), else I/he/she/they
    found = [f for f in ctx.names.matches(last) if f.entity.kind == "person"
             and not re.search(r"\b(?:to|with|of|from|by|for|about|on|at|toward|towards|against)\s*\Z", last[: f.start],
                               re.IGNORECASE)]
    if found:
        ctx.names.note_mention(found[-1].entity)
        subj = _Subject([found[-1].entity.id], cert="medium" if found[-1].cert else None)
    else:
        pm = re.search(r"(?:^|[\s,])(I|[Hh]e|[Ss]he|[Tt]hey|[Ww]e)\s+(?![\w’'-]+ed\s+(?:by|to)\b)", last)
        if pm:
            subj = _subject(pm[1], ctx)
    if said_el.get("who") is None:
        if subj is not None and subj.ids:
            said_el.set("who", " ".join(f"#{i}" for i in subj.ids))
            if subj.cert:
                said_el.set("cert", subj.cert)
                said_el.set("resp", "#conv")
            ctx.last_subject = subj.ids
        else:
            if said_el.get(XML_ID) is None:
                said_el.set(XML_ID, doc.new_id("said"))
            alternatives = subj.alternatives if subj is not None else ctx.candidates()
            doc.decide(line, "speech.who", f"speaker of the block quotation not found in “{last.strip()[:60]}”",
                       " or ".join(alternatives), cert="medium", target=said_el.get(XML_ID))
    if said_el.get("toWhom") is None and subj is not None:
        to_whom = _to_whom(subj, ctx)
        if to_whom:
            said_el.set("toWhom", f"#{to_whom}")
    if said_el.get("direct") is None:
        said_el.set("direct", "true")
    _first_person_inside(said_el, ctx)


_FIRST_PERSON_INQUIT = re.compile(rf"(?:^|[\s(—–,;])I(?:\s+{_ADVERBS})*\s+(?:{SAID_VERBS})\b[^.!?]*\Z")


def _first_person_inside(block: etree._Element, ctx: SpeechContext) -> None:
    """Inside a block quotation "I" is its speaker, not the author: speech that the pass gave to the author
    because of an "I said …" inquit goes to the block's speaker (the paragraphs are analysed before the
    block they belong to is known)."""
    who = block.get("who")
    if not who or not ctx.author_id or who == f"#{ctx.author_id}":
        return
    for inner in block.iter(block.tag):
        if inner is block or inner.get("who") != f"#{ctx.author_id}" or inner.get("rendition"):
            continue
        prev = inner.getprevious()
        before = (prev.tail if prev is not None else inner.getparent().text) or ""
        if _FIRST_PERSON_INQUIT.search(before):
            inner.set("who", who)
            if inner.get("toWhom"):
                del inner.attrib["toWhom"]
            if inner.get("cert") is None:
                inner.set("cert", "medium")
                inner.set("resp", "#conv")
