"""No text lost: the words of the transcript come out in the TEI, in order.

The transcript side is the transcript's words minus what the encoding model removes, each removal
named here and nowhere else:

* the bracket characters themselves (tokens are words, so brackets, quotation marks and other
  punctuation never count), and the sign ``[sic]`` (regenerated from ``sic/@rendition``);
* footnote markers (``[1]``, ``¹``): the note is placed at the marker;
* the web capture's obfuscated e-mail ``[email protected]`` (a ``gap``);
* lines the layout reader moved into the header (trailer values, the summary) — these must appear,
  word for word, in the teiHeader — and lines it dropped as page debris (trailer labels, the related
  resource's image caption and teaser), listed in the conversion report;
* page-break debris (blank and space-only lines), which carries no words;
* the hyphen of a soft line-end hyphenation (``negoti-`` / ``ations``) and soft hyphens U+00AD: the
  two halves may come out as one word.

The TEI side is the words of ``text`` in document order, with footnotes compared note by note and
the converter's own ``note[@type='conversion']`` left out. Any difference fails the file with the
first differing position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter

from lxml import etree

from ..xmlio import local_name
from .model import Document

WORD = re.compile(r"\w+", re.UNICODE)
REMOVED_SIGNS = re.compile(r"\[(?:sic|SIC|Sic)!?\]|\[email(?:\u00a0| )protected\]")
MARKERS = re.compile(r"\[\d{1,3}\](?![\w\[])|(?<=[\w.,;:!?)”’\"'\]])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}")


@dataclass
class TextLoss(Exception):
    line: int
    message: str

    def __str__(self) -> str:
        return self.message


def words(s: str) -> list[str]:
    return _casefolded_words(unicodedata.normalize("NFC", s))


def _casefolded_words(s: str) -> list[str]:
    if s.isascii():  # casefold is lower here, and lowering ASCII moves no word boundary
        return WORD.findall(s.lower())
    return [w.casefold() for w in WORD.findall(s)]


def tei_text_words(s: str) -> list[str]:
    """Words of TEI text."""
    return words(s)


#: signs whose words the TEI does not keep as text, matched over line wraps (a layout may join the lines)
OPTIONAL_SIGNS = re.compile(r"\[\s*(?:sic|SIC|Sic)!?\s*\]|\[\s*email\s+protected\s*\]")


def source_words(text: str, doc: Document) -> tuple[list[tuple[str, int, bool, bool]], dict[str, list[str]], list[tuple[int, str]]]:
    """(body words as (word, line, soft hyphen follows, optional), note words by note number,
    header-moved lines). An optional word belongs to a sign the converter encodes without its words
    (``[sic]``, ``[email protected]``), also when the sign runs over a line wrap."""
    skip = {d.line for d in doc.dropped}
    notes_start = doc.meta.get("_notes_start_line")
    body: list[tuple[str, int, bool, bool]] = []
    moved = [(d.line, d.text) for d in doc.dropped if d.to_header]
    has_notes = bool(doc.notes)
    placed: set[str] = set()
    text = unicodedata.normalize("NFC", text)
    optional = [(m.start(), m.end()) for m in OPTIONAL_SIGNS.finditer(text)]
    k = 0

    def unmark(m: re.Match) -> str:
        n = m.group(0).strip("[]").translate(str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890"))
        if n in doc.notes and n not in placed:
            placed.add(n)
            return " " * len(m.group(0))
        return m.group(0)

    pos = 0
    for n, line in enumerate(text.split("\n"), 1):
        start = pos
        pos += len(line) + 1
        if n in skip:
            continue
        if notes_start and n >= notes_start:
            break
        if has_notes and ("[" in line or not line.isascii()):
            line = MARKERS.sub(unmark, line)
        while k < len(optional) and optional[k][1] <= start:
            k += 1
        simple = (k >= len(optional) or optional[k][0] >= pos) and "\u00ad" not in line and "-" not in line
        if simple:  # the common case: no sign, no hyphen on this line
            body.extend(zip(_casefolded_words(line), repeat(n), repeat(False), repeat(False)))
            continue
        for m in WORD.finditer(line):
            end = m.end()  # (the rest of the line is looked at only after a hyphen: no copy per word)
            joinable = line.startswith("\u00ad", end) or (line.startswith("-", end) and not line[end + 1:].strip())
            at = start + m.start()
            while k < len(optional) and optional[k][1] <= at:
                k += 1
            opt = k < len(optional) and optional[k][0] <= at < optional[k][1]
            body.append((m.group(0).casefold(), n, joinable, opt))
    notes = {key: optional_words(v.text, v.line) for key, v in doc.notes.items()}
    return body, notes, moved


def optional_words(text: str, line: int = 0) -> list[tuple[str, int, bool, bool]]:
    """Words of ``text`` as :func:`source_words` gives them (for note texts)."""
    text = unicodedata.normalize("NFC", text)
    spans = [(m.start(), m.end()) for m in OPTIONAL_SIGNS.finditer(text)]
    out = []
    for m in WORD.finditer(text):
        joinable = text.startswith("\u00ad", m.end())
        opt = any(a <= m.start() < b for a, b in spans)
        out.append((m.group(0).casefold(), line, joinable, opt))
    return out


def align(src: list[tuple[str, int, bool, bool]], out: list[str]) -> tuple[int, int]:
    """Walk both word lists; a word before a soft line-end hyphen may join the next one, and the words
    of an optional sign may be absent. Returns the positions where they first differ (both lengths
    when they agree)."""
    if len(src) == len(out) and list(map(itemgetter(0), src)) == out:
        return len(src), len(out)  # the common case: the same words, none joined or left out
    i = j = 0
    while i < len(src):
        w, _, joinable, opt = src[i]
        if j < len(out) and w == out[j]:
            i += 1
            j += 1
        elif j < len(out) and joinable and i + 1 < len(src) and w + src[i + 1][0] == out[j]:
            i += 2
            j += 1
        elif opt:
            i += 1
        else:
            break
    return i, j


def tei_words(text_el: etree._Element) -> tuple[list[str], dict[str, list[str]]]:
    """Words of the TEI text and of each footnote. The text pieces are gathered first and split into
    words once, joined by spaces: each piece still starts and ends a word, as when split one by one."""
    body: list[str] = []
    notes: dict[str, list[str]] = {}

    def walk(el, sink: list[str]):
        name = local_name(el)
        if name == "note" and el.get("type") == "conversion":
            return
        if name == "gap" and el.get("reason") == "obfuscated-email":
            return
        if name == "note" and el.get("place") == "foot" and el.get("n") is not None:
            target = notes.setdefault(el.get("n"), [])
            if el.text:
                target.append(el.text)
            for c in el:
                if isinstance(c.tag, str):
                    walk(c, target)
                if c.tail:
                    target.append(c.tail)
            return
        if el.text:
            sink.append(el.text)
        for c in el:
            if isinstance(c.tag, str):
                walk(c, sink)
            if c.tail:
                sink.append(c.tail)

    walk(text_el, body)
    return tei_text_words(" ".join(body)), {n: tei_text_words(" ".join(pieces)) for n, pieces in notes.items()}


def check(text: str, doc: Document, tree: etree._ElementTree) -> None:
    """Raise :class:`TextLoss` at the first difference between the transcript and the TEI."""
    from ..xmlio import xpath

    root = tree.getroot()
    text_el = xpath(root, "tei:text")[0]
    src_body, src_notes, moved = source_words(text, doc)
    out_body, out_notes = tei_words(text_el)
    i, j = align(src_body, out_body)
    if i < len(src_body) or j < len(out_body):
        line = src_body[i][1] if i < len(src_body) else (src_body[-1][1] if src_body else 1)
        want = " ".join(w for w, *_ in src_body[i:i + 6]) or "(end of text)"
        got = " ".join(out_body[j:j + 6]) or "(end of text)"
        raise TextLoss(line, f"text lost or changed in conversion at word {i + 1}: the transcript has \"{want}\", the TEI has \"{got}\"")
    for n, ws in src_notes.items():
        got = out_notes.get(n) or []
        i, j = align(ws, got)
        if i < len(ws) or j < len(got):
            line = doc.notes[n].line
            want = " ".join(w for w, *_ in ws[i:i + 8]) or "(end of note)"
            have = " ".join(got[j:j + 8]) or "(end of note)"
            raise TextLoss(line, f"the text of note [{n}] differs in the TEI at word {i + 1}: transcript \"{want}\", TEI \"{have}\"")
    header = xpath(root, "tei:teiHeader")
    if moved and header:
        hparts: list[str] = []

        def collect(el):
            if local_name(el) == "gap" and el.get("reason") == "obfuscated-email":
                return
            if el.text:
                hparts.append(el.text)
            for c in el:
                if isinstance(c.tag, str):
                    collect(c)
                if c.tail:
                    hparts.append(c.tail)

        collect(header[0])
        hwords = " " + " ".join(words(" ".join(hparts))) + " "
        for line, s in moved:
            ws = words(REMOVED_SIGNS.sub(" ", s))
            if ws and (" " + " ".join(ws) + " ") not in hwords:
                raise TextLoss(line, f"metadata moved to the header is missing there: \"{s[:60]}\"")
