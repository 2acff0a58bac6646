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

from ..xmlio import NSMAP, local_name
from .model import Document

WORD = re.compile(r"\w+", re.UNICODE)
REMOVED_SIGNS = re.compile(r"\[(?:sic|SIC|Sic)!?\]|\[email(?:\u00a0| )protected\]")
#: a footnote marker: ``[1]`` not followed by a word or bracket, or one to three superscript digits after a
#: word or punctuation. (The pattern ``\[\d{1,3}\](?![\w\[])|(?<=[\w.,;:!?)”’"'\]])[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}``, written
#: to start with one character class, ``[`` or a superscript, that both alternatives test again behind
#: them: the regular expression engine then skips to those characters at C speed, and looks behind
#: only at superscripts. Several times faster.)
MARKERS = re.compile(r"[\[¹²³⁴⁵⁶⁷⁸⁹⁰](?:(?<=\[)\d{1,3}\](?![\w\[])|(?<=[\w.,;:!?)”’\"'\]][¹²³⁴⁵⁶⁷⁸⁹⁰])[¹²³⁴⁵⁶⁷⁸⁹⁰]{0,2})")


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
    skip = {d.line for d in doc.dropped if not d.prefix}
    openings = {d.line: d.text for d in doc.dropped if d.prefix}
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
        if n in openings:
            line = without_opening(line, openings[n])
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
    body, notes = tei_text_pieces(text_el)
    return tei_text_words(" ".join(body)), {n: tei_text_words(" ".join(pieces)) for n, pieces in notes.items()}


#: how a text piece inside an element is routed: left out of the check, or into a footnote's words
LEFT_OUT = None


def _routing(el: etree._Element) -> tuple[bool, str | None]:
    """(whether ``el`` routes its text elsewhere, footnote number or LEFT_OUT)."""
    name = local_name(el)
    if name == "note" and el.get("type") == "conversion":
        return True, LEFT_OUT
    if name == "gap" and el.get("reason") == "obfuscated-email":
        return True, LEFT_OUT
    if name == "note" and el.get("place") == "foot" and el.get("n") is not None:
        return True, el.get("n")
    return False, LEFT_OUT


def tei_text_pieces(text_el: etree._Element) -> tuple[list[str], dict[str, list[str]]]:
    """The text pieces (texts and tails) of ``text_el`` in document order: those of the body, and those of
    each footnote by number; conversion notes and obfuscated e-mail gaps left out (their tails are kept).
    Comments, processing instructions and entity references give only their tails. A subtree with none of
    these inside is read in one ``itertext`` call. (The walk is linear in the size of the text: finding each
    note's place by counting the text nodes before it, tried once, grew with the square of the notes.)"""
    routes: dict[etree._Element, str | None] = {}
    walk_inside: set[etree._Element] = set()  # the elements with a routed element or an entity inside
    for el in text_el.iter("{*}note", "{*}gap", etree.Entity):
        if isinstance(el.tag, str):
            routed, target = _routing(el)
            if not routed:
                continue
            routes[el] = target
        parent = el.getparent()
        while parent is not None and parent not in walk_inside:
            walk_inside.add(parent)
            if parent is text_el:
                break
            parent = parent.getparent()
    body: list[str] = []
    notes: dict[str, list[str]] = {}

    def gather(el: etree._Element, sink: list[str]) -> None:
        if el in routes:
            target = routes[el]
            if target is LEFT_OUT:
                return
            sink = notes.setdefault(target, [])
        if el not in walk_inside:
            if len(el):
                sink.extend(el.itertext())
            elif el.text:  # (most elements have no children: no iterator)
                sink.append(el.text)
            return
        if el.text:
            sink.append(el.text)
        for c in el:
            if isinstance(c.tag, str):
                gather(c, sink)
            if c.tail:
                sink.append(c.tail)

    gather(text_el, body)
    # (empty pieces, which itertext gives in places, hold no word)
    return [p for p in body if p], {n: [p for p in ps if p] for n, ps in notes.items()}


def source_body_text(text: str, doc: Document) -> str:
    """The body as :func:`source_words` reads it, as one text: NFC, the lines the reader moved or dropped
    blanked, cut at the Notes section, the placed note markers blanked. Its words are the body words of
    :func:`source_words`."""
    lines = unicodedata.normalize("NFC", text).split("\n")
    notes_start = doc.meta.get("_notes_start_line")
    if notes_start:
        del lines[max(notes_start, 1) - 1:]
    for d in doc.dropped:
        if 1 <= d.line <= len(lines):
            lines[d.line - 1] = without_opening(lines[d.line - 1], d.text) if d.prefix else ""
    body = "\n".join(lines)
    if doc.notes:  # line by line or in one pass the same: no marker pattern looks across a line end
        body = MARKERS.sub(_first_marker_blanker(doc), body)
    return body


def without_opening(line: str, opening: str) -> str:
    """``line`` with ``opening`` blanked where it stands after the line's indentation (a dropped line
    number), offsets kept; unchanged when the line does not open so (then its words are missed)."""
    at = len(line) - len(line.lstrip())
    if not line.startswith(opening, at):
        return line
    return line[:at] + " " * len(opening) + line[at + len(opening):]


def _first_marker_blanker(doc: Document):
    """A substitution for MARKERS that blanks the first marker of each note of ``doc`` (the note is
    placed there) and leaves the others."""
    placed: set[str] = set()

    def blank(m: re.Match) -> str:
        n = m.group(0).strip("[]").translate(SUPERSCRIPT_DIGITS)
        if n in doc.notes and n not in placed:
            placed.add(n)
            return " " * len(m.group(0))
        return m.group(0)

    return blank


SUPERSCRIPT_DIGITS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


_ASCII_NON_WORD = bytes(c for c in range(128) if not WORD.fullmatch(chr(c)))
ASCII_NON_WORD_TO_SPACE = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))


def word_keys(s: str) -> list[bytes]:
    """The words of ``s`` as :func:`words` gives them, in UTF-8: two lists are equal exactly when the
    words are. Made without a regular expression over the whole text (four times faster): the non-word
    characters outside ASCII are replaced by spaces, the text is casefolded at once (casefolding goes
    character by character), encoded, and split at the ASCII non-word bytes. A character whose casefold
    is not all word characters would move a word boundary: then the words are split as usual."""
    s = unicodedata.normalize("NFC", s)
    if not s.isascii():
        for c in _non_ascii_characters(s):
            if not WORD.fullmatch(c):
                s = s.replace(c, " ")
            elif not WORD.fullmatch(c.casefold()):
                return [w.encode() for w in _casefolded_words(s)]
    return s.casefold().encode().translate(ASCII_NON_WORD_TO_SPACE).split()


#: the ASCII characters as UTF-8 bytes
_ASCII_BYTES = bytes(range(128))


def _non_ascii_characters(s: str) -> set[str]:
    """The characters of ``s`` outside ASCII: its UTF-8 without the ASCII bytes (deleted in one C call)
    is theirs, where a search for them made a string of each. (Lone surrogates pass through.)"""
    return set(s.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def without_sign_words(text: str) -> tuple[str, bool]:
    """(``text`` with the words of each optional sign, ``[sic]`` or ``[email protected]`` (see
    :data:`OPTIONAL_SIGNS`), replaced by spaces, whether there was one). The brackets, the line ends and
    all offsets stay: no footnote marker, line or note of :func:`source_body_text` moves."""
    if "[" not in text:
        return text, False
    out, signs = OPTIONAL_SIGNS.subn(lambda m: WORD.sub(_spaces, m.group(0)), text)
    return out, signs > 0


def _spaces(m: re.Match) -> str:
    return " " * (m.end() - m.start())


#: the words an optional sign can have, as :func:`word_keys` gives them
SIGN_WORD_KEYS = frozenset({b"sic", b"email", b"protected"})


def same_words_but_signs(source: str, had_signs: bool, tei: str) -> bool:
    """Whether :func:`align` finds no difference between a transcript text's words and those of
    ``tei``, compared at once: ``source`` is the transcript text with its optional signs' words blanked
    (:func:`without_sign_words`); its words are those of ``tei``, and where there were signs, ``tei`` has
    none of their words. Then :func:`align` pairs every other word with its equal and skips every
    sign's word, which differs from the TEI word it meets and is never joinable (it ends at ``!``, a
    space or ``]``, not at a hyphen). (Where the TEI keeps a sign's word, the greedy walk may pair it
    with another: the detailed comparison decides.)"""
    tei_keys = word_keys(tei)
    return word_keys(source) == tei_keys and not (had_signs and not SIGN_WORD_KEYS.isdisjoint(tei_keys))


def same_words(text: str, doc: Document, body_pieces: list[str], note_pieces: dict[str, list[str]]) -> bool:
    """Whether the TEI text pieces have the transcript's words, body and notes, but for the words of
    optional signs the TEI leaves out (see :func:`same_words_but_signs`): then :func:`align` finds no
    difference, and the detailed comparison is not needed. (The signs are found in the whole text, as
    :func:`source_words` finds them, before any line is blanked or cut.)"""
    plain, signs = without_sign_words(unicodedata.normalize("NFC", text))
    if not same_words_but_signs(source_body_text(plain, doc), signs, " ".join(body_pieces)):
        return False
    for n, note in doc.notes.items():
        plain, signs = without_sign_words(unicodedata.normalize("NFC", note.text))
        if not same_words_but_signs(plain, signs, " ".join(note_pieces.get(n) or ())):
            return False
    return True


#: the text and the header of a TEI document (compiled once: an expression given as a string is compiled
#: at every call)
_TEXT_ELEMENT = etree.XPath("tei:text", namespaces=NSMAP)
_HEADER = etree.XPath("tei:teiHeader", namespaces=NSMAP)


def check(text: str, doc: Document, tree: etree._ElementTree) -> None:
    """Raise :class:`TextLoss` at the first difference between the transcript and the TEI."""
    root = tree.getroot()
    text_el = _TEXT_ELEMENT(root)[0]
    body_pieces, note_pieces = tei_text_pieces(text_el)
    if not same_words(text, doc, body_pieces, note_pieces):
        out_body = tei_text_words(" ".join(body_pieces))
        out_notes = {n: tei_text_words(" ".join(pieces)) for n, pieces in note_pieces.items()}
        check_word_by_word(text, doc, out_body, out_notes)
    check_header(root, doc)


def check_word_by_word(text: str, doc: Document, out_body: list[str], out_notes: dict[str, list[str]]) -> None:
    """Align the transcript's words with their positions and signs against the TEI's: raise
    :class:`TextLoss` at the first difference that no joined hyphenation or optional sign explains."""
    src_body, src_notes, _ = source_words(text, doc)
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


def check_header(root: etree._Element, doc: Document) -> None:
    """Raise :class:`TextLoss` when a line the reader moved into the header is not there word for word."""
    moved = [(d.line, d.text) for d in doc.dropped if d.to_header]
    header = _HEADER(root) if moved else None
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
