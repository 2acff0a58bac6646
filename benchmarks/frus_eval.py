"""Score the transcript-to-TEI converter on the FRUS development corpus.

Usage::

    python benchmarks/frus_eval.py [--corpus DIR] [--doc ID] [--json] [--jobs N] [--no-jing]
    python benchmarks/frus_eval.py --diff ID        # ground truth vs output for the failing features
    python benchmarks/frus_eval.py --variant straight-quotes|renumber-notes   # a rewritten corpus
    python benchmarks/frus_eval.py --held-out-names  # the converter without the corpus's names in its lists

Each document ``<id>.txt`` of the corpus is converted with
:func:`edition_tools.convert.api.convert_text`; the TEI is compared with the ground truth ``<id>.json``
(its fields are described in the corpus README). The TEI cannot carry offsets into the transcript, so
nothing here compares offsets: items are aligned **by order and by their words** (``difflib`` longest
matching subsequences over keys made of words), separately for the running text and for each footnote.

Words
    "Words" are the ``\\w+`` tokens of a text after Unicode NFC. On the transcript side footnote markers
    ``[n]`` and the literal ``[sic]`` are removed, and the square brackets themselves are deleted (so
    ``Orig[inal]`` is the one word ``Original``, as in TEI ``Orig<supplied>inal</supplied>``). On the TEI
    side the text of an element is read in document order, leaving out footnotes (``note`` with ``@n`` or
    ``@place="foot"``) and the converter's own ``note[@type="conversion"]``; block elements (``p``,
    ``head``, ``item``, ``lb`` …) count as word separators, inline ones (``supplied``, ``persName`` …) do
    not. Comparing words makes every metric blind to punctuation, brackets and whitespace (not to case).

Generalisation. The converter is judged on documents of other volumes. ``--variant`` rewrites the
corpus in ways the transcript conventions allow, keeping the ground truth exact (straight quotes;
footnotes numbered from 0 instead of 1 or the reverse; every surname of the persons replaced by a
made-up one of the same length, so that names and speakers must be found without name lists). ``--held-out-names`` runs the same evaluation on
a temporary copy of the package whose name lists (``convert/data/persons.tsv``, ``places.tsv``,
``organisations.tsv``) have lost every entry with a form that occurs in the corpus: the person and
place figures it prints are a pessimistic estimate for documents whose names the lists do not hold
(the figures without it are an optimistic one when the lists were filled from this corpus).

Every feature is counted as ``tp`` (output items that match a ground-truth item completely), ``fp``
(output items that do not) and ``fn`` (ground-truth items not matched), giving precision
``tp/(tp+fp)``, recall ``tp/(tp+fn)`` and F1. Corpus figures are micro-averages (sums of the counts over
the documents). A feature with neither ground truth nor output in a document is "n/a" there.

Features
    ``div_type``       the div's ``@type`` fits the ground-truth ``doc_type``: telegram -> telegram,
                       letter -> letter, minutes -> minutes, transcript -> transcript, editorial-note ->
                       editorialNote, memorandum -> memorandum, memorandum-of-conversation ->
                       recordOfConversation or memorandum (or transcript when it has speaker turns);
                       ``other`` ("Record of Meeting", "Conversation Between …") is not scored.
    ``heading``        the first ``div/head`` has the words of the ground-truth ``heading`` (footnote
                       markers become ``note`` children, which are not part of the words).
    ``dateline``       the first ``dateline`` of the div (``div/dateline`` or ``div/opener/dateline``) has
                       the words of the ground-truth ``dateline``; a dateline in a document without one
                       (editorial notes) is a false positive.
    ``dateline_when``  that dateline's first ``date/@when`` has the date part (YYYY-MM-DD) of
                       ``doc_date_when`` (or, when that is null, of the dateline date's ``when``/``from``).
    ``blocks``         the ground-truth ``paragraphs`` (head, dateline, p, list-head, list-item, closer)
                       against the TEI blocks in order: the first ``div/head``; ``dateline``; every ``p``
                       (also in ``sp``, ``said``, ``quote``; a turn's ``speaker`` is read as the start of its
                       first ``p``, as the label opens the paragraph in the transcript), ``ab``, ``stage``,
                       later ``head``s (sub-headings, counted as paragraphs); ``list/head``; ``item``;
                       ``closer/signed``; ``salute``, ``byline`` and opener ``seg`` (which FRUS prints as
                       ordinary paragraphs: "Dear Mr. President," / "Sincerely,"); a ``gap`` or inline
                       ``note`` standing between paragraphs (``[Omitted here …]`` as a block). A block
                       matches when it has the same words and a compatible kind (``salute`` may be
                       ``p`` or ``closer``).
                       ``block_text`` is the same alignment ignoring the kind.
    ``notes``          footnotes matched by their printed number ``@n``; ``note_text`` also needs the
                       words of the note; ``note_type`` also needs ``@type`` sourceStatement (source note)
                       or editorial (footnote); ``note_anchor`` also needs the note to sit in the right
                       block (nearest block ancestor ``head``/``p``/``item``/``signed``/``dateline``)
                       after the same last (up to five) words as the marker in the transcript.
    ``sic``            each ``[sic]`` should be a ``sic`` element whose last word is ``preceding_word``.
    ``insertions``     each bracketed editorial insertion should be an element of the right kind holding
                       its words: omission -> ``gap[@reason="omitted"]``; not-declassified ->
                       ``gap[@reason="notDeclassified"]``; supplied-text -> ``supplied``,
                       ``note[@type="editorial"][@place="inline"]`` or ``gap[@reason="illegible"|
                       "inaudible"]``. Candidates are all ``gap``, ``supplied`` and inline editorial
                       notes; an element still holding a square bracket does not match (the brackets are
                       regenerated from the markup). ``omission``, ``not_declassified`` and
                       ``supplied_text`` break the figure down by ground-truth kind (their fp are the
                       output elements of that kind's element type that matched nothing).
    ``turns``          speaker turns: each ground-truth utterance should be one ``sp`` whose ``speaker``
                       has the label and whose paragraphs have exactly the words of the utterance (so a
                       continuation paragraph outside its turn, or a wrong split, fails). An ``sp`` whose
                       ``@prev`` points to an earlier ``sp`` is part of that turn. ``sp`` in a document
                       without speaker ground truth are false positives.
    ``speaker_labels`` the sequence of ``speaker`` texts against the labels as printed with their colon
                       ("Dr. Kissinger:").
    ``speaker_who``    among turns aligned by label, ``sp/@who`` points to a ``person`` of
                       ``particDesc/listPerson`` and is consistent: one ``@who`` per ground-truth speaker
                       (``speaker_ref``, or the label when that is null) and no ``@who`` shared by two.
    ``who_ref``        turns of speakers whose names are tagged in the text (matched ``persName`` with the
                       ground-truth ``corresp`` of the turn's ``speaker_ref``): ``sp/@who`` is the
                       ``@ref`` those names carry (most often), so that speakers and mentions are one
                       person in the register. Only recall is defined (no fp).
    ``non_speech``     each ground-truth non-speech paragraph (``[Omitted here …]``, a roster, a
                       sub-heading) is found as a block outside every ``sp``, or as a ``stage``, ``gap``
                       or inline ``note`` standing on its own (also inside an ``sp``); a ``p`` inside an
                       ``sp`` is speech, whatever it holds. No fp.
    ``persons``        ``persName`` spans (outermost, in ``text``) aligned with the ground-truth
                       ``persons`` by words in order (a leading ``roleName`` may be inside the output
                       span: "President Johnson" matches "Johnson"). FRUS tags most but not all names, so
                       precision is a lower bound.
    ``persons_loose``  the same, but an output span may have extra leading words ("Lt. Gen. John Vogt",
                       "Mr. Blitgen" for FRUS's "John Vogt", "Blitgen"): it separates names missed from
                       names tagged with a wider extent than FRUS gives them.
    ``person_ref``     pairs of matched persons: tp = same ``corresp`` and same ``@ref``; fn = same
                       ``corresp`` but different ``@ref``; fp = different ``corresp`` but same ``@ref``.
    ``places``         ``placeName`` spans against the ground-truth ``places`` by words, in the parts of
                       the document where the ground truth tags places (here: datelines only).
    ``dates``          ground-truth dates with ``when`` against ``date[@when]`` in the same parts of the
                       document (FRUS tags dates only in datelines here, so dates the converter tags in
                       the body are not counted against it), aligned in order by the date part
                       (YYYY-MM-DD) of ``@when``; the extent of the span (with or without the time of
                       day) is not compared.
    ``lists``          each ground-truth list (``lists``) against the output ``list`` with the same head
                       words: tp when ``@type`` agrees (participants and present are one class) and the
                       items' words agree. ``list_items`` aligns the items of all lists.
    ``signed``         the ground-truth ``signed`` texts against ``closer/signed``.
    ``text``           no text lost (document level): every word of the transcript outside the Notes
                       section, in order, is in the TEI ``text`` outside footnotes, and every word of note
                       ``[n]`` is in the footnote ``@n``. A failure is listed with the first lost words.
    ``valid``          the output is valid against tei_all (jing, one run over all outputs).
    ``project_rules``  ``edition validate`` (the project's schema and integrity rules R01–R18) reports
                       no error for the output; its warnings are listed in the JSON and counted in the
                       report.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from edition_tools.xmlio import TEI_NS, XML_ID, local_name, parse_bytes, serialize, write_atomic, xpath  # noqa: E402

DEFAULT_CORPUS = ROOT / "tests" / "data" / "external" / "frus"
TEI_ALL_RNG = ROOT / "tests" / "data" / "external" / "tei" / "tei_all.rng"

FEATURES = (
    "div_type", "heading", "dateline", "dateline_when", "blocks", "block_text",
    "notes", "note_text", "note_type", "note_anchor",
    "sic", "insertions", "omission", "not_declassified", "supplied_text",
    "turns", "speaker_labels", "speaker_who", "who_ref", "non_speech",
    "persons", "persons_loose", "person_ref", "places", "dates", "lists", "list_items", "signed",
    "text", "valid", "project_rules",
)

# --------------------------------------------------------------------------- words

WORD = re.compile(r"\w+")
MARKER = re.compile(r"\[\d+\]")
SIC = re.compile(r"\[sic\]", re.IGNORECASE)


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text))


def source_words(text: str) -> list[str]:
    """Words of transcript text: footnote markers and ``[sic]`` removed, brackets deleted."""
    text = MARKER.sub("", text)
    text = SIC.sub("", text)
    return words(text.replace("[", "").replace("]", ""))


def key(ws: Iterable[str]) -> str:
    return " ".join(ws)


# --------------------------------------------------------------------------- reading the TEI

#: elements whose start and end separate words (inline elements such as supplied do not)
BLOCK_NAMES = frozenset(
    "p head dateline item list sp speaker signed salute closer opener byline ab stage label l lg div "
    "trailer row cell table lb quote said floatingText body front back desc".split()
)
#: elements that are blocks for the ``blocks`` feature (read whole, not descended into)
TEXT_BLOCKS = frozenset("p ab stage head dateline item signed salute byline seg label trailer".split())
#: containers descended into when collecting blocks
CONTAINERS = frozenset("div opener closer list sp said quote q floatingText body front back lg group".split())
#: nearest block ancestor of a footnote, for its anchor
ANCHOR_BLOCKS = frozenset("head dateline p item signed salute ab seg byline label speaker note stage trailer cell".split())


def T(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def attr(el, name: str) -> str | None:
    v = el.get(name)
    return v.strip() if v is not None else None


def is_footnote(el) -> bool:
    """A note whose text is not part of the running text: numbered/foot notes and conversion notes."""
    if not isinstance(el.tag, str) or local_name(el) != "note":
        return False
    if attr(el, "type") == "conversion":
        return True
    if attr(el, "place") == "foot":
        return True
    return el.get("n") is not None and attr(el, "place") != "inline"


def is_conversion_note(el) -> bool:
    return isinstance(el.tag, str) and local_name(el) == "note" and attr(el, "type") == "conversion"


@dataclass
class Stream:
    """Text of an element read in document order with footnotes left out, and where each footnote sat."""

    text: str
    note_at: dict[int, int]  # id(note element) -> character position in text

    @property
    def words(self) -> list[str]:
        return words(self.text)


def read_stream(el, *, skip_speaker: bool = False, include_self: bool = False) -> Stream:
    out: list[str] = []
    note_at: dict[int, int] = {}
    pos = [0]

    def emit(s: str | None):
        if s:
            out.append(s)
            pos[0] += len(s)

    def walk(node):
        name = local_name(node)
        block = name in BLOCK_NAMES
        if block:
            emit(" ")
        emit(node.text)
        for child in node:
            if not isinstance(child.tag, str):  # comment / processing instruction
                emit(child.tail)
                continue
            if is_footnote(child):
                note_at[id(child)] = pos[0]
            elif skip_speaker and local_name(child) == "speaker":
                pass
            else:
                walk(child)
            emit(child.tail)
        if block:
            emit(" ")

    if include_self:
        walk(el)
    else:
        emit(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                emit(child.tail)
                continue
            if is_footnote(child):
                note_at[id(child)] = pos[0]
            elif skip_speaker and local_name(child) == "speaker":
                pass
            else:
                walk(child)
            emit(child.tail)
    return Stream("".join(out), note_at)


def el_words(el, **kw) -> list[str]:
    return read_stream(el, **kw).words


def footnote_of(el):
    """The nearest footnote ancestor of ``el`` (or None)."""
    for anc in el.iterancestors():
        if is_footnote(anc):
            return anc
    return None


def in_conversion_note(el) -> bool:
    return any(is_conversion_note(a) for a in el.iterancestors())


def stream_name(el) -> str:
    """``body`` for the running text, ``note:N`` inside footnote N (``note:?`` without @n)."""
    fn = footnote_of(el)
    if fn is None:
        return "body"
    return f"note:{attr(fn, 'n') or '?'}"


def source_stream(where: str | None) -> str:
    return where if where and where.startswith("note:") else "body"


@dataclass
class TeiDoc:
    """The parts of a converted document the scorer looks at."""

    tree: etree._ElementTree
    text_el: etree._Element | None
    div: etree._Element | None

    @classmethod
    def of(cls, tree) -> "TeiDoc":
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        text_el = (xpath(root, "/tei:TEI/tei:text") or [None])[0]
        div = (xpath(root, "/tei:TEI/tei:text/tei:body//tei:div") or [None])[0]
        return cls(tree if isinstance(tree, etree._ElementTree) else root.getroottree(), text_el, div)

    def text_elements(self, name: str) -> list:
        """Elements called ``name`` in ``text``, not inside conversion notes."""
        if self.text_el is None:
            return []
        return [e for e in self.text_el.iter(f"{{{TEI_NS}}}{name}") if not in_conversion_note(e)]

    def head(self):
        if self.div is None:
            return None
        heads = xpath(self.div, "tei:head")
        return heads[0] if heads else None

    def dateline(self):
        if self.div is None:
            return None
        found = xpath(self.div, "tei:dateline | tei:opener/tei:dateline")
        return found[0] if found else None

    def person_ids(self) -> set[str]:
        root = self.tree.getroot()
        return {p.get(XML_ID) for p in xpath(root, "//tei:teiHeader//tei:particDesc//tei:person[@xml:id]")}


# --------------------------------------------------------------------------- results


@dataclass
class Problem:
    expected: str
    got: str
    why: str = ""


@dataclass
class Feature:
    name: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def applicable(self) -> bool:
        return bool(self.tp or self.fp or self.fn)

    def add(self, other: "Feature") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def problem(self, expected: str, got: str, why: str = "") -> None:
        self.problems.append(Problem(expected, got, why))

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if (self.tp + self.fp) else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if (self.tp + self.fn) else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        p = p if p is not None else 0.0
        r = r if r is not None else 0.0
        return 2 * p * r / (p + r) if (p + r) else 0.0

    def as_dict(self, problems: bool = True) -> dict:
        d = {"tp": self.tp, "fp": self.fp, "fn": self.fn,
             "precision": _round(self.precision), "recall": _round(self.recall), "f1": _round(self.f1)}
        if problems:
            d["problems"] = [p.__dict__ for p in self.problems]
        return d


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def show(el) -> str:
    """A one-line rendering of an output element for problem reports."""
    if el is None:
        return "(none)"
    attrs = " ".join(f'{k.rsplit("}", 1)[-1]}="{v}"' for k, v in el.attrib.items() if not k.endswith("}id"))
    return f"<{local_name(el)}{' ' + attrs if attrs else ''}> {short(' '.join(el_words(el)), 70)}"


def align(gold_keys: list[str], out_keys: list[str]) -> list[tuple[int, int]]:
    """Order-preserving matching of equal keys (longest matching blocks, no junk heuristic)."""
    sm = difflib.SequenceMatcher(None, gold_keys, out_keys, autojunk=False)
    pairs: list[tuple[int, int]] = []
    for a, b, size in sm.get_matching_blocks():
        pairs.extend((a + k, b + k) for k in range(size))
    return pairs


# --------------------------------------------------------------------------- features


def score_heading(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("heading")
    head = tei.head()
    expected = source_words(gt.get("heading") or "")
    if head is None:
        if expected:
            f.fn += 1
            f.problem(gt["heading"], "(no div/head)")
        return f
    got = el_words(head)
    if expected and got == expected:
        f.tp += 1
    else:
        f.fp += 1
        if expected:
            f.fn += 1
        f.problem(gt.get("heading") or "(no heading)", show(head))
    return f


def expected_dateline_date(gt: dict) -> str | None:
    if gt.get("doc_date_when"):
        return gt["doc_date_when"][:10]
    for d in gt.get("dates", []):
        if d.get("where") == "dateline" and d.get("element") == "date":
            v = d.get("when") or d.get("from")
            if v and re.match(r"\d{4}-\d\d-\d\d", v):
                return v[:10]
    return None


def score_dateline(gt: dict, tei: TeiDoc) -> tuple[Feature, Feature]:
    f = Feature("dateline")
    fw = Feature("dateline_when")
    dl = tei.dateline()
    expected = source_words(gt.get("dateline") or "")
    if dl is None:
        if expected:
            f.fn += 1
            f.problem(gt["dateline"], "(no dateline)")
    elif expected and el_words(dl) == expected:
        f.tp += 1
    else:
        f.fp += 1
        if expected:
            f.fn += 1
        f.problem(gt.get("dateline") or "(no dateline in the source)", show(dl))
    want = expected_dateline_date(gt)
    got = None
    if dl is not None:
        for d in xpath(dl, ".//tei:date[@when] | .//tei:time[@when]"):
            got = d.get("when")
            break
    if got is None and want is None:
        pass
    elif got is None:
        fw.fn += 1
        fw.problem(want, "(no date/@when in the dateline)")
    elif want is not None and got[:10] == want:
        fw.tp += 1
    else:
        fw.fp += 1
        if want is not None:
            fw.fn += 1
        fw.problem(str(want), f"@when={got}")
    return f, fw


#: output block -> ground-truth kinds it may stand for
def block_kinds(el, first_head) -> tuple[str, ...]:
    name = local_name(el)
    parent = local_name(el.getparent()) if el.getparent() is not None else ""
    if name == "head":
        if el is first_head:
            return ("head",)
        if parent == "list":
            return ("list-head",)
        return ("p",)
    if name == "dateline":
        return ("closer", "p") if parent == "closer" else ("dateline",)
    if name == "item":
        return ("list-item",)
    if name == "signed":
        return ("closer",)
    if name == "salute":
        return ("p", "closer")
    return ("p",)


def collect_blocks(tei: TeiDoc) -> list[tuple[etree._Element, tuple[str, ...], list[str]]]:
    """Output blocks of the div in document order: (element, kinds, words)."""
    blocks: list = []
    if tei.div is None:
        return blocks
    first_head = tei.head()

    def visit(node):
        for child in node:
            if not isinstance(child.tag, str) or is_footnote(child):
                continue
            name = local_name(child)
            if name in TEXT_BLOCKS:
                if name == "seg" and local_name(node) != "opener":
                    continue
                ws = el_words(child)
                parent = child.getparent()
                if local_name(parent) == "sp" and name in ("p", "ab") and _first_speech_block(parent) is child:
                    speaker = xpath(parent, "tei:speaker")
                    if speaker:
                        ws = el_words(speaker[0]) + ws
                blocks.append((child, block_kinds(child, first_head), ws))
            elif name in ("note", "gap") and local_name(node) in ("div", "sp"):
                # an editorial remark or omission standing between paragraphs (inline note, gap)
                blocks.append((child, ("p",), el_words(child, include_self=True)))
            elif name in CONTAINERS:
                if name == "closer" and (child.text or "").strip() and not len(child):
                    blocks.append((child, ("closer",), el_words(child)))
                    continue
                visit(child)

    visit(tei.div)
    return blocks


def _first_speech_block(sp):
    for c in sp:
        if isinstance(c.tag, str) and local_name(c) in ("p", "ab"):
            return c
    return None


def score_blocks(gt: dict, tei: TeiDoc) -> tuple[Feature, Feature, list, dict[int, etree._Element]]:
    fb = Feature("blocks")
    ft = Feature("block_text")
    gold = gt.get("paragraphs", [])
    out = collect_blocks(tei)
    gk = [key(source_words(p["text"])) for p in gold]
    ok = [key(ws) for _, _, ws in out]
    pairs = align(gk, ok)
    matched_g = {}
    good = 0
    for gi, oi in pairs:
        matched_g[gi] = out[oi][0]
        if gold[gi]["kind"] in out[oi][1]:
            good += 1
        else:
            fb.problem(f'{gold[gi]["kind"]}: {short(gold[gi]["text"])}', f"kind {'/'.join(out[oi][1])}: {show(out[oi][0])}", "wrong kind")
    ft.tp, ft.fp, ft.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    fb.tp, fb.fp, fb.fn = good, len(out) - good, len(gold) - good
    # unmatched blocks, side by side in order
    mg = {g for g, _ in pairs}
    mo = {o for _, o in pairs}
    sm = difflib.SequenceMatcher(None, gk, ok, autojunk=False)
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            continue
        left = [f'{gold[i]["kind"]}: {short(gold[i]["text"])}' for i in range(a1, a2) if i not in mg]
        right = [f"{'/'.join(out[j][1])}: {show(out[j][0])}" for j in range(b1, b2) if j not in mo]
        for k in range(max(len(left), len(right))):
            p = Problem(left[k] if k < len(left) else "", right[k] if k < len(right) else "", "words differ")
            fb.problems.append(p)
            ft.problems.append(p)
    return fb, ft, out, matched_g


def gt_note_type(note: dict) -> str:
    return "sourceStatement" if note.get("kind") == "source" else "editorial"


def anchor_block(note):
    for anc in note.iterancestors():
        if isinstance(anc.tag, str) and local_name(anc) in ANCHOR_BLOCKS:
            return anc
    return None


def context_words(ctx: str, k: int = 5) -> list[str]:
    """The last (up to k) whole words of a 60-character context (its first word may be cut)."""
    cut = ctx
    if len(ctx) >= 60:
        m = re.search(r"\W", cut)
        cut = cut[m.end():] if m else ""
    ws = source_words(cut)
    # a context may run back over a block boundary (blocks are separated by newlines, and hold none):
    # keep the part after the last newline, where the marker's block starts
    if "\n" in cut:
        ws = source_words(cut.rsplit("\n", 1)[1])
    return ws[-k:]


def block_context(blk, note) -> list[str]:
    """Words of the block ``blk`` before the footnote ``note`` (a turn's first paragraph starts with
    its speaker label, as in the transcript)."""
    st = read_stream(blk)
    if id(note) not in st.note_at:
        return []
    ws = words(st.text[: st.note_at[id(note)]])
    parent = blk.getparent()
    if parent is not None and local_name(parent) == "sp" and _first_speech_block(parent) is blk:
        spk = xpath(parent, "tei:speaker")
        if spk:
            ws = el_words(spk[0]) + ws
    return ws


def score_notes(gt: dict, tei: TeiDoc) -> dict[str, Feature]:
    fs = {n: Feature(n) for n in ("notes", "note_text", "note_type", "note_anchor")}
    gold = gt.get("notes", [])
    out = [n for n in tei.text_elements("note") if is_footnote(n) and not is_conversion_note(n)]
    by_n: dict[str, list] = defaultdict(list)
    for n in out:
        by_n[attr(n, "n") or "?"].append(n)
    used: set[int] = set()
    counts = Counter()
    for g in gold:
        cands = [n for n in by_n.get(str(g["n"]), []) if id(n) not in used]
        if not cands:
            for f in fs.values():
                f.problem(f'[{g["n"]}] {short(g["text"])}', "(no note with this @n)")
            continue
        el = cands[0]
        used.add(id(el))
        counts["notes"] += 1
        text_ok = el_words(el) == source_words(g["text"])
        if text_ok:
            counts["note_text"] += 1
        else:
            fs["note_text"].problem(f'[{g["n"]}] {short(g["text"], 200)}', show(el))
        typ = attr(el, "type")
        if typ == gt_note_type(g):
            counts["note_type"] += 1
        else:
            fs["note_type"].problem(f'[{g["n"]}] type {gt_note_type(g)}', f"@type={typ}")
        blk = anchor_block(el)
        want_parent = g.get("anchor_parent_element")
        parent_ok = blk is not None and local_name(blk) == want_parent
        want_ctx = context_words(g.get("anchor_context_before") or "")
        got_ctx = block_context(blk, el)[-len(want_ctx):] if (blk is not None and want_ctx) else []
        ctx_ok = got_ctx == want_ctx
        if parent_ok and ctx_ok:
            counts["note_anchor"] += 1
        else:
            fs["note_anchor"].problem(
                f'[{g["n"]}] in <{want_parent}> after “…{" ".join(want_ctx)}”',
                f'in <{local_name(blk) if blk is not None else "?"}> after “…{" ".join(got_ctx)}”')
    for name, f in fs.items():
        f.tp = counts[name]
        f.fp = len(out) - f.tp
        f.fn = len(gold) - f.tp
    for n in out:
        if id(n) not in used:
            fs["notes"].problem("", show(n), "note not in the ground truth")
    return fs


def _by_stream(items: list, stream_of: Callable) -> dict[str, list]:
    d: dict[str, list] = defaultdict(list)
    for it in items:
        d[stream_of(it)].append(it)
    return d


def aligned_by_stream(gold: list, out: list, gold_stream, out_stream, gold_key, out_key):
    """Align per stream; yields (gold_item, out_item) pairs and the unmatched of each side."""
    gs = _by_stream(gold, gold_stream)
    os_ = _by_stream(out, out_stream)
    pairs = []
    un_g, un_o = [], []
    for s in sorted(set(gs) | set(os_)):
        g, o = gs.get(s, []), os_.get(s, [])
        p = align([gold_key(x) for x in g], [out_key(x) for x in o])
        pairs.extend((g[a], o[b]) for a, b in p)
        mg, mo = {a for a, _ in p}, {b for _, b in p}
        un_g.extend(x for i, x in enumerate(g) if i not in mg)
        un_o.extend(x for i, x in enumerate(o) if i not in mo)
    return pairs, un_g, un_o


def score_sic(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("sic")
    gold = gt.get("sic", [])
    out = [s for s in tei.text_elements("sic")]

    def okey(el):
        ws = el_words(el)
        return ws[-1] if ws else ""

    pairs, un_g, un_o = aligned_by_stream(
        gold, out, lambda g: source_stream(g.get("where")), stream_name,
        lambda g: (source_words(g["preceding_word"]) or [""])[-1], okey)
    f.tp, f.fp, f.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    for g in un_g:
        f.problem(f'{short(g["context_before"][-40:])} [sic]', "(no sic on this word)")
    for o in un_o:
        f.problem("", show(o), "sic not in the ground truth")
    return f


INSERTION_FEATURE = {"omission": "omission", "not-declassified": "not_declassified", "supplied-text": "supplied_text"}


def insertion_class(el) -> str | None:
    """Which ground-truth insertion kind an output element encodes (None: not an insertion element)."""
    name = local_name(el)
    if name == "gap":
        reason = attr(el, "reason") or ""
        if reason == "omitted":
            return "omission"
        if reason == "notDeclassified":
            return "not-declassified"
        if reason in ("illegible", "inaudible"):
            return "supplied-text"
        return "other-gap"
    if name == "supplied":
        return "supplied-text"
    if name == "note" and attr(el, "type") == "editorial" and attr(el, "place") == "inline":
        return "supplied-text"
    return None


def insertion_candidates(tei: TeiDoc) -> list:
    out = []
    if tei.text_el is None:
        return out
    for el in tei.text_el.iter():
        if not isinstance(el.tag, str) or in_conversion_note(el):
            continue
        if local_name(el) in ("gap", "supplied", "note") and insertion_class(el) is not None:
            # a supplied inside a gap/inline note (or vice versa) is one insertion: keep the outermost
            if any(insertion_class(a) is not None and local_name(a) in ("gap", "supplied", "note") for a in el.iterancestors()):
                continue
            out.append(el)
    return out


def element_raw_text(el) -> str:
    return "".join(t for t in el.itertext())


def score_insertions(gt: dict, tei: TeiDoc) -> dict[str, Feature]:
    fs = {n: Feature(n) for n in ("insertions", "omission", "not_declassified", "supplied_text")}
    gold = gt.get("editorial_insertions", [])
    out = insertion_candidates(tei)
    pairs, un_g, un_o = aligned_by_stream(
        gold, out, lambda g: source_stream(g.get("where")), stream_name,
        lambda g: key(source_words(g["text"])), lambda o: key(el_words(o)))
    good = Counter()
    good_out: set[int] = set()
    for g, o in pairs:
        cls = insertion_class(o)
        raw = element_raw_text(o)
        if cls == g["kind"] and "[" not in raw and "]" not in raw:
            good[g["kind"]] += 1
            good_out.add(id(o))
        else:
            why = "brackets kept inside the element" if cls == g["kind"] else f"encoded as {cls}"
            fs[INSERTION_FEATURE[g["kind"]]].problem(f'{g["kind"]}: {short(g["text"])}', show(o), why)
            if cls != g["kind"] and cls in INSERTION_FEATURE:
                fs[INSERTION_FEATURE[cls]].problem(f'{g["kind"]}: {short(g["text"])}', show(o), why)
    for g in un_g:
        fs[INSERTION_FEATURE[g["kind"]]].problem(f'{g["kind"]}: {short(g["text"])}', "(no element with these words)")
    total = sum(good.values())
    fs["insertions"].tp, fs["insertions"].fp, fs["insertions"].fn = total, len(out) - total, len(gold) - total
    for kind, name in INSERTION_FEATURE.items():
        n_gold = sum(1 for g in gold if g["kind"] == kind)
        n_out = sum(1 for o in out if insertion_class(o) == kind)
        fs[name].tp = good[kind]
        fs[name].fp = n_out - good[kind]
        fs[name].fn = n_gold - good[kind]
    for o in un_o:
        cls = insertion_class(o)
        name = INSERTION_FEATURE.get(cls or "", "insertions")
        fs[name].problem("", show(o), "not an insertion in the ground truth")
    seen = set()
    for name in ("omission", "not_declassified", "supplied_text"):
        for p in fs[name].problems:
            if (p.expected, p.got, p.why) not in seen:
                seen.add((p.expected, p.got, p.why))
                fs["insertions"].problems.append(p)
    return fs


def sp_chains(tei: TeiDoc) -> list[list]:
    """Speaker turns: ``sp`` elements, with an ``sp`` whose ``@prev`` points to an earlier one (a turn
    split by a page break or an interruption) joined to that turn."""
    chains: list[list] = []
    chain_of_id: dict[str, list] = {}
    for sp in tei.text_elements("sp"):
        prev = (sp.get("prev") or "").strip()
        chain = chain_of_id.get(prev[1:]) if prev.startswith("#") else None
        if chain is None:
            chain = [sp]
            chains.append(chain)
        else:
            chain.append(sp)
        if sp.get(XML_ID):
            chain_of_id[sp.get(XML_ID)] = chain
    return chains


def sp_label(sp) -> str:
    spk = xpath(sp, "tei:speaker")
    return " ".join(read_stream(spk[0]).text.split()) if spk else ""


def score_speakers(gt: dict, tei: TeiDoc, block_of: dict[int, etree._Element]) -> dict[str, Feature]:
    fs = {n: Feature(n) for n in ("turns", "speaker_labels", "speaker_who", "non_speech")}
    gold = gt.get("utterances", []) if gt.get("is_dialogue") else []
    chains = sp_chains(tei)
    out = [c[0] for c in chains]
    turn_words = [[w for sp in c for w in el_words(sp, skip_speaker=True)] for c in chains]
    # turns: label + all the words of the turn
    gk = [key([u["speaker_label"], "|"] + source_words(u["text_without_note_markers"])) for u in gold]
    ok = [key([sp_label(sp).rstrip(":").strip(), "|"] + turn_words[j]) for j, sp in enumerate(out)]
    pairs = align(gk, ok)
    f = fs["turns"]
    f.tp, f.fp, f.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    sm = difflib.SequenceMatcher(None, gk, ok, autojunk=False)
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag == "equal":
            continue
        left = [f'{gold[i]["speaker_label"]}: {short(gold[i]["text"])} (¶{",".join(map(str, gold[i]["paragraphs"]))})' for i in range(a1, a2)]
        right = [f"{sp_label(out[j])} {short(' '.join(turn_words[j]))}" for j in range(b1, b2)]
        for k in range(max(len(left), len(right))):
            f.problem(left[k] if k < len(left) else "", right[k] if k < len(right) else "")
    # labels as printed, with the colon
    gl = [u["speaker_label"] + u.get("label_punctuation", ":") for u in gold]
    ol = [sp_label(sp) for sp in out]
    lp = align(gl, ol)
    fl = fs["speaker_labels"]
    fl.tp, fl.fp, fl.fn = len(lp), len(out) - len(lp), len(gold) - len(lp)
    sm = difflib.SequenceMatcher(None, gl, ol, autojunk=False)
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag != "equal":
            fl.problem(" ".join(gl[a1:a2]) or "", " ".join(ol[b1:b2]) or "")
    # who: resolves to a person, one per speaker, not shared (turns aligned by label, colon or not)
    lp = align([u["speaker_label"] for u in gold], [sp_label(sp).rstrip(":").strip() for sp in out])
    persons = tei.person_ids()
    groups: dict[str, Counter] = defaultdict(Counter)
    for gi, oi in lp:
        g = gold[gi]
        groups[g.get("speaker_ref") or g["speaker_label"]][(out[oi].get("who") or "").strip()] += 1
    majority = {grp: c.most_common(1)[0][0] for grp, c in groups.items()}
    owner: dict[str, list[str]] = defaultdict(list)
    for grp, who in majority.items():
        owner[who].append(grp)
    good = 0
    for gi, oi in lp:
        g = gold[gi]
        grp = g.get("speaker_ref") or g["speaker_label"]
        who = (out[oi].get("who") or "").strip()
        resolves = who.startswith("#") and " " not in who and who[1:] in persons
        if resolves and majority[grp] == who and len(owner[who]) == 1:
            good += 1
        else:
            why = "does not point to a person" if not resolves else "inconsistent with the other turns of this speaker"
            fs["speaker_who"].problem(f'{g["speaker_label"]} ({g.get("speaker_ref") or "no ref"})', f"@who={who or '(none)'}", why)
    fw = fs["speaker_who"]
    fw.tp, fw.fp, fw.fn = good, len(out) - good, len(gold) - good
    aligned = {oi for _, oi in lp}
    for j, sp in enumerate(out):
        if j not in aligned:
            fw.problem("", f"{sp_label(sp) or '(no speaker)'} @who={sp.get('who') or '(none)'}", "no ground-truth turn with this label here")
    # non-speech paragraphs
    fn_ = fs["non_speech"]
    for ns in (gt.get("non_speech_paragraphs", []) if gt.get("is_dialogue") else []):
        el = block_of.get(ns["paragraph"])
        if el is None:
            el = standalone_non_speech(tei, key(source_words(ns["text"])))
        if el is None:
            fn_.fn += 1
            fn_.problem(short(ns["text"]), "(paragraph not found as a block)")
            continue
        if non_speech_ok(el):
            fn_.tp += 1
        else:
            fn_.fn += 1
            fn_.problem(short(ns["text"]), "inside <sp>: " + show(el))
    return fs


def non_speech_ok(el) -> bool:
    """Outside every ``sp``, or a ``stage``/``gap``/inline ``note`` standing on its own (a ``p`` inside a
    turn is speech, whatever it holds)."""
    if not any(local_name(a) == "sp" for a in el.iterancestors() if isinstance(a.tag, str)):
        return True
    return local_name(el) in ("stage", "gap", "note")


def standalone_non_speech(tei: TeiDoc, want: str):
    """A ``stage``, ``gap`` or inline ``note`` directly in the div or in an ``sp`` with these words."""
    if tei.div is None:
        return None
    for el in tei.div.iter(T("stage"), T("gap"), T("note")):
        parent = el.getparent()
        if local_name(parent) in ("div", "sp") and not is_footnote(el) and key(el_words(el, include_self=True)) == want:
            return el
    return None


def outermost(els: list) -> list:
    s = set(map(id, els))
    return [e for e in els if not any(id(a) in s for a in e.iterancestors())]


def person_key_variants(el) -> tuple[str, str]:
    full = key(el_words(el))
    no_role = copy.deepcopy(el)
    for r in list(no_role.iter(f"{{{TEI_NS}}}roleName")):
        parent = r.getparent()
        if parent is None:
            continue
        tail = r.tail
        idx = parent.index(r)
        parent.remove(r)
        if tail:
            if idx > 0:
                prev = parent[idx - 1]
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return full, key(el_words(no_role))


def score_speaker_person_link(gt: dict, tei: TeiDoc) -> Feature:
    """``who_ref``: a turn's ``sp/@who`` is the ``@ref`` that the same person's names carry in the text."""
    f = Feature("who_ref")
    if not gt.get("is_dialogue"):
        return f
    gold = gt.get("persons", [])
    out = outermost(tei.text_elements("persName"))
    pairs, _, _ = aligned_by_stream(
        gold, out, lambda g: source_stream(g.get("where")), stream_name,
        lambda g: key(source_words(g["text"])), lambda o: key(el_words(o)))
    refs: dict[str, Counter] = defaultdict(Counter)
    for g, o in pairs:
        if g.get("corresp") and o.get("ref"):
            refs[g["corresp"]][o.get("ref").strip()] += 1
    utts = gt.get("utterances", [])
    out_sp = [c[0] for c in sp_chains(tei)]
    lp = align([u["speaker_label"] for u in utts], [sp_label(sp).rstrip(":").strip() for sp in out_sp])
    aligned = {gi for gi, _ in lp}
    for gi, oi in lp:
        u = utts[gi]
        if u.get("speaker_ref") not in refs:
            continue
        want = refs[u["speaker_ref"]].most_common(1)[0][0]
        who = (out_sp[oi].get("who") or "").strip()
        if who == want:
            f.tp += 1
        else:
            f.fn += 1
            f.problem(f'{u["speaker_label"]}: the names of this person carry @ref={want}', f"@who={who or '(none)'}")
    for gi, u in enumerate(utts):
        if gi not in aligned and u.get("speaker_ref") in refs:
            f.fn += 1
            f.problem(f'{u["speaker_label"]}: the names of this person carry @ref={refs[u["speaker_ref"]].most_common(1)[0][0]}', "(no turn with this label)")
    return f


def score_persons(gt: dict, tei: TeiDoc, loose: bool = False) -> tuple[Feature, Feature]:
    fp_ = Feature("persons_loose" if loose else "persons")
    fr = Feature("person_ref")
    gold = gt.get("persons", [])
    out = outermost(tei.text_elements("persName"))
    gold_keys = {key(source_words(g["text"])) for g in gold}

    def okey(el):
        full, bare = person_key_variants(el)
        k = full if full in gold_keys or bare not in gold_keys else bare
        if loose and k not in gold_keys:
            ws = k.split()
            for i in range(1, len(ws)):  # leading words (titles, first names) outside the FRUS span
                if key(ws[i:]) in gold_keys:
                    return key(ws[i:])
        return k

    pairs, un_g, un_o = aligned_by_stream(
        gold, out, lambda g: source_stream(g.get("where")), stream_name,
        lambda g: key(source_words(g["text"])), okey)
    fp_.tp, fp_.fp, fp_.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    for g in un_g:
        fp_.problem(f'{g["text"]} ({g.get("where")})', "(not tagged)")
    for o in un_o:
        fp_.problem("", show(o), "not a person in the ground truth")
    refd = [(g.get("corresp"), (o.get("ref") or "").strip()) for g, o in pairs if g.get("corresp")]
    for i in range(len(refd)):
        for j in range(i + 1, len(refd)):
            (c1, r1), (c2, r2) = refd[i], refd[j]
            same_c, same_r = c1 == c2, (r1 == r2 and r1 != "")
            if same_c and same_r:
                fr.tp += 1
            elif same_c:
                fr.fn += 1
            elif same_r:
                fr.fp += 1
    bad: dict[tuple, int] = Counter()
    for c, r in refd:
        bad[(c, r)] += 1
    by_c: dict[str, set] = defaultdict(set)
    by_r: dict[str, set] = defaultdict(set)
    for c, r in refd:
        by_c[c].add(r)
        by_r[r].add(c)
    for c, rs in by_c.items():
        if len(rs) > 1:
            fr.problem(f"{c}: one person", "@ref " + ", ".join(sorted(x or "(none)" for x in rs)), "split")
    for r, cs in by_r.items():
        if r and len(cs) > 1:
            fr.problem(", ".join(sorted(cs)) + ": different persons", f"@ref {r}", "merged")
    return fp_, fr


def area_of(el, tei: TeiDoc) -> str:
    """The part of the document an output element is in, in the vocabulary of ground-truth ``where``."""
    fn = footnote_of(el)
    if fn is not None:
        return f"note:{attr(fn, 'n') or '?'}"
    head = tei.head()
    for a in el.iterancestors():
        n = local_name(a)
        if a is head:
            return "head"
        if n == "dateline" and local_name(a.getparent()) != "closer":
            return "dateline"
        if n == "list":
            return "list"
        if n == "closer":
            return "closer"
    return "body"


DIV_TYPES = {
    "telegram": {"telegram"}, "letter": {"letter"}, "minutes": {"minutes"}, "transcript": {"transcript"},
    "editorial-note": {"editorialNote"}, "memorandum": {"memorandum"},
    "memorandum-of-conversation": {"recordOfConversation", "memorandum"},
}


def score_div_type(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("div_type")
    want = set(DIV_TYPES.get(gt.get("doc_type") or "", set()))
    if not want:
        return f
    if gt.get("doc_type") == "memorandum-of-conversation" and gt.get("is_dialogue"):
        want.add("transcript")
    got = attr(tei.div, "type") if tei.div is not None else None
    if got in want:
        f.tp = 1
    else:
        f.fn = 1
        if got is not None:
            f.fp = 1
        f.problem(f'{gt.get("doc_type")}: {" or ".join(sorted(want))}', f"@type={got}")
    return f


def score_places(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("places")
    gold = gt.get("places", [])
    areas = {p.get("where") for p in gold}
    out = [p for p in outermost(tei.text_elements("placeName")) if area_of(p, tei) in areas]
    pairs, un_g, un_o = aligned_by_stream(
        gold, out, lambda g: g.get("where"), lambda o: area_of(o, tei),
        lambda g: key(source_words(g["text"])), lambda o: key(el_words(o)))
    f.tp, f.fp, f.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    for g in un_g:
        f.problem(f'{g["text"]} ({g.get("where")})', "(not tagged)")
    for o in un_o:
        f.problem("", show(o), "not a place in the ground truth")
    return f


def score_dates(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("dates")
    gold = [d for d in gt.get("dates", []) if d.get("when")]
    areas = {d.get("where") for d in gold}
    out = [d for d in outermost(tei.text_elements("date")) if d.get("when") and area_of(d, tei) in areas]
    pairs, un_g, un_o = aligned_by_stream(
        gold, out, lambda g: g.get("where"), lambda o: area_of(o, tei),
        lambda g: g["when"][:10], lambda o: (o.get("when") or "")[:10])
    f.tp, f.fp, f.fn = len(pairs), len(out) - len(pairs), len(gold) - len(pairs)
    for g in un_g:
        f.problem(f'{g["text"]} @when={g["when"]} ({g.get("where")})', "(no date with this @when here)")
    for o in un_o:
        f.problem("", show(o), "")
    return f


LIST_TYPE_CLASS = {"participants": "participants", "present": "participants"}


def score_lists(gt: dict, tei: TeiDoc) -> tuple[Feature, Feature]:
    fl = Feature("lists")
    fi = Feature("list_items")
    gold = [(typ, lst) for typ, lists in (gt.get("lists") or {}).items() for lst in lists]
    out = [l for l in tei.text_elements("list") if footnote_of(l) is None]
    used: set[int] = set()
    all_gold_items, all_out_items = [], []
    for typ, lst in gold:
        head_key = key(source_words(lst["head"]))
        cand = None
        for l in out:
            h = xpath(l, "tei:head")
            if id(l) not in used and h and key(el_words(h[0])) == head_key:
                cand = l
                break
        want_items = [key(source_words(i)) for i in lst["items"]]
        all_gold_items.append(want_items)
        if cand is None:
            fl.fn += 1
            fl.problem(f'{typ}: {lst["head"]} ({len(lst["items"])} items)', "(no list with this head)")
            continue
        used.add(id(cand))
        got_items = [key(el_words(i)) for i in xpath(cand, "tei:item")]
        t_ok = LIST_TYPE_CLASS.get(typ, typ) == LIST_TYPE_CLASS.get(attr(cand, "type") or "", attr(cand, "type"))
        if t_ok and got_items == want_items:
            fl.tp += 1
        else:
            fl.fn += 1
            why = [] if t_ok else [f'@type={cand.get("type")}']
            if got_items != want_items:
                why.append(f"{len(got_items)} items, {sum(1 for a, b in zip(want_items, got_items) if a == b)} equal in place")
            fl.problem(f'{typ}: {lst["head"]} ({len(want_items)} items)', show(cand), "; ".join(why))
    fl.fp = len(out) - fl.tp
    for l in out:
        if id(l) not in used:
            fl.problem("", show(l), "list not in the ground truth")
    # items over all lists, in order
    gi = [k for items in all_gold_items for k in items]
    oi = [key(el_words(i)) for l in out for i in xpath(l, "tei:item")]
    p = align(gi, oi)
    fi.tp, fi.fp, fi.fn = len(p), len(oi) - len(p), len(gi) - len(p)
    sm = difflib.SequenceMatcher(None, gi, oi, autojunk=False)
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag != "equal":
            for k in range(max(a2 - a1, b2 - b1)):
                fi.problem(short(gi[a1 + k]) if a1 + k < a2 else "", short(oi[b1 + k]) if b1 + k < b2 else "")
    return fl, fi


def score_signed(gt: dict, tei: TeiDoc) -> Feature:
    f = Feature("signed")
    gold = gt.get("signed", [])
    out = [s for s in tei.text_elements("signed") if any(local_name(a) == "closer" for a in s.iterancestors())]
    gk = [key(source_words(s["text"])) for s in gold]
    ok = [key(el_words(s)) for s in out]
    p = align(gk, ok)
    f.tp, f.fp, f.fn = len(p), len(out) - len(p), len(gold) - len(p)
    mg, mo = {a for a, _ in p}, {b for _, b in p}
    for i, s in enumerate(gold):
        if i not in mg:
            f.problem(s["text"], "(no closer/signed with these words)")
    for j, s in enumerate(out):
        if j not in mo:
            f.problem("", show(s), "")
    return f


# --------------------------------------------------------------------------- no text lost

NOTES_SECTION = re.compile(r"\n\nNotes\n\n(?=\[\d+\] )")
NOTE_BLOCK = re.compile(r"^\[(\d+)\] ", re.MULTILINE)


def split_transcript(text: str) -> tuple[str, list[tuple[str, str]]]:
    """(body, [(n, note text), …]) following the corpus conventions (a final ``Notes`` section)."""
    m = None
    for m in NOTES_SECTION.finditer(text):
        pass
    if m is None:
        return (text[:-1] if text.endswith("\n") else text), []
    body, notes_part = text[: m.start()], text[m.end():]
    starts = [x for x in NOTE_BLOCK.finditer(notes_part) if x.start() == 0 or notes_part[x.start() - 2: x.start()] == "\n\n"]
    notes = []
    for i, x in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(notes_part)
        notes.append((x.group(1), notes_part[x.end(): end]))
    return body, notes


@dataclass
class TextCheck:
    ok: bool
    lost: int
    words: int
    added: int
    message: str = ""


def lost_words(want: list[str], got: list[str]) -> tuple[list[tuple[int, int]], int]:
    """Runs of ``want`` missing from ``got`` (in order), and how many words ``got`` adds."""
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    runs, added = [], 0
    for tag, a1, a2, b1, b2 in sm.get_opcodes():
        if tag in ("delete", "replace"):
            runs.append((a1, a2))
        if tag in ("insert", "replace"):
            added += b2 - b1
    return runs, added


def check_text(tree, text: str) -> TextCheck:
    """No text lost: the transcript's words, in order, in the TEI text (notes' words in their notes)."""
    tei = TeiDoc.of(tree)
    body, notes = split_transcript(text)
    if tei.text_el is None:
        return TextCheck(False, len(source_words(text)), len(source_words(text)), 0, "no <text> element")
    want = source_words(body)
    got = read_stream(tei.text_el).words
    runs, added = lost_words(want, got)
    lost = sum(b - a for a, b in runs)
    msgs = []
    if runs:
        a, b = runs[0]
        msgs.append(f"body: {lost} word(s) lost, first: “{' '.join(want[max(0, a - 3):a])} ⟦{' '.join(want[a:min(b, a + 12)])}⟧”")
    total = len(want)
    by_n: dict[str, list] = defaultdict(list)
    for n in tei.text_elements("note"):
        if is_footnote(n) and not is_conversion_note(n) and n.get("n") is not None:
            by_n[attr(n, "n")].append(n)
    for n, ntext in notes:
        nw = source_words(ntext)
        total += len(nw)
        els = by_n.get(n)
        if not els:
            lost += len(nw)
            msgs.append(f"note [{n}]: missing ({len(nw)} words)")
            continue
        el = els.pop(0)
        r, a_ = lost_words(nw, read_stream(el).words)
        added += a_
        k = sum(b - a for a, b in r)
        if k:
            lost += k
            a, b = r[0]
            msgs.append(f"note [{n}]: {k} word(s) lost, first: ⟦{' '.join(nw[a:min(b, a + 12)])}⟧")
    return TextCheck(lost == 0, lost, total, added, "; ".join(msgs))


# --------------------------------------------------------------------------- a document


@dataclass
class DocResult:
    doc_id: str
    features: dict[str, Feature] = field(default_factory=dict)
    error: str = ""
    seconds: float = 0.0
    chars: int = 0
    text_check: TextCheck | None = None
    valid: bool | None = None
    validity_errors: list[str] = field(default_factory=list)
    #: the project's own validator (schema + integrity rules): "line:col: severity: message [rule]"
    project_diagnostics: list[str] = field(default_factory=list)
    #: converter apparatus and leftovers, for information: conversion notes, @cert values, square
    #: brackets still in the TEI text (outside conversion notes)
    apparatus: dict[str, int] = field(default_factory=dict)

    def as_dict(self, problems: bool = False) -> dict:
        return {
            "id": self.doc_id, "error": self.error, "seconds": round(self.seconds, 4), "chars": self.chars,
            "text_check": self.text_check.__dict__ if self.text_check else None,
            "valid": self.valid, "validity_errors": self.validity_errors[:10], "apparatus": self.apparatus,
            "project_diagnostics": self.project_diagnostics,
            "features": {k: f.as_dict(problems) for k, f in self.features.items() if f.applicable},
        }


def score_document(tree, text: str, gt: dict, text_check: TextCheck | None = None) -> dict[str, Feature]:
    """Every feature of one converted document against its ground truth (see the module docstring)."""
    tei = TeiDoc.of(tree)
    fs: dict[str, Feature] = {}
    fs["div_type"] = score_div_type(gt, tei)
    fs["heading"] = score_heading(gt, tei)
    fs["dateline"], fs["dateline_when"] = score_dateline(gt, tei)
    fs["blocks"], fs["block_text"], _, block_of = score_blocks(gt, tei)
    fs.update(score_notes(gt, tei))
    fs["sic"] = score_sic(gt, tei)
    fs.update(score_insertions(gt, tei))
    fs.update(score_speakers(gt, tei, block_of))
    fs["who_ref"] = score_speaker_person_link(gt, tei)
    fs["persons"], fs["person_ref"] = score_persons(gt, tei)
    fs["persons_loose"], _ = score_persons(gt, tei, loose=True)
    fs["places"] = score_places(gt, tei)
    fs["dates"] = score_dates(gt, tei)
    fs["lists"], fs["list_items"] = score_lists(gt, tei)
    fs["signed"] = score_signed(gt, tei)
    tc = text_check or check_text(tree, text)
    t = Feature("text")
    if tc.ok:
        t.tp = 1
    else:
        t.fn = 1
        t.problem("every word kept", tc.message)
    fs["text"] = t
    return {name: fs[name] for name in FEATURES if name in fs}


# --------------------------------------------------------------------------- corpus


@dataclass
class GoldDoc:
    doc_id: str
    text: str
    gt: dict


def load_corpus(corpus: Path, only: Iterable[str] = ()) -> list[GoldDoc]:
    only = set(only)
    docs = []
    for js in sorted(corpus.glob("*.json")):
        if js.name == "manifest.json":
            continue
        doc_id = js.stem
        if only and doc_id not in only:
            continue
        txt = js.with_suffix(".txt")
        docs.append(GoldDoc(doc_id, txt.read_bytes().decode("utf-8"), json.loads(js.read_text(encoding="utf-8"))))
    if only and len(docs) != len(only):
        missing = sorted(only - {d.doc_id for d in docs})
        raise SystemExit(f"{corpus}: no such document: {', '.join(missing)}")
    return docs


# --------------------------------------------------------------------------- variants
#
# The converter is judged on other documents than these 30. A variant rewrites every document of the
# corpus in a way that the transcript conventions allow and that leaves the ground truth exact (no offset
# moves), so that the scores show whether the converter depends on a detail of these 30 texts.


def _map_strings(obj, fn):
    if isinstance(obj, str):
        return fn(obj)
    if isinstance(obj, list):
        return [_map_strings(x, fn) for x in obj]
    if isinstance(obj, dict):
        return {k: _map_strings(v, fn) for k, v in obj.items()}
    return obj


STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def variant_straight_quotes(doc: GoldDoc) -> GoldDoc:
    """Typographic quotation marks and apostrophes replaced by straight ones (one character for one)."""
    fix = lambda s: s.translate(STRAIGHT)  # noqa: E731
    return GoldDoc(doc.doc_id, fix(doc.text), _map_strings(doc.gt, fix))


def variant_renumber_notes(doc: GoldDoc) -> GoldDoc | None:
    """Footnotes renumbered to the other convention: a source note ``[1]`` becomes ``[0]`` (as in the
    1958–60 volume) and a ``[0]`` becomes ``[1]``. Documents whose numbers would change length are left
    out (None)."""
    ns = [int(n["n"]) for n in doc.gt.get("notes", [])]
    if not ns:
        return doc
    shift = 1 if min(ns) == 0 else -1
    if any(len(str(n)) != len(str(n + shift)) for n in ns):
        return None
    marker = lambda s: re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + shift}]", s)  # noqa: E731
    text = marker(doc.text)

    def fix(v: str) -> str:
        m = re.fullmatch(r"note:(\d+)", v)
        if m:
            return f"note:{int(m.group(1)) + shift}"
        return marker(v)

    gt = _map_strings(doc.gt, fix)
    for n in gt.get("notes", []):
        n["n"] = str(int(n["n"]) + shift)
    return GoldDoc(doc.doc_id, text, gt)


#: words that end person spans but are offices or titles, not surnames
NOT_SURNAMES = frozenset(
    "President Secretary Chairman Ambassador Minister Chancellor Premier King Queen Prince Pope General "
    "Admiral Director Senator Governor Mayor Attorney Vice Deputy Under Assistant Foreign Prime".split()
)


def pseudonym(name: str) -> str:
    """A made-up surname of the same length: the capital kept, the other letters reversed and shifted
    ("Dobrynin" -> "Dupufyiv"), so that no list holds it and no offset moves."""
    rest = "".join(chr((ord(c) - 97 + 7) % 26 + 97) if "a" <= c <= "z" else c for c in reversed(name[1:]))
    return name[0] + rest


def variant_rename_persons(doc: GoldDoc) -> GoldDoc:
    """Every surname of the ground-truth persons (the last word of each person span, if capitalised and
    not an office) replaced everywhere, as a whole word, by a pseudonym of the same length: speaker
    labels, participants and names then have to be found without the name lists."""
    names = set()
    for p in doc.gt.get("persons", []):
        ws = re.findall(r"[A-Z][a-z]{2,}", p["text"])
        if ws and ws[-1] not in NOT_SURNAMES:
            names.add(ws[-1])
    for u in doc.gt.get("utterances", []):
        ws = re.findall(r"[A-Z][a-z]{2,}", u["speaker_label"])
        if ws and ws[-1] not in NOT_SURNAMES:
            names.add(ws[-1])
    if not names:
        return doc
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")(?![\w-])")
    fix = lambda s: pattern.sub(lambda m: pseudonym(m.group(1)), s)  # noqa: E731
    return GoldDoc(doc.doc_id, fix(doc.text), _map_strings(doc.gt, fix))


VARIANTS: dict[str, Callable[[GoldDoc], GoldDoc | None]] = {
    "straight-quotes": variant_straight_quotes,
    "renumber-notes": variant_renumber_notes,
    "rename-persons": variant_rename_persons,
}


def apply_variant(docs: list[GoldDoc], name: str) -> list[GoldDoc]:
    out = []
    for d in docs:
        v = VARIANTS[name](d)
        if v is not None:
            out.append(v)
    return out


#: the converter's name lists (gazetteers) that --held-out-names filters
NAME_LISTS = ("persons.tsv", "places.tsv", "organisations.tsv")


def hold_out_names(package: Path, texts: list[str], lists: Iterable[str] = NAME_LISTS) -> dict[str, int]:
    """Remove from the converter's name lists (``edition_tools/convert/data/<list>`` under ``package``)
    every entry with a form that occurs in ``texts``: the converter then knows none of the corpus's
    names in advance, as on documents from other volumes whose persons its lists do not hold.
    A line is an entry; its fields after the first (the id) are forms separated by ``|`` (a leading
    ``+`` is a marker, not part of the form); forms that start with a capital letter are looked for as
    whole words. Returns {list: entries removed}."""
    joined = "\n".join(texts)
    removed: dict[str, int] = {}
    for name in lists:
        path = package / "edition_tools" / "convert" / "data" / name
        if not path.exists():
            continue
        keep, n = [], 0
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            if line.startswith("#") or not line.strip():
                keep.append(line)
                continue
            forms = [f.strip().lstrip("+") for field_ in line.rstrip("\n").split("\t")[1:] for f in field_.split("|")]
            if any(f[:1].isupper() and re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", joined) for f in forms):
                n += 1
                continue
            keep.append(line)
        path.write_text("".join(keep), encoding="utf-8")
        removed[name] = n
    return removed


def run_held_out(args, argv: list[str]) -> int:
    """Copy the package, hold out the corpus's names, and run this script on the copy."""
    docs = load_corpus(args.corpus)
    with tempfile.TemporaryDirectory(prefix="frus-heldout-") as tmp:
        copy_root = Path(tmp)
        shutil.copytree(ROOT / "edition_tools", copy_root / "edition_tools", ignore=shutil.ignore_patterns("__pycache__"))
        if (ROOT / "schema").is_dir():  # the project's validator reads its schema from there
            shutil.copytree(ROOT / "schema", copy_root / "schema")
        (copy_root / "benchmarks").mkdir()
        shutil.copy2(Path(__file__), copy_root / "benchmarks" / "frus_eval.py")
        removed = hold_out_names(copy_root, [d.text for d in docs])
        print("Held-out names: removed from the converter's lists every entry named in the corpus: "
              + ", ".join(f"{k} {v}" for k, v in removed.items()), flush=True)
        rest = [a for a in argv if a != "--held-out-names"]
        if "--corpus" not in rest:
            rest += ["--corpus", str(args.corpus)]
        if "--rng" not in rest:
            rest += ["--rng", str(args.rng)]
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        proc = subprocess.run([sys.executable, str(copy_root / "benchmarks" / "frus_eval.py"), *rest], cwd=tmp, env=env)
        return proc.returncode


def convert_one(item: tuple[str, str]) -> tuple[str, bytes | None, str, float]:
    """Convert one transcript; returns (id, serialized TEI or None, error message, seconds)."""
    doc_id, text = item
    from edition_tools.convert.api import convert_text

    t0 = time.perf_counter()
    try:
        tree, _doc = convert_text(text, f"{doc_id}.txt")
        data = serialize(tree)
    except Exception as exc:  # the harness reports every converter failure and goes on
        return doc_id, None, f"{type(exc).__name__}: {exc}", time.perf_counter() - t0
    return doc_id, data, "", time.perf_counter() - t0


JING_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>[a-z ]+): (?P<msg>.*)$")


def jing_check(files: dict[str, Path], rng: Path = TEI_ALL_RNG) -> dict[str, list[str]] | None:
    """Validate all files with one jing run; {id: [messages]} (empty list = valid); None without jing."""
    jing = shutil.which("jing")
    if jing is None or not rng.exists() or not files:
        return None
    proc = subprocess.run([jing, str(rng), *map(str, files.values())], capture_output=True, text=True, timeout=900)
    by_path = {str(p): doc_id for doc_id, p in files.items()}
    errors: dict[str, list[str]] = {doc_id: [] for doc_id in files}
    for line in proc.stdout.splitlines() + proc.stderr.splitlines():
        m = JING_LINE.match(line)
        if m and m.group("path") in by_path:
            errors[by_path[m.group("path")]].append(f'{m.group("line")}:{m.group("col")}: {m.group("msg")}')
        elif line.strip() and proc.returncode not in (0, 1):
            for doc_id in errors:
                errors[doc_id].append(line)
    return errors


def apparatus(tree) -> dict[str, int]:
    """Counts of the converter's apparatus in ``text``, and of square brackets left in its words."""
    tei = TeiDoc.of(tree)
    counts = Counter()
    if tei.text_el is None:
        return {}
    for el in tei.text_el.iter():
        if not isinstance(el.tag, str):
            continue
        if is_conversion_note(el):
            counts["conversion_notes"] += 1
        elif el.get("cert") in ("low", "medium") and not in_conversion_note(el):
            counts[f"cert_{el.get('cert')}"] += 1
    raw = "".join(t for t in tei.text_el.itertext())
    conv = "".join("".join(n.itertext()) for n in tei.text_el.iter(T("note")) if is_conversion_note(n))
    counts["brackets_left"] = raw.count("[") + raw.count("]") - conv.count("[") - conv.count("]")
    return dict(counts)


def project_check(results: list[DocResult], written: dict[str, Path]) -> bool:
    """Run the project's validator (its schema and integrity rules) over the outputs; set
    ``project_diagnostics`` and the ``project_rules`` feature (a document without errors). False when
    the validator is not available."""
    try:
        from edition_tools.validate import Validator
    except ImportError:
        return False
    by_path = {str(p): doc_id for doc_id, p in written.items()}
    found: dict[str, list] = defaultdict(list)
    try:
        diagnostics = Validator().validate_files(list(written.values()))
    except Exception as exc:  # an unusable project schema must not stop the evaluation
        print(f"warning: the project's validator could not run: {exc}", file=sys.stderr)
        return False
    for d in diagnostics:
        doc_id = by_path.get(str(d.path))
        if doc_id is not None:
            found[doc_id].append(d)
    for r in results:
        if r.doc_id not in written:
            continue
        diags = found.get(r.doc_id, [])
        r.project_diagnostics = [f"{d.line}:{d.column}: {d.severity}: {d.message} [{d.code}]" for d in diags]
        errors = [d for d in diags if d.severity == "error"]
        f = Feature("project_rules", tp=int(not errors), fn=int(bool(errors)))
        for d in errors[:5]:
            f.problem("no error from `edition validate`", f"{d.line}:{d.column}: {d.message} [{d.code}]")
        r.features["project_rules"] = f
    return True


def evaluate(docs: list[GoldDoc], *, jobs: int = 1, jing: bool = True, outdir: Path | None = None,
             rng: Path = TEI_ALL_RNG, project_rules: bool = True) -> list[DocResult]:
    """Convert and score every document; validate all outputs with one jing run and with the
    project's own validator."""
    from edition_tools.parallel import run_many

    results: list[DocResult] = []
    written: dict[str, Path] = {}
    tmp = None
    if outdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="frus-eval-")
        outdir = Path(tmp.name)
    try:
        by_id = {d.doc_id: d for d in docs}
        for doc_id, data, error, seconds in run_many(convert_one, [(d.doc_id, d.text) for d in docs], jobs=jobs, label="converting"):
            d = by_id[doc_id]
            r = DocResult(doc_id, error=error, seconds=seconds, chars=len(d.text))
            if data is not None:
                try:
                    tree = parse_bytes(data, f"{doc_id}.xml")
                except Exception as exc:
                    r.error = f"output is not well-formed XML: {exc}"
                else:
                    r.text_check = check_text(tree, d.text)
                    r.features = score_document(tree, d.text, d.gt, r.text_check)
                    r.apparatus = apparatus(tree)
                    path = outdir / f"{doc_id}.xml"
                    write_atomic(path, data)
                    written[doc_id] = path
            results.append(r)
        if project_rules:
            project_check(results, written)
        if jing:
            errs = jing_check(written, rng)
            if errs is not None:
                for r in results:
                    if r.doc_id in errs:
                        r.valid = not errs[r.doc_id]
                        r.validity_errors = errs[r.doc_id]
                        v = Feature("valid", tp=int(r.valid), fn=int(not r.valid))
                        if not r.valid:
                            v.problem("valid against tei_all", "; ".join(r.validity_errors[:3]))
                        r.features["valid"] = v
    finally:
        if tmp is not None:
            tmp.cleanup()
    return results


def micro(results: list[DocResult]) -> dict[str, Feature]:
    """Sum the counts of every feature over the documents (documents that failed are not included:
    see :func:`failed_ground_truth`)."""
    total = {name: Feature(name) for name in FEATURES}
    for r in results:
        for name, f in r.features.items():
            total[name].add(f)
    return total


def failed_ground_truth(results: list[DocResult], docs: list[GoldDoc], total: dict[str, Feature]) -> None:
    """Charge documents that raised (no output) with all their ground-truth items as misses (and as
    invalid when the others were validated)."""
    validated = any(r.valid is not None for r in results)
    rules_checked = any("project_rules" in r.features for r in results)
    by_id = {d.doc_id: d for d in docs}
    empty = etree.ElementTree(etree.Element(f"{{{TEI_NS}}}TEI"))
    for r in results:
        if r.error:
            d = by_id[r.doc_id]
            for name, f in score_document(empty, d.text, d.gt).items():
                total[name].fn += f.fn
            if validated:
                total["valid"].fn += 1
            if rules_checked:
                total["project_rules"].fn += 1


# --------------------------------------------------------------------------- printing


def fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}".lstrip("0").rjust(4) if x < 1 else "1.00"


SHORT = {
    "div_type": "type", "heading": "head", "dateline": "dtln", "dateline_when": "when", "blocks": "blks", "block_text": "btxt",
    "notes": "note", "note_text": "ntxt", "note_type": "ntyp", "note_anchor": "nanc", "sic": "sic",
    "insertions": "ins", "omission": "omit", "not_declassified": "ndcl", "supplied_text": "supp",
    "turns": "turn", "speaker_labels": "slab", "speaker_who": "who", "who_ref": "wref", "non_speech": "nspc",
    "persons": "pers", "persons_loose": "prsl", "person_ref": "pref", "places": "plac", "dates": "date", "lists": "list", "list_items": "litm",
    "signed": "sign", "text": "text", "valid": "vald", "project_rules": "prj",
}


def print_report(results: list[DocResult], docs: list[GoldDoc], wall: float, out=None) -> dict[str, Feature]:
    w = (out or sys.stdout).write
    w("F1 per document (- = feature absent from ground truth and output; legend below)\n")
    w(f"{'document':<24}" + " ".join(f"{SHORT[n]:>4}" for n in FEATURES) + "\n")
    for r in results:
        if r.error:
            w(f"{r.doc_id:<24} FAILED: {short(r.error, 150)}\n")
            continue
        w(f"{r.doc_id:<24}" + " ".join(fmt(r.features[n].f1 if n in r.features and r.features[n].applicable else None) for n in FEATURES) + "\n")
    total = micro(results)
    failed_ground_truth(results, docs, total)
    w("\nCorpus (micro-averaged)\n")
    w(f"{'feature':<17}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>7}{'R':>7}{'F1':>7}\n")
    for n in FEATURES:
        f = total[n]
        w(f"{n:<17}{f.tp:>6}{f.fp:>6}{f.fn:>6}{fmt(f.precision):>7}{fmt(f.recall):>7}{fmt(f.f1):>7}\n")
    w("legend: " + ", ".join(f"{v}={k}" for k, v in SHORT.items()) + "\n")
    by_cat: dict[str, dict[str, Feature]] = defaultdict(lambda: {n: Feature(n) for n in FEATURES})
    gold_by_id = {d.doc_id: d for d in docs}
    for r in results:
        cat = (gold_by_id[r.doc_id].gt.get("selection_reason") or "other").split("+")[0]
        for n, f in r.features.items():
            by_cat[cat][n].add(f)
    w("\nF1 by document category (micro-averaged within the category)\n")
    w(f"{'category':<16}" + " ".join(f"{SHORT[n]:>4}" for n in FEATURES) + "\n")
    for cat in sorted(by_cat):
        fs = by_cat[cat]
        w(f"{cat:<16}" + " ".join(fmt(fs[n].f1 if fs[n].applicable else None) for n in FEATURES) + "\n")
    w("\nLargest losses (features by fp + fn; the documents that lose most; first problem in each)\n")
    ranked = sorted((n for n in FEATURES if total[n].fp + total[n].fn), key=lambda n: -(total[n].fp + total[n].fn))
    for n in ranked:
        w(f"  {n}: fp {total[n].fp} fn {total[n].fn}\n")
        worst = sorted((r for r in results if n in r.features and r.features[n].fp + r.features[n].fn),
                       key=lambda r: -(r.features[n].fp + r.features[n].fn))
        for r in worst[:3]:
            f = r.features[n]
            first = f.problems[0] if f.problems else Problem("", "")
            example = f"{short(first.expected, 50) or '—'} => {short(first.got, 60) or '—'}"
            w(f"    {r.doc_id} (fp {f.fp} fn {f.fn}): {example}\n")
    if not ranked:
        w("  none\n")
    errors = [r for r in results if r.error]
    lost = [r for r in results if r.text_check and not r.text_check.ok]
    w(f"\nFailures: {len(errors)} conversion error(s), {len(lost)} text-check failure(s)\n")
    for r in errors:
        w(f"  {r.doc_id}: {r.error}\n")
    for r in lost:
        w(f"  {r.doc_id}: {r.text_check.message}\n")
    proj = [r for r in results if "project_rules" in r.features]
    if proj:
        sev = Counter(m.split(": ", 2)[1] for r in proj for m in r.project_diagnostics)
        rules = Counter(m.rsplit("[", 1)[-1].rstrip("]") for r in proj for m in r.project_diagnostics)
        w(f"Project validator (edition validate): {sum(1 for r in proj if r.features['project_rules'].tp)}/{len(proj)} "
          f"without errors; {sev['error']} error(s), {sev['warning']} warning(s)"
          + (" by rule: " + ", ".join(f"{k} {v}" for k, v in sorted(rules.items())) if rules else "") + "\n")
    checked = [r for r in results if r.valid is not None]
    if checked:
        bad = [r for r in checked if not r.valid]
        w(f"Validity (jing, tei_all): {len(checked) - len(bad)}/{len(checked)} valid\n")
        for r in bad:
            w(f"  {r.doc_id}: {len(r.validity_errors)} error(s), first: {short(r.validity_errors[0], 200) if r.validity_errors else ''}\n")
    else:
        w("Validity: not checked (jing or tei_all.rng missing, or --no-jing)\n")
    app = Counter()
    for r in results:
        app.update(r.apparatus)
    w(f"Converter apparatus in the texts: {app['conversion_notes']} conversion note(s), {app['cert_low']} @cert=low, "
      f"{app['cert_medium']} @cert=medium; {app['brackets_left']} square bracket(s) left in the text")
    left = [f"{r.doc_id} ({r.apparatus['brackets_left']})" for r in results if r.apparatus.get("brackets_left")]
    w((": " + ", ".join(left) if left else "") + "\n")
    conv = [r for r in results if not r.error]
    secs = sum(r.seconds for r in results)
    chars = sum(r.chars for r in conv)
    if results:
        slowest = max(results, key=lambda r: r.seconds)
        times = sorted(r.seconds for r in results)
        median = times[len(times) // 2]
        w(f"Timing: {len(results)} documents converted (and serialized) in {secs:.2f} s summed over documents "
          f"({chars / secs / 1000 if secs else 0:.0f} k chars/s); per document median {median * 1000:.0f} ms, "
          f"slowest {slowest.doc_id} {slowest.seconds * 1000:.0f} ms (the first document also pays for imports); "
          f"{wall:.2f} s wall in all, scoring and jing included\n")
    return total


def print_diff(result: DocResult, out=None, width: int = 70) -> None:
    """Ground truth vs output, side by side, for every feature that is not perfect in one document."""
    w = (out or sys.stdout).write
    w(f"{result.doc_id}\n")
    if result.error:
        w(f"  conversion failed: {result.error}\n")
        return
    for name in FEATURES:
        f = result.features.get(name)
        if f is None or not f.applicable or (f.fp == 0 and f.fn == 0):
            continue
        w(f"\n== {name}: tp {f.tp} fp {f.fp} fn {f.fn}  (P {fmt(f.precision)} R {fmt(f.recall)})\n")
        w(f"   {'ground truth':<{width}} | converter output\n")
        for p in f.problems[:40]:
            left = textwrap.wrap(p.expected, width) or [""]
            right = textwrap.wrap(p.got + (f"  [{p.why}]" if p.why else ""), width) or [""]
            for k in range(max(len(left), len(right))):
                w(f"   {left[k] if k < len(left) else '':<{width}} | {right[k] if k < len(right) else ''}\n")
        if len(f.problems) > 40:
            w(f"   … {len(f.problems) - 40} more\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="Example:\n  python benchmarks/frus_eval.py\n  python benchmarks/frus_eval.py --diff frus1964-68v14_d43")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of <id>.txt + <id>.json (default: %(default)s)")
    ap.add_argument("--doc", action="append", default=[], metavar="ID", help="only this document (repeatable)")
    ap.add_argument("--diff", metavar="ID", help="print ground truth vs output for the failing features of one document")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--jobs", type=int, default=1, help="conversion processes (default 1)")
    ap.add_argument("--no-jing", action="store_true", help="skip validation against tei_all")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="write the converted TEI to DIR")
    ap.add_argument("--variant", choices=sorted(VARIANTS),
                    help="score a rewritten corpus: straight quotes, footnotes renumbered, or made-up surnames")
    ap.add_argument("--held-out-names", action="store_true",
                    help="run on a copy of the converter whose name lists hold none of the corpus's names "
                         "(an estimate for documents of other volumes)")
    ap.add_argument("--rng", type=Path, default=TEI_ALL_RNG, help="RELAX NG schema to validate against (default: %(default)s)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such folder: pass --corpus DIR (the FRUS development corpus)", file=sys.stderr)
        return 2
    if args.held_out_names:
        return run_held_out(args, list(sys.argv[1:] if argv is None else argv))
    only = [args.diff] if args.diff else args.doc
    docs = load_corpus(args.corpus, only)
    if args.variant:
        docs = apply_variant(docs, args.variant)
    try:
        import edition_tools.convert.api  # noqa: F401
    except ImportError as exc:
        print(f"error: the converter is not available ({exc}); expected edition_tools.convert.api.convert_text", file=sys.stderr)
        return 1
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    results = evaluate(docs, jobs=args.jobs, jing=not args.no_jing, outdir=args.keep, rng=args.rng)
    wall = time.perf_counter() - t0
    if args.diff:
        print_diff(results[0])
        return 0
    if args.json:
        total = micro(results)
        failed_ground_truth(results, docs, total)
        json.dump({"documents": [r.as_dict(problems=True) for r in results],
                   "corpus": {n: f.as_dict(problems=False) for n, f in total.items()},
                   "wall_seconds": round(wall, 3)}, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    print_report(results, docs, wall)
    return 0


if __name__ == "__main__":
    sys.exit(main())
