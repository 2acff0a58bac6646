"""What the site-wide pages need from one document: title, date, abstract, the persons, places
and original-language terms with the passages where they occur, and the text for search.

A summary is plain JSON-serialisable data, so a build can cache it and rebuild the index and the
registers without reading the documents again. It is made from the document as the renderer
prepared it (see :func:`edition_tools.render.html.annotate`), so its anchors are the page's.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..xmlio import TEI_NS, XML_ID, XML_LANG, local_name, xpath
from .html import page_names
from .marks import _ANCHOR, _FN
from .search import document_words, search_entries

SUMMARY_VERSION = 3
_SPACES = re.compile(r"\s+")
NAME_KINDS = {"persName": "person", "placeName": "place", "orgName": "org", "geogName": "place"}


def norm(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _first(root, expr: str) -> etree._Element | None:
    found = xpath(root, expr)
    return found[0] if found else None


def reading_text(el: etree._Element) -> str:
    """The words of ``el`` as the reading view shows them: corrections chosen, notes left out
    (numbered and conversion notes), original terms and inline notes kept."""
    out: list[str] = []

    def walk(node):
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child.tag.startswith("{" + TEI_NS + "}"):
                name = local_name(child)
                if name == "note" and (child.get(_FN) or child.get("type") == "conversion"):
                    pass
                elif name == "choice":
                    shown = choice_shown(child, "reading")
                    if shown is not None:
                        walk(shown)
                elif name == "lb":
                    out.append(" ")
                else:
                    walk(child)
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return norm("".join(out))


def choice_shown(choice: etree._Element, view: str) -> etree._Element | None:
    """The child of a ``choice`` a view shows (the same rule as the stylesheet)."""
    kids = [c for c in choice if isinstance(c.tag, str)]
    names = [local_name(c) for c in kids]
    prefer = ("sic", "orig") if view == "diplomatic" else ("corr", "reg")
    for want in prefer:
        if want in names:
            return kids[names.index(want)]
    if "abbr" in names and not {"corr", "sic", "reg", "orig"} & set(names):
        return kids[names.index("abbr")]
    return kids[0] if kids else None


def _enclosing_anchor(el: etree._Element) -> str:
    for a in el.iterancestors():
        anchor = a.get(_ANCHOR)
        if anchor:
            return anchor
    return ""


def _id_names(root) -> dict[str, tuple[str, str]]:
    """xml:id -> (kind, display name) for persons, places and organisations of the header."""
    out = {}
    for person in xpath(root, "//tei:person[@xml:id]"):
        full = xpath(person, "tei:persName[@type='full']")
        names = full or xpath(person, "tei:persName")
        out[person.get(XML_ID)] = ("person", norm("".join(names[0].itertext())) if names else "")
    for place in xpath(root, "//tei:place[@xml:id]"):
        names = xpath(place, "tei:placeName")
        out[place.get(XML_ID)] = ("place", norm("".join(names[0].itertext())) if names else "")
    for org in xpath(root, "//tei:org[@xml:id]"):
        names = xpath(org, "tei:orgName")
        out[org.get(XML_ID)] = ("org", norm("".join(names[0].itertext())) if names else "")
    return out


def summarize_prepared(root: etree._Element, path, slug: str, *, review: bool = True) -> dict:
    header = _first(root, "tei:teiHeader")
    title_el = _first(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[@type='main']")
    if title_el is None:
        title_el = _first(root, "tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title")
    title = norm("".join(title_el.itertext())) if title_el is not None else ""
    if not title:
        head = _first(root, "(tei:text | tei:TEI/tei:text)//tei:head")
        title = reading_text(head) if head is not None else ""
    title = title or "Untitled document"
    date_el = _first(
        root,
        "(tei:teiHeader/tei:profileDesc/tei:creation//tei:date | tei:teiHeader/tei:profileDesc/tei:settingDesc/tei:setting/tei:date"
        " | tei:text//tei:dateline//tei:date)[1]",
    )
    date_iso = ""
    date_text = ""
    if date_el is not None:
        date_iso = norm(date_el.get("when") or date_el.get("when-iso") or date_el.get("from") or date_el.get("notBefore"))
        date_text = norm("".join(date_el.itertext()))
    abstract = _first(root, "tei:teiHeader/tei:profileDesc/tei:abstract")
    div = _first(root, "(tei:text | tei:TEI/tei:text)/tei:body/tei:div[@type]")
    idnames = _id_names(root)

    entities: dict[tuple[str, str], dict] = OrderedDict()

    def entity(kind, key, name):
        e = entities.get((kind, key))
        if e is None:
            e = entities[(kind, key)] = {"kind": kind, "id": key, "name": name, "names": [], "anchors": [], "speaks": []}
        return e

    texts = xpath(root, "tei:text | tei:TEI/tei:text")  # a TEI document or a teiCorpus
    terms: dict[tuple[str, str], dict] = OrderedDict()
    search: list[dict] = []
    for text in texts:
        for el in text.iter():
            if not isinstance(el.tag, str) or not el.tag.startswith("{" + TEI_NS + "}"):
                continue
            name = local_name(el)
            ref = norm(el.get("ref"))
            if name in ("persName", "placeName", "orgName", "geogName", "name", "rs") and ref.startswith("#"):
                if any(local_name(a) in NAME_KINDS or local_name(a) in ("name", "rs") and (a.get("ref") or "").startswith("#")
                       for a in el.iterancestors()):
                    continue  # a name inside a linked name counts once, for the outer one
                key = ref.split()[0][1:]
                kind, canonical = idnames.get(key, (None, ""))
                kind = kind or NAME_KINDS.get(name) or {"place": "place", "org": "org"}.get(el.get("type") or "", "person")
                shown = reading_text(el)
                e = entity(kind, key, canonical or shown)
                if shown and shown not in e["names"]:
                    e["names"].append(shown)
                anchor = _enclosing_anchor(el)
                if anchor and anchor not in e["anchors"]:
                    e["anchors"].append(anchor)
            if name in ("said", "sp") and el.get("who"):
                anchor = el.get(_ANCHOR) or _enclosing_anchor(el)
                for token in norm(el.get("who")).split():
                    if not token.startswith("#"):
                        continue
                    key = token[1:]
                    kind, canonical = idnames.get(key, ("person", ""))
                    e = entity(kind, key, canonical or key)
                    if anchor and anchor not in e["speaks"]:
                        e["speaks"].append(anchor)
            if name == "foreign" or (name == "term" and el.get(XML_LANG)):
                lang = el.get(XML_LANG) or ""
                if lang and lang != root.get(XML_LANG):
                    word = reading_text(el)
                    t = terms.setdefault((lang, word), {"term": word, "lang": lang, "anchors": []})
                    anchor = _enclosing_anchor(el)
                    if anchor and anchor not in t["anchors"]:
                        t["anchors"].append(anchor)
            if el.get(_ANCHOR) and not any(d.get(_ANCHOR) for d in el.iterdescendants() if isinstance(d.tag, str)):
                words = reading_text(el)
                if words:
                    search.append({"anchor": el.get(_ANCHOR), "text": words})
            elif el.get(_FN):
                words = reading_text(el)
                if words:
                    search.append({"anchor": f"fn-{el.get(_FN)}", "text": words})
            elif name == "head" and not _enclosing_anchor(el):
                words = reading_text(el)
                if words:
                    search.append({"anchor": "text", "text": words})

    for e in entities.values():
        if not e["name"]:
            e["name"] = e["names"][0] if e["names"] else e["id"]

    pages = page_names(slug)
    if not review:
        pages.pop("review")
    summary = {
        "version": SUMMARY_VERSION,
        "slug": slug,
        "source": Path(path).as_posix(),
        "pages": pages,
        "title": title,
        "date": date_iso,
        "date_text": date_text,
        "type": div.get("type") if div is not None else "",
        "abstract": reading_text(abstract) if abstract is not None else "",
        "entities": list(entities.values()),
        "terms": list(terms.values()),
        "search": search,
        "lang": root.get(XML_LANG) or "",
        "has_header": header is not None,
    }
    summary["search_words"] = document_words(search_entries(summary))
    return summary
