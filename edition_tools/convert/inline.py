"""Block text -> TEI mixed content: every square bracket becomes markup, the brackets themselves go.

Handled here, in this order of precedence:

====================================  =====================================================================
``PB`` (U+E000), ``\\n``              ``<pb/>``, ``<lb/>``
``[email protected]``                 ``<gap reason="obfuscated-email"><desc>…</desc></gap>`` (exact match first)
``word [sic]`` / ``[SIC]``            ``<sic resp="…" rendition="#sicMarker">word</sic>`` (preceding token)
``word[1]``, ``word¹``                ``<note n="1" place="foot" type="editorial|sourceStatement">…</note>``
``[Omitted here is …]``               ``<gap reason="omitted"><desc>Omitted here is …</desc></gap>``
``[2 lines … not declassified]``      ``<gap reason="notDeclassified" quantity="2" unit="line"><desc>…</desc></gap>``
``[Deleted.]``, ``[Security deletion]`` ``<gap reason="notDeclassified"><desc>Deleted.</desc></gap>`` (withheld text)
``[illegible]``, ``[unclear]``, ``[…]``  ``<gap reason="illegible|inaudible"><desc>…</desc></gap>``
``[vpechatlitel’nost’]``              ``<note type="originalTerm" place="inline"><foreign xml:lang="ru-Latn">…</foreign></note>``
``[October 26]``, ``[Khrushchev’s]``  ``<supplied reason="clarification">…</supplied>``
``[I]``, ``[our]``, ``[for us]``      ``<supplied reason="implicit-in-original">…</supplied>``
``R[upert]``, ``Orig[inal]``          ``<supplied reason="clarification">…</supplied>`` (completion of a word)
``[work?]``                           ``<supplied reason="illegible" cert="low">work</supplied>`` (uncertain reading)
``[laughs]``, ``[He describes …]``    ``<note type="editorial" place="inline">…</note>`` (editorial remark, stage direction)
``[00:01:23]``, ``[12:05]``           ``<time type="timestamp">00:01:23</time>`` (a recording's time code)
====================================  =====================================================================

Anything the rules are unsure of carries ``@cert`` and ``@resp="#conv"`` and is listed in the report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from ..xmlio import XML_ID, XML_LANG, E
from .model import PB, Block, Document

SUP_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_SUP = str.maketrans(SUP_DIGITS, "1234567890")

TOKEN = re.compile(
    r"(?P<pb>\ue000)"
    r"|(?P<lb>\n)"
    r"|(?P<email>\[email(?:\u00a0| )protected\])"
    r"|(?P<sic>\[(?:sic|SIC|Sic)!?\])"
    r"|(?P<marker>\[\d{1,3}\](?![\w\[]))"
    r"|(?P<sup>(?<=[\w.,;:!?)”’\"'\]])[" + SUP_DIGITS + r"]{1,3})"
    r"|(?P<bracket>\[[^\[\]]*\])"
)
#: the characters a TOKEN starts with
_TOKEN_START = re.compile("[\ue000\n\\[" + SUP_DIGITS + "]")


def _tokens(text: str) -> Iterator[re.Match]:
    """``TOKEN.finditer(text)``, faster: TOKEN is tried only where one of its first characters stands
    (its alternatives start with groups and a lookbehind, so the re module would try all seven at every
    position of the text)."""
    pos = 0
    while True:
        start = _TOKEN_START.search(text, pos)
        if start is None:
            return
        m = TOKEN.match(text, start.start())
        if m is None:
            pos = start.start() + 1
            continue
        yield m
        pos = m.end()

#: a recording's time code: "00:01:23", "12:05", "1:02:03.5"
TIMESTAMP_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?")

PRONOUNS = {
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her",
    "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "who", "whom",
    "which", "what", "one", "ones", "there", "here", "himself", "herself", "itself", "themselves", "ourselves",
    "myself", "yourself",
}
FUNCTION_WORDS = PRONOUNS | {
    "a", "an", "the", "to", "of", "for", "in", "on", "at", "by", "with", "from", "and", "or", "but", "not", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would",
    "shall", "should", "can", "could", "may", "might", "must", "as", "if", "than", "then", "so", "that", "also",
    "all", "any", "some", "no", "about", "into", "upon", "only", "even", "still", "yet", "let", "it's", "is it",
}
STAGE_WORDS = {
    "laughs", "laughter", "laughing", "pause", "pauses", "applause", "crosstalk", "coughs", "sighs", "silence",
    "interruption", "interrupts", "noise", "break", "recess", "aside", "chuckles", "chuckling", "inaudible exchange",
    "unclear exchange", "end of tape", "tape ends", "off the record", "the president laughs",
}
#: what an editor could not read, said in the bracket ("1 word illegible", "illegible signature",
#: "signature illegible": archives print the last under a signature they could not read)
ILLEGIBLE_RE = re.compile(r"(?:\d+ )?(?:(?:words?|signature|initials|handwriting|lines?) )?illegible"
                          r"(?: (?:words?|signature|initials|handwriting|lines?))?")
ILLEGIBLE = {"illegible", "unclear", "indistinct", "garbled", "illegible word", "illegible words", "word illegible", "unreadable"}
INAUDIBLE = {"inaudible", "unintelligible", "unintelligible exchange", "inaudible exchange", "unclear exchange",
             "inaudible comment", "unintelligible comment", "unclear word", "unclear words"}
ELLIPSIS = {"…", "...", ". . .", "….", "…."}
MONTH_RE = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?$"
    r"|^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+\d{4})?$"
    r"|^(?:the\s+)?\d{1,2}(?:st|nd|rd|th)$|^\d{4}$"
)
ROMANISATION = re.compile(r"(?:zh|kh|ts|ch|shch|sh|ya|yu|ye|yo|iy|yy|’|ʹ)")
RU_ENDINGS = re.compile(r"(?:iye|nost’|nost|aniye|eniye|ost’|skiy|skaya|skoye|stvo|ovat’|at’|it’|yat’|’)$")
OMISSION_RE = re.compile(r"^(?:Omitted\b|Here follows?\b|Here follow\b|The remainder\b|Remainder\b|Rest of\b|Text omitted\b|.*\bomitted\b)", re.I)
#: text withheld from release: "[2 lines not declassified]", and the security deletions of declassified
#: hearings and reports ("[Deleted.]", "[Security deletion.]", "[Classified material deleted]", "[Excised]")
NOT_DECLASSIFIED_RE = re.compile(
    r"not declassified|^(?:security deletion|deleted|deletion|excised|redacted|sanitized|withheld)\.?$"
    r"|^(?:classified|security|sensitive)\s+(?:material|information|matter|text)\s+(?:deleted|excised|withheld|redacted)\.?$",
    re.I)
QUANTITY_RE = re.compile(
    r"^(?:(?P<less>less than|about|approximately)\s+)?(?P<q>\d+(?:[-/ ]?\d/\d)?|\d+\.\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|a few|several)\s+"
    r"(?P<unit>lines?|pages?|paragraphs?|words?|sentences?|names?|columns?|tables?)\b", re.I,
)
NUMWORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
            "nine": "9", "ten": "10", "a": "1"}

EDITORIAL_PHRASES = re.compile(
    r"^(?:not (?:printed|found|reproduced|attached|identified|further identified|found attached)|printed|"
    r"no classification marking|sic passim|brackets? in (?:the )?(?:source|original)(?: text)?|"
    r"see (?:footnote|document|attachment|tab)\b.*|emphasis in (?:the )?original|"
    r"(?:handwritten|typed|initialed|signed|stamped)\b.*)\.?$", re.I)

# Common English words that may look like romanisations; not treated as original terms.
ENGLISH_HINT = re.compile(r"(?:tion|ment|ness|ing|ed|ly|ous|ive|able|ible|ship|hood)$")


@dataclass
class InlineContext:
    doc: Document
    #: respStmt id of whoever put the brackets and [sic] in the source (translator, source editors)
    bracket_resp: str = "#src_ed"
    #: respStmt id for the source's footnotes
    notes_resp: str = "#src_ed"
    #: language tag for transliterated original terms
    original_lang: str = "ru-Latn"
    #: ids of notes already placed (a marker used twice is an error in the source)
    placed: set[str] = field(default_factory=set)


class _Builder:
    """Appends text and elements to a parent, merging text into .text/.tail."""

    def __init__(self, parent: etree._Element):
        self.parent = parent

    def text(self, s: str) -> None:
        if not s:
            return
        if len(self.parent):
            last = self.parent[-1]
            last.tail = (last.tail or "") + s
        else:
            self.parent.text = (self.parent.text or "") + s

    def add(self, el: etree._Element) -> etree._Element:
        self.parent.append(el)
        return el

    def take_last_token(self) -> str | None:
        """Remove and return the last whitespace-delimited token of the text so far (None if the text
        so far ends in an element)."""
        if len(self.parent):
            last = self.parent[-1]
            s = last.tail or ""
            setter = lambda v: setattr(last, "tail", v)  # noqa: E731
        else:
            s = self.parent.text or ""
            setter = lambda v: setattr(self.parent, "text", v)  # noqa: E731
        m = re.search(r"(\S+?)(\s*)$", s)
        if not m or not m.group(1):
            return None
        token = m.group(1)
        # keep leading punctuation/quotes outside the wrapped token
        lead = re.match(r"^[(“\"‘'«]*", token).group(0)
        core = token[len(lead):]
        if not core:
            return None
        setter(s[: m.start(1)] + lead)
        return core


def fill(parent: etree._Element, text: str, block: Block, ctx: InlineContext, *, in_note: bool = False) -> etree._Element:
    """Append ``text`` (a block's text) to ``parent`` as TEI mixed content."""
    b = _Builder(parent)
    pos = 0
    for m in _tokens(text):
        b.text(text[pos:m.start()])
        pos = m.end()
        kind = m.lastgroup
        line = block.line_at(m.start())
        tok = m.group(0)
        if kind == "pb":
            b.add(E("pb"))
        elif kind == "lb":
            if not (parent.text or len(parent)) or _ends_with_space(parent):
                pass
            else:
                b.text(" ")
            b.add(E("lb"))
        elif kind == "email":
            gap = E("gap", {"reason": "obfuscated-email"})
            gap.append(E("desc", text=f"address replaced by \"{tok}\" in the web capture"))
            b.add(gap)
        elif kind == "sic":
            _sic(b, tok, ctx, line)
        elif kind in ("marker", "sup"):
            n = tok.strip("[]").translate(_SUP)
            if not in_note and n in ctx.doc.notes and n not in ctx.placed:
                b.add(_footnote(n, ctx))
            elif kind == "sup":
                b.text(tok)
            else:
                b.text(tok)
                ctx.doc.decide(line, "inline.marker", f"footnote marker {tok} has no note in the Notes section; kept as text",
                               "a note", "low")
        elif kind == "bracket":
            before = text[max(0, m.start() - 1):m.start()]
            after = text[m.end():m.end() + 1]
            _bracket(b, tok, before, after, ctx, line)
    b.text(text[pos:])
    return parent


def _ends_with_space(parent) -> bool:
    s = parent[-1].tail if len(parent) else parent.text
    return bool(s) and s[-1].isspace()


def _sic(b: _Builder, tok: str, ctx: InlineContext, line: int) -> None:
    word = b.take_last_token()
    rendition = "#sicMarker" if tok.strip("[]!").isupper() else "#sicMarkerLower"
    if word is None:
        # [sic] after an element: wrap the element's text is not possible; keep the sign as a note
        note = E("note", {"type": "conversion", "resp": "#conv"}, text=f"The source has {tok} here, after markup; check what it refers to.")
        b.add(note)
        b.text(tok)
        ctx.doc.decide(line, "inline.sic", f"{tok} kept as text: no word before it", "sic element", "low")
        return
    # split trailing punctuation off the token: "word," [sic] is unusual but "149 [SIC]" is common
    m = re.match(r"^(.*?)([,.;:!?”’\")]*)$", word)
    core, punct = m.group(1), m.group(2)
    if not core:
        core, punct = word, ""
    el = E("sic", {"resp": ctx.bracket_resp, "rendition": rendition}, text=core)
    b.add(el)
    if punct:
        b.text(punct)
    if tok not in ("[sic]", "[SIC]", "[Sic]"):
        ctx.doc.decide(line, "inline.sic", f"{tok} read as [sic]", "text", "medium")


def _footnote(n: str, ctx: InlineContext) -> etree._Element:
    note = ctx.doc.notes[n]
    ctx.placed.add(n)
    el = E("note", {"n": n, "place": "foot", "type": "sourceStatement" if note.kind == "source" else "editorial",
                    "resp": ctx.notes_resp})
    el.set(XML_ID, f"note{n}" if n.isdigit() else ctx.doc.new_id("note"))
    blk = Block("p", note.text, note.line)
    paras = note.text.split("\n\n")
    if len(paras) == 1:
        fill(el, note.text, blk, ctx, in_note=True)
    else:
        for ptext in paras:
            p = E("p")
            fill(p, ptext, blk, ctx, in_note=True)
            el.append(p)
    return el


def classify_bracket(inner: str, before: str, after: str, lang: str = "ru-Latn") -> tuple[str, dict]:
    """What a bracket holds: returns (kind, info). Kinds: omitted, notDeclassified, illegible, inaudible,
    ellipsis, timestamp, originalTerm, uncertain, completion, clarification, implicit, editorial.
    ``lang``: the language of the original terms the source may keep (pinyin for ``zh-Latn``)."""
    s = " ".join(inner.split())
    low = s.lower().rstrip(".")
    if not s:
        return "editorial", {"cert": "low"}
    if NOT_DECLASSIFIED_RE.search(s):
        return "notDeclassified", {}
    if OMISSION_RE.match(s):
        return "omitted", {}
    if TIMESTAMP_RE.fullmatch(s):
        return "timestamp", {}
    if s in ELLIPSIS or re.fullmatch(r"[.…\s]+", s):
        return "ellipsis", {}
    if low in ILLEGIBLE or ILLEGIBLE_RE.fullmatch(low):
        return "illegible", {}
    if low in INAUDIBLE:
        return "inaudible", {}
    if before and (before.isalpha() or before in "’'") and len(s.split()) == 1 and s.replace("’", "").replace("'", "").isalpha():
        return "completion", {}
    if s.endswith("?") and 1 <= len(s.rstrip("?").split()) <= 3 and not s[0].isupper():
        return "uncertain", {}
    if s.endswith("?") and 1 <= len(s.rstrip("?").split()) <= 2:
        return "uncertain", {}
    if EDITORIAL_PHRASES.match(s):
        return "editorial", {}
    if low in STAGE_WORDS or low.rstrip("s") in STAGE_WORDS:
        return "editorial", {}
    words = s.split()
    if _looks_pinyin(words) if lang.startswith("zh") else _looks_romanised(words):
        return "originalTerm", {}
    if MONTH_RE.match(s):
        return "clarification", {"date": True}
    if len(words) <= 4 and all(w.lower().strip(",.’'") in FUNCTION_WORDS for w in words):
        return "implicit", {}
    if re.fullmatch(r"[A-Z][a-z]+(?:ed|ing|es)", words[0]) and len(words) >= 2:
        return "editorial", {}
    if len(words) == 1 and re.fullmatch(r"[A-Z][\w-]*(?:’s|'s)?", words[0]):
        return "clarification", {"name": True}
    if len(words) <= 4 and s[0].isupper() and all(w[0].isupper() or w.lower() in FUNCTION_WORDS for w in words) and not s.endswith("."):
        return "clarification", {"name": True}
    if s[0].isupper() and (len(words) >= 3 or s.endswith(".")):
        return "editorial", {}
    if len(words) <= 4:
        return "clarification", {"cert": "low"}
    return "editorial", {"cert": "medium"}


def _looks_romanised(words: list[str]) -> bool:
    if not 1 <= len(words) <= 3:
        return False
    for w in words:
        if not re.fullmatch(r"[a-z][a-z’ʹ'-]*", w):
            return False
        if w.lower() in FUNCTION_WORDS or ENGLISH_HINT.search(w) and "’" not in w:
            return False
    joined = " ".join(words)
    signals = len(ROMANISATION.findall(joined)) + (2 if RU_ENDINGS.search(joined) else 0)
    return signals >= 2 and len(joined) >= 5


#: a syllable of Hanyu Pinyin without tone marks: initial and final
_PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                    r"(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|"
                    r"a|e|i|o|u|v|ü)")
_PINYIN_WORD = re.compile(rf"(?:{_PINYIN_SYLLABLE})(?:'?(?:{_PINYIN_SYLLABLE}))*")
_PINYIN_TWO = re.compile(rf"(?:{_PINYIN_SYLLABLE})(?:'?(?:{_PINYIN_SYLLABLE}))+")
#: what English words that happen to spell syllables ("human", "same") lack: a sound of pinyin's own
_PINYIN_MARK = re.compile(r"zh|x|q|ü|v|ng|ao|ai|ei|ou|uo|ui|iu|ie")


def _without_tone_marks(word: str) -> str:
    """``word`` without the accents of pinyin's tones, the diaeresis of ü kept: "lǚ" -> "lü"."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", word)
                                                if not unicodedata.combining(c) or c == "\u0308"))


def _looks_pinyin(words: list[str]) -> bool:
    """Are ``words`` pinyin (``[zhengfeng]``, ``[Xīnhuá shè]`` lowered): lower-case words, tone marks
    aside, of two syllables or more, with a sound English spelling lacks?"""
    if not 1 <= len(words) <= 3:
        return False
    plain = [_without_tone_marks(w) for w in words]
    if all(w.lower() in FUNCTION_WORDS for w in plain) or not all(_PINYIN_WORD.fullmatch(w) for w in plain):
        return False
    if len(plain) == 1 and not _PINYIN_TWO.fullmatch(plain[0]):
        return False  # one syllable alone ("[man]", "[she]") is too likely English
    return any(_PINYIN_MARK.search(w) for w in plain) or any(w != p for w, p in zip(words, plain))


def _bracket(b: _Builder, tok: str, before: str, after: str, ctx: InlineContext, line: int) -> None:
    inner = tok[1:-1]
    pb_inside = PB in inner
    inner_clean = inner.replace(PB, " ")
    inner_clean = " ".join(inner_clean.split()) if "\n" not in inner_clean else inner_clean
    kind, info = classify_bracket(inner_clean, before, after, ctx.original_lang)
    doc = ctx.doc
    resp = ctx.bracket_resp
    if kind in ("omitted", "notDeclassified", "illegible", "inaudible", "ellipsis"):
        reason = {"omitted": "omitted", "notDeclassified": "notDeclassified", "illegible": "illegible",
                  "inaudible": "inaudible", "ellipsis": "omitted"}[kind]
        gap = E("gap", {"reason": reason, "resp": resp})
        if kind == "notDeclassified":
            m = QUANTITY_RE.match(inner_clean)
            if m:
                q = m.group("q").lower()
                q = NUMWORDS.get(q, q)
                qv = _quantity(q)
                if qv is not None and not m.group("less"):
                    gap.set("quantity", qv)
                    gap.set("unit", _unit(m.group("unit")))
                elif m.group("less"):
                    gap.set("unit", _unit(m.group("unit")))
        gap.append(E("desc", text=inner_clean))
        b.add(gap)
    elif kind == "timestamp":
        b.add(E("time", {"type": "timestamp"}, text=inner_clean))
    elif kind == "originalTerm":
        note = E("note", {"type": "originalTerm", "place": "inline", "resp": resp})
        foreign = E("foreign", text=inner_clean)
        foreign.set(XML_LANG, ctx.original_lang)
        note.append(foreign)
        b.add(note)
        doc.decide(line, "inline.originalTerm", f"[{inner_clean}] read as a transliterated original term ({ctx.original_lang})",
                   "supplied words", "medium")
        note.set("cert", "medium")
    elif kind == "editorial":
        note = E("note", {"type": "editorial", "place": "inline", "resp": resp}, text=inner_clean)
        if info.get("cert"):
            note.set("cert", info["cert"])
            doc.decide(line, "inline.editorial", f"[{inner_clean}] read as an editorial remark", "supplied words", info["cert"])
        b.add(note)
    else:
        reason = {"completion": "clarification", "clarification": "clarification", "implicit": "implicit-in-original",
                  "uncertain": "illegible"}[kind]
        text = inner_clean.rstrip("?").rstrip() if kind == "uncertain" else inner_clean
        el = E("supplied", {"reason": reason, "resp": resp}, text=text)
        if kind == "uncertain":
            el.set("cert", "low")
            doc.decide(line, "inline.uncertain", f"[{inner_clean}] read as an uncertain reading supplied by the source's editor",
                       "editorial question", "medium")
        elif info.get("cert"):
            el.set("cert", info["cert"])
            doc.decide(line, "inline.supplied", f"[{inner_clean}] read as supplied words, reason {reason}",
                       "implicit-in-original / editorial remark", info["cert"])
        b.add(el)
    if pb_inside:
        b.add(E("pb"))


def _quantity(q: str) -> str | None:
    q = q.replace(" ", "")
    m = re.fullmatch(r"(\d+)[-/]?(\d)/(\d)", q)
    if m:  # "2-1/2" or flattened "21/2" meaning 2½
        whole, num, den = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{whole + num / den:g}"
    if re.fullmatch(r"\d+(?:\.\d+)?", q):
        return q
    return None


def _unit(u: str) -> str:
    u = u.lower()
    return u[:-1] if u.endswith("s") else u
