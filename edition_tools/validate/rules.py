"""The integrity rules R01–R18, checked over a parsed document.

The same rules (except the parts listed in ``messages.PYTHON_ONLY_PARTS``) exist as ISO
Schematron in ``schema/histdocs-rules.sch``; the tests check that both agree on the fixtures.
This module is what ``edition validate`` runs: ``_Scan`` reads every element's attributes in one
loop and visits the elements the rules name (lxml picks them out in C). That is several times
faster than XPath queries or the Schematron's XSLT on large files (libxml2 walks the tree once per
attribute query and slowly per template), and Python can compare dates and several files.

A valid document costs little more than that scan: the scan keeps only what a rule could object
to (an element without text of its own, the pointer values, the dates), the pointer rules first
compare sets of ids and look at elements only when some pointer is wrong, dates are parsed once
per value, and the text checks first look for a suspect character in the whole text at once.

Each check returns :class:`~edition_tools.diagnostics.Diagnostic` values pointing at the element
at fault; :func:`check_edition` runs the rules that need every file of the edition.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from ..diagnostics import Diagnostic
from ..xmlio import TEI_NS, XML_ID, XML_LANG, local_name, text_of
from .messages import RULES

#: Years a date in the text may fall in (the corpus window); change per edition.
DATE_WINDOW = (1900, 2000)

POINTER_ATTRS = ("who", "ref", "resp", "target", "corresp", "next", "prev", "source", "rendition", "scheme")
SUPPLIED_REASONS = ("implicit-in-original", "clarification", "omitted-in-original", "illegible", "damage")
NOT_EMPTY = (
    "p head said q quote soCalled foreign persName placeName orgName supplied sic corr seg title term signed byline"
).split()
AGENTS = {"person", "personGrp", "org"}
NAME_TARGET = {"persName": {"person", "personGrp"}, "placeName": {"place"}, "orgName": {"org"}, "rs": {"person", "personGrp", "place", "org"}}
QUOTE_MARKS = "“”„«»"
DATE_ATTRS = ("when", "notBefore", "notAfter", "from", "to")

Locate = Callable[[etree._Element], "tuple[int, int]"]

_HYPHEN_RE = re.compile(r"[^\W\d_]{2,}- [a-z]")
_ISO_RE = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$")
_T = "{%s}" % TEI_NS
_POINTER_SET = frozenset(POINTER_ATTRS)
#: what the scan does with an attribute, by name (attributes not named here are skipped)
_ATTRIBUTE_ROLE = dict.fromkeys(POINTER_ATTRS, "pointer") | {
    "next": "next", "prev": "prev", "who": "who", XML_ID: "id", XML_LANG: "lang", "cert": "cert"}
_NAMES = frozenset(("persName", "placeName", "orgName"))
_NOT_EMPTY = frozenset(NOT_EMPTY)
_DATE_ATTR_SET = frozenset(DATE_ATTRS)
#: elements whose text is the editors', not the source's: the text checks (R14, R15) skip them
_NOT_TRANSCRIBED = frozenset(("note", "desc"))
_COLLECT = _NOT_EMPTY | {"said", "q", "sp", "setting", "rs", "sic", "corr", "supplied", "note", "date", "foreign", "person"}
_COLLECT_TAGS = tuple(_T + n for n in sorted(_COLLECT))


#: text the text checks (R14, R15) must look at; with quotation marks="none", also quotation marks
_SUSPECT = re.compile(r"[\[\]\u00ad]|[^\W\d_]{2}- [a-z]")  # {2}, not {2,}: linear time, same matches
_SUSPECT_OR_QUOTE = re.compile(r"[\[\]\u00ad" + QUOTE_MARKS + r"]|[^\W\d_]{2}- [a-z]")
_DASH_SPACE_LOWER = re.compile(r"- [a-z]")  # starts with a literal: the regex engine skips ahead fast
_TWO_LETTERS = re.compile(r"[^\W\d_]{2}")
_STRING = etree.XPath("string(.)")
_LOCAL: dict[str, str] = {tag: tag[len(_T):] for tag in _COLLECT_TAGS}


def _local(tag) -> str:
    """Local name of a TEI tag ("" for other namespaces), memoised."""
    name = _LOCAL.get(tag)
    if name is None:
        name = tag[len(_T):] if isinstance(tag, str) and tag.startswith(_T) else ""
        if isinstance(tag, str):
            _LOCAL[tag] = name
    return name


class _Scan:
    """What the rules look at, gathered in two walks over the elements: one reads every element's
    attributes, the other visits only the elements the rules name (lxml picks them out in C)."""

    def __init__(self, root: etree._Element, header: dict[str, list]):
        self.ids: dict[str, etree._Element] = {}
        self.by_name: dict[str, list] = {n: [] for n in _COLLECT}
        self.pointer_values: list[str] = []  # values of all pointer attributes
        self.unlinked_names: list = []  # persName/placeName/orgName in the text without @ref
        self.text_dates: list = []
        self.maybe_empty: list = []  # elements that must not be empty and have no text before a child
        self.text_langs: list = []
        self.nexts: list = []
        self.prevs: list = []
        self.low_conv: list = []
        self.text_who = False
        self.no_marks = any(q.get("marks") == "none" for q in header["quotation"])
        self.text_el = _first(root, "text")
        for part in root:
            if part is not self.text_el:
                self._attributes(part, False)
                self._elements(part, False)
        if self.text_el is not None:
            self._attributes(self.text_el, True)
            self._elements(self.text_el, True)

    def _attributes(self, top: etree._Element, in_text: bool) -> None:
        ids, pointer_values, role_of = self.ids, self.pointer_values, _ATTRIBUTE_ROLE.get
        for el in top.iter():
            for k, v in el.items():
                role = role_of(k)
                if role is None:
                    continue
                if role == "pointer":  # the most frequent by far
                    pointer_values.append(v)
                elif role == "id":
                    ids.setdefault(v, el)
                elif role == "next":
                    pointer_values.append(v)
                    self.nexts.append(el)
                elif role == "prev":
                    pointer_values.append(v)
                    self.prevs.append(el)
                elif role == "who":
                    pointer_values.append(v)
                    self.text_who = self.text_who or in_text
                elif role == "lang":
                    if in_text:
                        self.text_langs.append(el)
                elif v == "low" and "#conv" in (el.get("resp") or "").split():  # role == "cert"
                    self.low_conv.append(el)

    def _elements(self, top: etree._Element, in_text: bool) -> None:
        by_name, maybe_empty = self.by_name, self.maybe_empty
        for el in top.iter(_COLLECT_TAGS):
            name = _LOCAL[el.tag]
            by_name[name].append(el)
            if name in _NOT_EMPTY:
                t = el.text
                if not t or t.isspace():
                    maybe_empty.append(el)
            if in_text:
                if name == "date":
                    self.text_dates.append(el)
                elif name in _NAMES and el.get("ref") is None and not _inside_name(el):
                    self.unlinked_names.append(el)


def _suspect_text(top: etree._Element, search) -> list[tuple[str, etree._Element, bool]]:
    """Text nodes under ``top`` in which ``search`` finds something: (text, owner element, True if
    outside notes and gap descriptions)."""
    found = []
    for el in top.iter():
        if not isinstance(el.tag, str):  # comment or processing instruction: only its tail is text
            t = el.tail
            if t and search(t):
                parent = el.getparent()
                found.append((t, parent, _transcribed(parent)))
            continue
        t = el.text
        if t and search(t):
            found.append((t, el, _transcribed(el)))
        if el is not top:
            t = el.tail
            if t and search(t):
                parent = el.getparent()
                found.append((t, parent, _transcribed(parent)))
    return found


def _may_be_suspect(text: str, no_marks: bool) -> bool:
    """False only if no text node in ``text`` (all of them, joined) can match the text checks."""
    if "[" in text or "]" in text or "\u00ad" in text or (no_marks and any(q in text for q in QUOTE_MARKS)):
        return True
    return any(_TWO_LETTERS.fullmatch(text, max(m.start() - 2, 0), m.start()) for m in _DASH_SPACE_LOWER.finditer(text))


def _transcribed(el) -> bool:
    """False if ``el`` is, or is inside, a note or a gap description (the editors' words)."""
    while el is not None:
        if _local(el.tag) in _NOT_TRANSCRIBED:
            return False
        el = el.getparent()
    return True


def _inside_name(el) -> bool:
    p = el.getparent()
    while p is not None:
        if _local(p.tag) in _NAMES:
            return True
        p = p.getparent()
    return False


def _has_content(el) -> bool:
    """True if ``el`` has non-blank text or a gap outside any note, or holds the source's own inline
    editorial remark (a turn that is only "[Gives Labor Department report.]")."""
    t = el.text
    if t and not t.isspace():
        return True
    for c in el:
        tag = c.tag
        if tag == _T + "gap":
            return True
        if tag == _T + "note" and c.get("type") == "editorial" and c.get("place") == "inline" and "".join(c.itertext()).strip():
            return True
        if tag != _T + "note" and isinstance(tag, str) and _has_content(c):
            return True
        t = c.tail
        if t and not t.isspace():
            return True
    return False


@dataclass
class FileFacts:
    """What the cross-file rules need to know about one file (small, picklable)."""

    path: str
    doc_ids: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, value, line)
    persons: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # (xml:id, names, line)


class _Out:
    def __init__(self, path: str, locate: Locate):
        self.path = path
        self.locate = locate
        self.diags: list[Diagnostic] = []

    def add(self, rule_id: str, el, message: str, severity: str | None = None, hint: str | None = None) -> None:
        rule = RULES[rule_id]
        line, col = self.locate(el) if el is not None else (1, 1)
        self.diags.append(Diagnostic(self.path, line, col, severity or rule.severity, message, rule_id, rule.hint if hint is None else hint))


def _name(el) -> str:
    return _LOCAL.get(el.tag) or local_name(el)


def _pointers(value: str) -> list[str]:
    if " " not in value:  # the common case: one pointer
        return [value[1:]] if value.startswith("#") and len(value) > 1 else []
    return [t[1:] for t in value.split() if t.startswith("#") and len(t) > 1]


def _targets(values: list[str]) -> set[str]:
    """The ids pointed at by pointer attribute ``values`` (each read as :func:`_pointers` reads it)."""
    joined = " ".join(values)
    if joined.isprintable():  # no tab, newline or other space than " ": split all values at once
        return {t[1:] for t in set(joined.split(" ")) if len(t) > 1 and t[0] == "#"}
    return {p for v in values for p in _pointers(v)}


def _points_elsewhere(values: list[str], ids: dict[str, etree._Element], kinds) -> bool:
    """True if a pointer in ``values`` resolves to an element that is not one of ``kinds``."""
    return bool(values) and any(p in ids and _name(ids[p]) not in kinds for p in _targets(values))


def _pointer_attributes(root: etree._Element, text_el) -> list[tuple[etree._Element, str, str]]:
    """(element, attribute, value) of each pointer attribute containing "#", header parts first."""
    parts = [c for c in root if c is not text_el] + ([text_el] if text_el is not None else [])
    return [(el, k, v) for part in parts for el in part.iter(etree.Element)
            for k, v in el.items() if k in _POINTER_SET and "#" in v]


def parse_iso(value: str) -> tuple[int | None, int | None, int | None] | None:
    """``"1961-04-22"`` -> (1961, 4, 22); ``"--04-22"`` -> (None, 4, 22); None if not one of the
    four forms or not a real calendar date."""
    m = _ISO_RE.match(value.strip())
    if not m:
        return None
    if m.group(4):
        y, mo, d = None, int(m.group(4)), int(m.group(5))
    else:
        y = int(m.group(1))
        mo = int(m.group(2)) if m.group(2) else None
        d = int(m.group(3)) if m.group(3) else None
    if mo is not None and not 1 <= mo <= 12:
        return None
    if d is not None:
        try:
            _dt.date(y if y is not None else 2000, mo, d)  # 2000 is a leap year: --02-29 is valid
        except ValueError:
            return None
    return y, mo, d


#: parse_iso for the rules: the same dates recur within and across files (bounded, so memory stays flat)
_parse_date = functools.lru_cache(maxsize=4096)(parse_iso)


def _key(parts, low: bool) -> tuple:
    y, mo, d = parts
    return (y, mo if mo is not None else (1 if low else 12), d if d is not None else (1 if low else 31))


def _date_problems(values: dict[str, str], creation, date_window) -> list[tuple[str, str, str | None, str | None]]:
    """R07/R08 for a date in the text with these (non-empty) date attributes: (rule, message, severity, hint)."""
    problems = []
    lo_year, hi_year = date_window
    parsed = {}
    for a in DATE_ATTRS:
        if a not in values:
            continue
        v = values[a]
        p = _parse_date(v)
        if p is None:
            problems.append(("R07", f"date/@{a}=\"{v}\" is not a valid date (YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD)", None, None))
        elif p[0] is not None and not lo_year <= p[0] <= hi_year:
            problems.append(("R07", f"date/@{a}=\"{v}\" is outside the edition's years {lo_year}–{hi_year}", None, None))
        else:
            parsed[a] = p
    for a, b in (("notBefore", "notAfter"), ("from", "to")):
        if a in parsed and b in parsed and parsed[a][0] is not None and parsed[b][0] is not None:
            if _key(parsed[a], True) > _key(parsed[b], False):
                problems.append(("R07", f"date/@{a}=\"{values[a]}\" is later than @{b}=\"{values[b]}\"", None, None))
    w = parsed.get("when")
    if creation and w and None not in w and w > creation:
        problems.append(("R08", f"date/@when=\"{values['when']}\" is later than the document's creation date {_iso(creation)}: probably a wrongly inferred year",
                         None, "check the year; if it is right, ignore this warning"))
    return problems


def _in_footnote(el: etree._Element) -> bool:
    return any(a.get("place") == "foot" for a in el.iterancestors(_T + "note"))


def check_document(tree: etree._ElementTree, path: str, locate: Locate, *, date_window=DATE_WINDOW) -> tuple[list[Diagnostic], FileFacts]:
    """Run R01–R16 on one TEI document; also collect the facts the cross-file rules need."""
    root = tree.getroot()
    out = _Out(path, locate)
    facts = FileFacts(path)
    header_parts = _header_parts(root)
    scan = _Scan(root, header_parts)
    ids = scan.ids
    by = scan.by_name

    # R01 pointers resolve
    if not _targets(scan.pointer_values) <= ids.keys():
        for el, attr, value in _pointer_attributes(root, scan.text_el):
            missing = [p for p in _pointers(value) if p not in ids]
            if missing:
                which = ", ".join("#" + m for m in missing)
                out.add("R01", el, f"{_name(el)}/@{attr} points to {which}, but no element in this file has xml:id=\"{missing[0]}\"")

    # R02 @who points to an agent
    if _points_elsewhere([el.get("who") or "" for name in ("said", "q", "sp", "setting") for el in by[name]], ids, AGENTS):
        for name in ("said", "q", "sp", "setting"):
            for el in by[name]:
                for p in _pointers(el.get("who") or ""):
                    t = ids.get(p)
                    if t is not None and _name(t) not in AGENTS:
                        out.add("R02", el, f"{_name(el)}/@who points to #{p}, which is a {_name(t)}, not a person or organisation")

    # R03 names point to the right kind of entry; names in the text without @ref
    for name in ("persName", "placeName", "orgName", "rs"):
        want = NAME_TARGET[name]
        if not _points_elsewhere([el.get("ref") or "" for el in by[name]], ids, want):
            continue
        for el in by[name]:
            ref = el.get("ref")
            if not ref:
                continue
            for p in _pointers(ref):
                t = ids.get(p)
                if t is not None and _name(t) not in want:
                    out.add("R03", el, f"{name}/@ref points to #{p}, which is a {_name(t)}; a {name} must point to a {' or '.join(sorted(want))}")
    for el in scan.unlinked_names:
        out.add("R03", el, f"the {_name(el)} \"{_short(text_of(el))}\" has no @ref: it is not linked to an entry in the header",
                severity="warning", hint="add ref=\"#id\" pointing to the person, place or org it names")

    # R04 sic
    for el in by["sic"]:
        if el.get("resp") is not None:
            continue
        parent = el.getparent()
        siblings = [c.tag for c in parent] if parent is not None and parent.tag == _T + "choice" else []
        paired = _T + "corr" in siblings and all(t in (_T + "sic", _T + "corr") for t in siblings if isinstance(t, str))
        if not paired:
            out.add("R04", el, "sic without a correction needs @resp (who flagged the error)")

    # R05 interventions carry @resp
    for el in by["corr"] + by["supplied"] + [n for n in by["note"] if n.get("type") in ("editorial", "identification", "originalTerm")]:
        if el.get("resp") is None:
            what = f"note type=\"{el.get('type')}\"" if _name(el) == "note" else _name(el)
            out.add("R05", el, f"{what} is an editorial intervention and needs @resp naming who made it")

    # R06 supplied/@reason
    for el in by["supplied"]:
        reason = el.get("reason")
        if reason is None:
            out.add("R06", el, "supplied needs @reason")
        elif reason not in SUPPLIED_REASONS:
            out.add("R06", el, f"supplied has reason=\"{reason}\", which is not one of the five reasons")

    # R07 / R08 dates
    creation = None
    for v in [d.get("when") for c in header_parts["creation"] for d in c.iter(_T + "date") if d.get("when")]:
        parsed = _parse_date(v)
        if parsed and None not in parsed:
            creation = parsed
            break
    verdicts: dict[tuple, list] = {}  # the problems of a set of date values; the same dates recur
    for el in scan.text_dates:
        values = tuple((k, v) for k, v in el.items() if k in _DATE_ATTR_SET)
        if not values:
            out.add("R08", el, f"the date \"{_short(text_of(el))}\" has no normalised value", hint="add when=\"YYYY-MM-DD\" (or notBefore/notAfter for an uncertain date)")
            continue
        if values not in verdicts:
            verdicts[values] = _date_problems(dict(values), creation, date_window)
        for rule_id, message, severity, hint in verdicts[values]:
            if rule_id == "R08" and _in_footnote(el):
                continue  # a footnote is written after the document: its dates may well be later
            out.add(rule_id, el, message, severity, hint)

    # R09 empty elements
    for el in scan.maybe_empty:
        if not _has_content(el):
            out.add("R09", el, f"{_name(el)} is empty")

    # R10 speech turns
    persons = {i: e for i, e in ids.items() if _name(e) in ("person", "personGrp")} if by["sp"] else {}
    for el in by["sp"]:
        who = el.get("who")
        if not who:
            out.add("R10", el, "sp needs @who: add who=\"#id\" naming the person speaking")
            continue
        speaker = _first(el, "speaker")
        targets = [persons[p] for p in _pointers(who) if p in persons]
        if speaker is not None and targets:
            label = _tokens(text_of(speaker, skip=("note",)))
            known = set()
            for t in targets:
                known |= _tokens(text_of(t)) | _tokens((t.get(XML_ID) or "").replace("_", " ").replace("-", " "))
            if label and not label & known and not _initials_of(text_of(speaker, skip=("note",)), targets):
                out.add("R10", speaker, f"the speaker label \"{_short(text_of(speaker))}\" shares no name with {who}",
                        severity="warning", hint="check that sp/@who names the person in the label")

    # R11 languages
    for el in by["foreign"]:
        if el.get(XML_LANG) is None:
            out.add("R11", el, "foreign needs @xml:lang naming the language (e.g. xml:lang=\"ru-Latn\")")
    declared = {(lang.get("ident") or "").lower() for lang in header_parts["language"]}
    for el in scan.text_langs:
        lang = el.get(XML_LANG)
        if lang.lower() not in declared:
            out.add("R11", el, f"the language \"{lang}\" is used in the text but not declared in profileDesc/langUsage")

    # R12 next/prev chains
    for el in scan.nexts:
        ps = _pointers(el.get("next"))
        t = ids.get(ps[0]) if ps else None
        if t is None:
            continue  # R01 reports the dangling pointer
        own = el.get(XML_ID)
        if t.tag != el.tag:
            out.add("R12", el, f"{_name(el)}/@next points to a {_name(t)}; the parts of a chain must be the same element")
        elif own is None or t.get("prev") != "#" + own:
            out.add("R12", el, f"{_name(el)}/@next points to #{ps[0]}, but that element's @prev does not point back" + ("" if own else " (this element has no xml:id)"))
        elif _name(el) == "said" and (el.get("who") or "").split() != (t.get("who") or "").split():
            out.add("R12", el, f"the parts of one speech must have the same @who (here \"{el.get('who')}\" and \"{t.get('who')}\")")
    for el in scan.prevs:
        ps = _pointers(el.get("prev"))
        t = ids.get(ps[0]) if ps else None
        own = el.get(XML_ID)
        if t is not None and t.tag == el.tag and (own is None or t.get("next") != "#" + own):
            out.add("R12", el, f"{_name(el)}/@prev points to #{ps[0]}, but that element's @next does not point back")

    # R13 publication
    if any(r.get("status") == "published" for r in header_parts["revisionDesc"]):
        for el in by["note"]:
            if el.get("type") == "conversion":
                out.add("R13", el, "the document is marked published but still has a conversion note: " + _short(text_of(el)))
        for el in scan.low_conv:
            out.add("R13", el, f"the document is marked published but this {_name(el)} is still a low-certainty guess of the converter")

    # R14 leftover [SIC] and brackets; R15 normalisation
    no_marks = scan.no_marks
    suspect: list[tuple[str, etree._Element, bool]] = []
    # the whole text at once first: most documents have nothing the text checks look for
    if scan.text_el is not None and _may_be_suspect(_STRING(scan.text_el), no_marks):
        suspect = _suspect_text(scan.text_el, (_SUSPECT_OR_QUOTE if no_marks else _SUSPECT).search)
    for t, el, transcribed in suspect:
        if "\u00ad" in t:
            out.add("R15", el, "soft hyphen (U+00AD) in the text")
        if not transcribed:
            continue
        if "[" in t or "]" in t:
            if "[sic]" in t.lower():
                out.add("R14", el, "literal \"[SIC]\" left in the text")
            else:
                out.add("R14", el, f"square bracket left in the text: \"{_around(t, '[]')}\"", severity="warning",
                        hint="encode the bracketed words as supplied, gap or note, or ignore this if the brackets are the source's own")
        if no_marks and any(c in t for c in QUOTE_MARKS):
            out.add("R15", el, f"quotation mark in the text, but the header declares quotation marks=\"none\": \"{_around(t, QUOTE_MARKS)}\"")
        if "- " in t:
            m = _HYPHEN_RE.search(t)
            if m:
                out.add("R15", el, f"\"{m.group(0)}\" looks like a word split at a line end", severity="warning",
                        hint="join the two halves (keep the hyphen only if the word is hyphenated anyway)")

    # R16 header completeness: participants, title, source, languages
    header = _first(root, "teiHeader")
    if scan.text_who and not header_parts["particDesc"]:
        out.add("R16", header if header is not None else root,
                "the text attributes speech with @who, but the header has no particDesc listing the people",
                hint="add profileDesc/particDesc/listPerson with a person for each speaker")
    where = header if header is not None else root
    if not any("".join(t.itertext()).strip() for t in header_parts["title"]):
        out.add("R16", where, "the header has no title (fileDesc/titleStmt/title)", hint="add <title> with the document's title to titleStmt")
    if not (header_parts["bibl"] or header_parts["msDesc"]):
        out.add("R16", where, "the header does not describe the source: sourceDesc needs a bibl or an msDesc", hint="describe the printed or web source in <bibl>, the archival original in <msDesc>")
    if not header_parts["language"]:
        out.add("R16", where, "the header does not declare the languages: add profileDesc/langUsage/language", hint='e.g. <langUsage><language ident="en">English</language></langUsage>')

    # facts for the cross-file rules
    if root.get(XML_ID):
        facts.doc_ids.append(("TEI/@xml:id", root.get(XML_ID), root.sourceline or 1))
    for el in [i for i in header_parts["idno"] if i.get("type") == "project"]:
        facts.doc_ids.append(("project idno", " ".join(text_of(el).split()), el.sourceline or 1))
    for el in [p for p in scan.by_name["person"] if p.get(XML_ID)]:
        names = tuple(sorted({_norm_name(_STRING(n)) for n in _kids(el, "persName")} - {""}))  # string() is text_of()
        facts.persons.append((el.get(XML_ID), names, el.sourceline or 1))
    return out.diags, facts


def check_edition(all_facts: list[FileFacts]) -> list[Diagnostic]:
    """R17 (document identifiers unique across the edition) and R18 (one person, one identifier)."""
    diags: list[Diagnostic] = []
    seen: dict[tuple[str, str], tuple[str, int]] = {}
    for f in all_facts:
        for kind, value, line in f.doc_ids:
            first = seen.setdefault((kind, value), (f.path, line))
            if first[0] != f.path:
                diags.append(Diagnostic(f.path, line, 1, "error", f"{kind} \"{value}\" is already used by {first[0]}:{first[1]}", "R17", RULES["R17"].hint))
    by_id: dict[str, tuple[str, tuple[str, ...], int]] = {}
    by_name: dict[str, tuple[str, str, int]] = {}
    for f in all_facts:
        for pid, names, line in f.persons:
            if pid in by_id:
                path0, names0, line0 = by_id[pid]
                if path0 != f.path and names and names0 and not _name_tokens(names) & _name_tokens(names0):
                    diags.append(Diagnostic(f.path, line, 1, "warning",
                                            f"person #{pid} is named {', '.join(names)} here but {', '.join(sorted(names0))} in {path0}:{line0}: one id for two people?",
                                            "R18", RULES["R18"].hint))
            else:
                by_id[pid] = (f.path, names, line)
            clashes: dict[tuple[str, str, int], list[str]] = {}
            for n in names:
                first = by_name.setdefault(n, (f.path, pid, line))
                if first[1] != pid:
                    clashes.setdefault(first, []).append(n)
            for (path0, pid0, line0), shared in clashes.items():
                where = f"line {line0}" if path0 == f.path else f"{path0}:{line0}"
                diags.append(Diagnostic(f.path, line, 1, "warning",
                                        f"person #{pid} has the same name (\"{shared[0]}\") as #{pid0} at {where}: one person, two ids?",
                                        "R18", RULES["R18"].hint))
    return diags


# ----------------------------------------------------------------------------- helpers


def _kids(el, *names: str) -> list:
    """The elements reached from ``el`` by child steps ``names`` (a cheap absolute path)."""
    level = [el]
    for n in names:
        tag = _T + n
        level = [c for p in level for c in p if c.tag == tag]
    return level


#: the header parts the rules read (below teiHeader), each known by its last step: no two share one
HEADER_PARTS = (
    "encodingDesc/editorialDecl/quotation", "profileDesc/creation", "profileDesc/langUsage/language", "profileDesc/particDesc",
    "revisionDesc", "fileDesc/titleStmt/title", "fileDesc/sourceDesc/bibl", "fileDesc/sourceDesc/msDesc", "fileDesc/publicationStmt/idno",
)
_HEADER_PARTS = etree.XPath(" | ".join("tei:teiHeader/" + "/".join(f"tei:{n}" for n in p.split("/")) for p in HEADER_PARTS),
                            namespaces={"tei": TEI_NS})


def _header_parts(root) -> dict[str, list]:
    """The elements at each of :data:`HEADER_PARTS` under ``root``, by last step, in document order
    (one XPath call for them all)."""
    parts: dict[str, list] = {p.rsplit("/", 1)[-1]: [] for p in HEADER_PARTS}
    for el in _HEADER_PARTS(root):
        parts[_local(el.tag)].append(el)
    return parts


def _first(el, name: str):
    for c in el:
        if c.tag == f"{{{TEI_NS}}}{name}":
            return c
    return None


def _initials_of(label: str, persons: list) -> bool:
    """Is the label the initials of one of the persons ("RR:" for "Rusk, Richard" or "Richard Rusk")?"""
    core = label.strip().rstrip(":.").strip()
    if not re.fullmatch(r"[A-Z]{2,3}", core):
        return False
    for person in persons:
        for name in person.iter(f"{{{TEI_NS}}}persName"):
            text = " ".join("".join(name.itertext()).split())
            if "," in text:  # catalogue form: surname, given names
                surname, given = text.split(",", 1)
                text = f"{given} {surname}"
            if "".join(w[0] for w in re.findall(r"[^\W\d_]+", text)).upper() == core:
                return True
    return False


def _tokens(s: str) -> set[str]:
    return {w for w in re.findall(r"[^\W\d_]+", s.lower()) if len(w) > 1}


@functools.lru_cache(maxsize=4096)  # the same people recur in every file of an edition (bounded: memory stays flat)
def _name_tokens(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for n in names for w in re.findall(r"[^\W\d_]{3,}", n))


def _norm_name(s: str) -> str:
    return " ".join(s.split()).casefold()


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def _around(s: str, chars: str, n: int = 20) -> str:
    i = min((s.find(c) for c in chars if c in s), default=0)
    return _short(s[max(0, i - n): i + n], 2 * n + 2)


def _iso(p) -> str:
    return f"{p[0]:04d}-{p[1]:02d}-{p[2]:02d}"
