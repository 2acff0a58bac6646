"""The teiHeader, from what the transcript says about itself and from the metadata sidecar.

Nothing is invented: a value that neither the transcript nor the sidecar gives is written as
``UNKNOWN`` (titles, names) or left out (dates, identifiers), so that an editor sees the gap and the
validator's header rule can ask for it.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any, Iterable

from lxml import etree

from .. import __version__
from ..xmlio import XML_ID, E
from .model import Document

UNKNOWN = "UNKNOWN"
SCHEME = "tag:edition-tools,2026:"

LANG_NAMES = {
    "en": "English", "ru": "Russian", "ru-Latn": "Russian (romanised)", "de": "German", "fr": "French",
    "es": "Spanish", "it": "Italian", "pl": "Polish", "cs": "Czech", "uk": "Ukrainian", "zh": "Chinese",
    "ja": "Japanese", "vi": "Vietnamese", "th": "Thai", "la": "Latin", "pt": "Portuguese",
    "zh-Latn": "Chinese (romanised)", "uk-Latn": "Ukrainian (romanised)", "ja-Latn": "Japanese (romanised)",
    "th-Latn": "Thai (romanised)",
}
LANG_CODES = {v.lower(): k for k, v in LANG_NAMES.items() if "-" not in k}

ARCHIVAL_RE = re.compile(
    r"^(?P<repo>[^,]{2,80}?),\s*(?:f|F)\.\s*(?P<fond>[\w-]+)[.,]?\s*(?:Op|op)\.\s*(?P<opis>[\w-]+)[.,]?\s*"
    r"(?:(?:P|p)\.\s*(?P<papka>[\w-]+)[.,]?\s*)?(?:D|d)\.\s*(?P<delo>[\w-]+)[.,]?\s*"
    r"(?:(?:ll?|L)\.\s*(?P<from>\d+)(?:\s*[-–]\s*(?P<to>\d+))?\.?)?"
)
_NAME = r"(?P<name>(?:[A-Z][\w’'-]*\.?)(?:\s+(?:[A-Z][\w’'-]*\.?|de|von|van|der|la))*)"
CONTRIB_RE = re.compile(r"[Cc]ontributed by " + _NAME)
TRANSL_RE = re.compile(r"[Tt]ranslated by " + _NAME)
RECORD_ID_FORM = re.compile(r"^\d+$")


def _p(text: str) -> etree._Element:
    return E("p", text=text)


def slug(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    if not s or not s[0].isalpha():
        s = "x_" + s
    return s[:40]


def parse_source_statement(statement: str) -> dict[str, Any]:
    """Archival reference and credits in a source line such as
    ``AVP RF, F. 0104. Op. 17, P. 118, D. 3. ll. 216-218. Contributed by … and translated by ….``"""
    out: dict[str, Any] = {}
    m = ARCHIVAL_RE.match(statement.strip())
    if m:
        out.update({k: v for k, v in m.groupdict().items() if v})
        out["shelfmark_text"] = statement[: m.end()].strip().rstrip(".")
    for rx, key in ((CONTRIB_RE, "contributor"), (TRANSL_RE, "translator")):
        mm = rx.search(statement)
        if mm:
            name = mm.group("name").strip()
            if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
                name = name[:-1]
            out[key] = name
    return out


def build_header(doc: Document, meta: dict[str, Any], entities: Iterable[Any], langs_used: set[str],
                 source_name: str, resp_ids: dict[str, str]) -> etree._Element:
    entities = list(entities)
    header = E("teiHeader")
    header.append(_file_desc(doc, meta, entities, source_name, resp_ids))
    header.append(_encoding_desc(doc, meta))
    header.append(_profile_desc(doc, meta, entities, langs_used))
    header.append(_revision_desc(doc, meta, source_name))
    return header


# --------------------------------------------------------------------------- fileDesc


def _file_desc(doc, meta, entities, source_name, resp_ids) -> etree._Element:
    fd = E("fileDesc")
    ts = E("titleStmt")
    fd.append(ts)
    title = meta.get("title") or UNKNOWN
    ts.append(E("title", {"type": "main"}, text=title))
    if meta.get("subtitle"):
        ts.append(E("title", {"type": "sub"}, text=meta["subtitle"]))
    by_id = {e.id: e for e in entities}
    for a in _authors(meta):
        ref = a.get("id")
        attrs = {"ref": f"#{ref}"} if ref and ref in by_id else {}
        if a.get("cert"):
            attrs.update(cert=a["cert"], resp="#conv")
        ts.append(E("author", attrs, text=a.get("name") or UNKNOWN))
    src = meta.get("_source_parts", {})
    translator = meta.get("translator") or src.get("translator")
    if "translator" in resp_ids:
        ts.append(_resp_stmt(resp_ids["translator"], "translated by",
                             translator or UNKNOWN, "http://id.loc.gov/vocabulary/relators/trl"))
    contributors = list(meta.get("contributors") or [])
    if src.get("contributor") and src["contributor"] not in [c if isinstance(c, str) else c.get("name") for c in contributors]:
        contributors.append(src["contributor"])
    for k, c in enumerate(contributors, 1):
        name = c if isinstance(c, str) else c.get("name", UNKNOWN)
        role = "contributed by" if isinstance(c, str) else c.get("role", "contributed by")
        ts.append(_resp_stmt(f"contributor{k}", role, name, "http://id.loc.gov/vocabulary/relators/ctb"))
    if "src_ed" in resp_ids:
        eds = meta.get("source_editors") or UNKNOWN
        ts.append(_resp_stmt(resp_ids["src_ed"], "editors of the source edition (bracketed insertions, [sic], footnotes)",
                             eds if isinstance(eds, str) else ", ".join(eds)))
    conv = E("respStmt")
    conv.set(XML_ID, "conv")
    conv.append(E("resp", text="automatic conversion from plain text to TEI"))
    conv.append(E("name", {"type": "software"}, text=f"edition-tools {__version__}"))
    ts.append(conv)
    ed = E("respStmt")
    ed.set(XML_ID, "ed")
    ed.append(E("resp", text="encoding review and editorial notes"))
    editors = meta.get("editors")
    ed.append(E("name", text=(", ".join(editors) if isinstance(editors, list) else editors) or UNKNOWN))
    ts.append(ed)
    fd.append(_publication_stmt(doc, meta, source_name))
    fd.append(_source_desc(doc, meta, entities))
    return fd


def _resp_stmt(xid: str, resp: str, name: str, relator: str | None = None) -> etree._Element:
    rs = E("respStmt")
    rs.set(XML_ID, xid)
    rs.append(E("resp", {"ref": relator} if relator else None, text=resp))
    rs.append(E("name", text=name))
    return rs


def _authors(meta) -> list[dict]:
    out = []
    for a in meta.get("authors") or []:
        out.append({"name": a} if isinstance(a, str) else dict(a))
    return out


def _publication_stmt(doc, meta, source_name) -> etree._Element:
    ps = E("publicationStmt")
    ps.append(E("publisher", text=meta.get("publisher") or UNKNOWN))
    ps.append(E("idno", {"type": "project"}, text=meta.get("idno") or source_name.rsplit(".", 1)[0]))
    rights = meta.get("rights")
    av = E("availability", {"status": "restricted" if rights else "unknown"})
    if rights:
        if "record" in meta or meta.get("record_id"):
            av.set("source", "#src_record")
        paras = rights if isinstance(rights, list) else [rights]
        for r in paras:
            p = E("p")
            _fill_rights(p, r, doc)
            av.append(p)
    else:
        av.append(_p("The rights status of the source is not stated in the transcript; ask the publisher of the source."))
    ps.append(av)
    if meta.get("licence"):
        lic = meta["licence"]
        text = (lic.get("text") if isinstance(lic, dict) else lic) or UNKNOWN
        url = lic.get("url") if isinstance(lic, dict) else None
        url = url or licence_url(text)
        av.append(E("licence", {"target": url} if url else None, text=text))
    return ps


#: Creative Commons licences by their SPDX identifier (``CC-BY-4.0``): the deed's address
_CC_LICENCE = re.compile(r"CC-(BY(?:-NC)?(?:-SA|-ND)?)-([1-4]\.0)", re.IGNORECASE)


def licence_url(identifier: str) -> str | None:
    """The address of a licence named by its SPDX identifier (Creative Commons), else None."""
    ident = identifier.strip()
    if ident.upper() == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    m = _CC_LICENCE.fullmatch(ident)
    if m:
        return f"https://creativecommons.org/licenses/{m.group(1).lower()}/{m.group(2)}/"
    return None


def _fill_rights(p, text, doc) -> None:
    from .inline import InlineContext, fill
    from .model import Block

    fill(p, text, Block("p", text, 0), InlineContext(doc))


def _source_desc(doc, meta, entities) -> etree._Element:
    sd = E("sourceDesc")
    bibl = E("bibl", {"type": "digitalArchiveRecord" if meta.get("record_id") else "transcript"})
    bibl.set(XML_ID, "src_record")
    by_name = {}
    for e in entities:
        for n in list(e.names) + list(getattr(e, "forms", [])):
            by_name.setdefault(n, e)
    bibl.append(E("title", text=meta.get("record_title") or meta.get("title") or UNKNOWN))
    for a in meta.get("catalogue_authors") or []:
        e = by_name.get(a)
        bibl.append(E("author", {"ref": f"#{e.id}"} if e else None, text=a))
    src = meta.get("_source_parts", {})
    if src.get("translator"):
        rs = E("respStmt")
        rs.append(E("resp", text="translated by"))
        rs.append(E("name", text=src["translator"]))
        bibl.append(rs)
    if src.get("contributor"):
        rs = E("respStmt")
        rs.append(E("resp", text="contributed by"))
        rs.append(E("name", text=src["contributor"]))
        bibl.append(rs)
    rec = meta.get("record") or {}
    if rec.get("publisher") or meta.get("record_publisher"):
        bibl.append(E("publisher", text=rec.get("publisher") or meta.get("record_publisher")))
    uploaded = meta.get("uploaded")
    if uploaded:
        m = re.match(r"^\d{4}-\d{2}-\d{2}$", uploaded.strip())
        bibl.append(E("date", {"type": "uploaded", "when": uploaded.strip()} if m else {"type": "uploaded"}, text=uploaded))
    if meta.get("record_id"):
        bibl.append(E("idno", {"type": "recordID"}, text=meta["record_id"]))
    if rec.get("url"):
        bibl.append(E("idno", {"type": "URI"}, text=rec["url"]))
    for d in meta.get("donors") or []:
        rs = E("respStmt")
        rs.append(E("resp", text="donor"))
        rs.append(E("orgName", text=d))
        bibl.append(rs)
    if meta.get("original_language") or meta.get("translator"):
        bibl.append(E("textLang", {"mainLang": meta.get("language", "en")},
                      text=f"{LANG_NAMES.get(meta.get('language', 'en'), 'English')} (translation"
                           + (f" from {_lang_name(meta['original_language'])})" if meta.get("original_language") else ")")))
    if meta.get("source_statement"):
        bibl.append(E("note", {"type": "sourceStatement"}, text=meta["source_statement"]))
    if meta.get("catalogue_authors"):
        parts = [a for a in meta["catalogue_authors"] if by_name.get(a) is not None
                 and "participant" in (by_name[a].role or "").split() and "author" not in (by_name[a].role or "").split()]
        if parts:
            bibl.append(E("note", {"type": "catalogue"},
                          text="The catalogue lists " + " and ".join(parts) + " among the \"Author(s)\"; in this edition "
                               "they are participants, not authors."))
    for extra in meta.get("unparsed") or []:
        bibl.append(E("note", {"type": "catalogue"}, text=extra))
    if meta.get("archive") or src.get("repo"):
        rel = E("relatedItem", {"type": "translationOf" if meta.get("original_language") else "original", "target": "#src_original"})
        bibl.append(rel)
    for t in meta.get("related") or []:
        rel = E("relatedItem", {"type": "relatedResource"})
        rb = E("bibl")
        rb.append(E("title", text=t))
        rel.append(rb)
        bibl.append(rel)
    if meta.get("source_note"):
        bibl.append(E("note", text=meta["source_note"]))
    sd.append(bibl)
    if meta.get("archive") or src.get("repo"):
        sd.append(_ms_desc(meta, src, entities))
    return sd


def _lang_name(code_or_name: str) -> str:
    return LANG_NAMES.get(code_or_name, code_or_name)


def _lang_code(code_or_name: str) -> str:
    if code_or_name in LANG_NAMES:
        return code_or_name
    return LANG_CODES.get(code_or_name.strip().lower(), "und")


def _ms_desc(meta, src, entities) -> etree._Element:
    ms = E("msDesc")
    ms.set(XML_ID, "src_original")
    ident = E("msIdentifier")
    ms.append(ident)
    archive = meta.get("archive") or src.get("repo") or UNKNOWN
    org = next((e for e in entities if e.kind == "org" and archive in e.names), None)
    ident.append(E("repository", {"ref": f"#{org.id}"} if org else None, text=archive))
    if src.get("fond"):
        idno = E("idno", {"type": "shelfmark"}, text="F. ")
        fond = E("idno", {"type": "fond"}, text=src["fond"])
        idno.append(fond)
        fond.tail = ". Op. "
        opis = E("idno", {"type": "opis"}, text=src["opis"])
        idno.append(opis)
        last = opis
        if src.get("papka"):
            opis.tail = ", P. "
            papka = E("idno", {"type": "papka"}, text=src["papka"])
            idno.append(papka)
            last = papka
        last.tail = ", D. "
        idno.append(E("idno", {"type": "delo"}, text=src["delo"]))
        ident.append(idno)
    elif meta.get("shelfmark"):
        ident.append(E("idno", {"type": "shelfmark"}, text=meta["shelfmark"]))
    lang = meta.get("original_language")
    if lang or src.get("from"):
        mc = E("msContents")
        if lang:
            mc.append(E("textLang", {"mainLang": _lang_code(lang)}, text=_lang_name(lang)))
        if src.get("from"):
            item = E("msItem")
            ll = f"ll. {src['from']}" + (f"-{src['to']}" if src.get("to") else "")
            item.append(E("locus", {"from": src["from"], "to": src.get("to") or src["from"]}, text=ll))
            item.append(E("title", text=meta.get("title") or UNKNOWN))
            mc.append(item)
        ms.append(mc)
    return ms


# --------------------------------------------------------------------------- encodingDesc


def _encoding_desc(doc, meta) -> etree._Element:
    """The encodingDesc: all fixed text but for the quotation marks and the hyphenation the metadata
    records, so one is built per pair of these and copied for each document."""
    marks = meta.get("_quotation_marks", "none")
    eol = meta.get("hyphenation", "none")
    if not (type(marks) is str and type(eol) is str):
        return _build_encoding_desc(marks, eol)  # as built (and failing) without a copy to keep
    key = (marks, eol)
    proto = _ENCODING_DESCS.get(key)
    if proto is None:
        proto = _build_encoding_desc(marks, eol)
        if len(_ENCODING_DESCS) < _ENCODING_DESCS_MAX:
            _ENCODING_DESCS[key] = proto
        else:
            return proto
    return copy.deepcopy(proto)


#: (quotation marks, hyphenation) -> an encodingDesc that is never changed, only copied
_ENCODING_DESCS: dict[tuple[str, str], etree._Element] = {}
_ENCODING_DESCS_MAX = 64


def _build_encoding_desc(marks, eol) -> etree._Element:
    ed = E("encodingDesc")
    ed.append(E("projectDesc", None, _p(
        "Plain-text transcripts of historical documents converted to TEI P5 by edition-tools; the conversion is "
        "to be reviewed by an editor.")))
    decl = E("editorialDecl")
    decl.append(E("correction", {"method": "markup"}, _p(
        "No silent corrections. Errors flagged [sic] in the source are encoded as sic with @resp naming who flagged them; "
        "corrections by project editors use choice/sic/corr with @resp.")))
    decl.append(E("normalization", {"method": "silent"}, _p(
        "Text normalised to Unicode NFC; layout whitespace (blank and no-break-space separator lines, tabs, line "
        "wrapping, trailing spaces) removed; characters such as U+2019 and U+00BA kept as found. Square brackets of "
        "the source are encoded as sic, supplied, gap and note elements and the bracket characters removed.")))
    decl.append(E("quotation", {"marks": marks}, _p(
        "Quotation marks are removed where the quoted passage is encoded (said, quote, soCalled, q); @rendition "
        "records the marks (#dq, #dq-close, #sq, #sq-close)."
        + (" Marks the converter could not pair are kept as characters." if marks != "none" else ""))))
    hy_text = {
        "none": "The transcript has no line-end hyphenation, or its line-end hyphens were soft and were removed.",
        "hard": "Line breaks of the source are not kept; line-end hyphens were judged hard and kept (e.g. so-called).",
        "some": "Line breaks of the source are not kept; line-end hyphens were resolved where the text gave evidence; "
                "hyphens of unknown status were kept and are listed in the conversion report.",
        "all": "Line breaks of the source are not kept; all line-end hyphens were kept.",
    }.get(eol, "")
    decl.append(E("hyphenation", {"eol": eol if eol in ("none", "hard", "some", "all") else "none"}, _p(hy_text)))
    decl.append(_p(
        "Interpretation: speech attribution (@who, @direct), the identification of persons and places, the kind "
        "of each bracket and years missing from dates are interpretive. Automatic decisions that are not "
        "deterministic carry @cert (medium or low) and are listed in the conversion report; open questions carry "
        "note[@type='conversion'] with @resp='#conv'."))
    decl.append(_p(
        "Standard values: dates in @when use ISO 8601 (YYYY-MM-DD, or --MM-DD when no year is known); a year taken "
        "from the document date is marked @evidence='internal'."))
    ed.append(decl)
    tags = E("tagsDecl")
    for xid, scope, content in (
        ("dq", "before", "content:'“'"), ("dq-close", "after", "content:'”'"),
        ("sq", "before", "content:'‘'"), ("sq-close", "after", "content:'’'"),
        ("block", None, "display:block; margin-left:2em"),
        ("sicMarker", "after", "content:' [SIC]'"), ("sicMarkerLower", "after", "content:' [sic]'"),
    ):
        r = E("rendition", {"scheme": "css", "scope": scope} if scope else {"scheme": "css"}, text=content)
        r.set(XML_ID, xid)
        tags.append(r)
    ed.append(tags)
    return ed


# --------------------------------------------------------------------------- profileDesc


def _profile_desc(doc, meta, entities, langs_used) -> etree._Element:
    pd = E("profileDesc")
    if meta.get("_abstract_el") is not None:
        pd.append(meta["_abstract_el"])
    if meta.get("date") or meta.get("date_text"):
        cr = E("creation")
        when = meta.get("date")
        cr.append(E("date", {"when": when} if when else None, text=meta.get("date_text") or when))
        pd.append(cr)
    lu = E("langUsage")
    main = meta.get("language", "en")
    lu.append(E("language", {"ident": main}, text=LANG_NAMES.get(main, main)
                + (f" (translation from {_lang_name(meta['original_language'])})" if meta.get("original_language") else "")))
    for tag in sorted(langs_used - {main}):
        lu.append(E("language", {"ident": tag}, text=LANG_NAMES.get(tag, tag)))
    pd.append(lu)
    tc = E("textClass")
    kw = E("keywords", {"scheme": SCHEME + "doctype"})
    kw.append(E("term", text=doc.div_type))
    tc.append(kw)
    if meta.get("classification"):
        kw = E("keywords", {"scheme": SCHEME + "classification"})
        kw.append(E("term", text=meta["classification"]))
        tc.append(kw)
    for key, scheme in (("topics", SCHEME + "topics"), ("places", SCHEME + "places"),
                        ("subjects", "http://id.loc.gov/authorities/subjects")):
        vals = [v if isinstance(v, str) else v.get("name", "") for v in (meta.get(key) or [])]
        if key == "places":
            # only the places the record itself lists as keywords (the trailer), not a sidecar's authority list
            vals = [v for v in (meta.get("_record_places") or [])]
        vals = [v for v in vals if v]
        if vals:
            kw = E("keywords", {"scheme": scheme})
            for v in vals:
                place = next((e for e in entities if e.kind == "place" and v in e.names), None) if key == "places" else None
                t = E("term")
                if place is not None:
                    t.append(E("placeName", {"ref": f"#{place.id}"}, text=v))
                else:
                    t.text = v
                kw.append(t)
            tc.append(kw)
    pd.append(tc)
    persons = [e for e in entities if e.kind == "person"]
    orgs = [e for e in entities if e.kind == "org"]
    places = [e for e in entities if e.kind == "place"]
    if persons or orgs:
        part = E("particDesc")
        if persons:
            lp = E("listPerson")
            for e in persons:
                lp.append(_entity(e, "person", "persName"))
            part.append(lp)
        if orgs:
            lo = E("listOrg")
            for e in orgs:
                lo.append(_entity(e, "org", "orgName"))
            part.append(lo)
        pd.append(part)
    setting_who = meta.get("_setting_who") or []
    setting_date = meta.get("setting_date")
    if places or setting_who or setting_date:
        sdesc = E("settingDesc")
        if setting_who or setting_date:
            st = E("setting", {"who": " ".join(f"#{w}" for w in setting_who)} if setting_who else None)
            if setting_date:
                st.append(E("date", {"when": setting_date}, text=meta.get("setting_date_text") or setting_date))
            if len(st) or st.get("who"):
                sdesc.append(st)
        if places:
            lp = E("listPlace")
            for e in places:
                lp.append(_entity(e, "place", "placeName"))
            sdesc.append(lp)
        if len(sdesc):
            pd.append(sdesc)
    return pd


ROLE_TOKENS = {"author", "participant", "mentioned", "translator", "contributor", "questioner", "respondent",
               "speaker", "addressee", "recipient", "editor"}


def _entity(e, tag: str, name_tag: str) -> etree._Element:
    """The declaration of an entity: its names and (up to twelve) other forms, then its note. The
    element is a copy of :func:`_entity_template` for its shape, with the texts and attributes filled in:
    copying a subtree is one call, where making it takes one per element."""
    role = (getattr(e, "role", "") or "").strip()
    office = ""
    role_attr = None
    if tag == "person" and role:
        tokens = role.split()
        if all(t in ROLE_TOKENS for t in tokens):
            role_attr = " ".join(dict.fromkeys(tokens))
        else:
            office = role
    names = list(dict.fromkeys([n for n in e.names if n]))
    forms = [f for f in dict.fromkeys(getattr(e, "forms", []) or []) if f not in names][:12]
    names = names or [UNKNOWN]
    note = getattr(e, "note", "") or ""
    if office and office.lower() not in note.lower():
        note = f"{office}; {note}" if note else office
    texts = names + forms + ([note] if note else [])
    el = _entity_template(tag, name_tag, len(names) + len(forms), bool(note)).__copy__()
    el.set(XML_ID, e.id)
    if role_attr is not None:
        el.set("role", role_attr)
    for child, text in zip(el, texts):
        child.text = text
    return el


@functools.lru_cache(maxsize=256)
def _entity_template(tag: str, name_tag: str, names: int, note: bool) -> etree._Element:
    """An entity declaration of this shape with empty texts, never changed, only copied: ``names`` name
    elements (all but the first of type variant), then a note (of type role for a person) if ``note``."""
    el = E(tag)
    for k in range(names):
        el.append(E(name_tag, {"type": "variant"} if k else None))
    if note:
        el.append(E("note", {"type": "role"} if tag == "person" else None))
    return el


def _revision_desc(doc, meta, source_name) -> etree._Element:
    rd = E("revisionDesc", {"status": "converted"})
    dropped = [d for d in doc.dropped if not d.to_header]
    text = f"Converted from {source_name} (layout {doc.layout}) by edition-tools {__version__}."
    moved = [d for d in doc.dropped if d.to_header]
    if moved:
        text += f" {len(moved)} line(s) of page metadata moved to the header."
    if dropped:
        reasons = sorted({d.reason.split(':')[0] for d in dropped})
        text += " Not kept in the text: " + "; ".join(reasons) + "."
    if doc.decisions:
        text += f" {len(doc.decisions)} heuristic decision(s) to review (see the conversion report)."
    change = E("change", {"who": "#conv", "status": "converted"}, text=text)
    if meta.get("conversion_date"):
        change.set("when", meta["conversion_date"])
    rd.append(change)
    return rd
