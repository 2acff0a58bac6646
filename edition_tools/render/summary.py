"""What the site-wide pages need from one document: title, date, abstract, the persons, places
and original-language terms with the passages where they occur, and the text for search.

A summary is plain JSON-serialisable data, so a build can cache it and rebuild the index and the
registers without reading the documents again. It is made from the document as the renderer
prepared it (see :func:`edition_tools.render.html.annotate`), so its anchors are the page's.
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from lxml import etree

from ..xmlio import NSMAP, TEI_NS, XML_ID, XML_LANG, local_name
from .html import page_names
from .marks import _ANCHOR, _FN, _tei, nearest
from .search import document_words, search_entries

SUMMARY_VERSION = 3
NAME_KINDS = {"persName": "person", "placeName": "place", "orgName": "org", "geogName": "place"}
_LINKED_NAMES = frozenset({"name", "rs"})
#: the elements the summary reads in a text, visited in document order
_NAME_TAGS = frozenset(_tei(n) for n in (*NAME_KINDS, *_LINKED_NAMES))
_SUMMARY_TAGS = (*_NAME_TAGS, *(_tei(n) for n in ("said", "sp", "foreign", "term", "head", "p", "ab", "quote", "q", "note")))
_SUMMARY_NAMES = {tag: tag.rsplit("}", 1)[1] for tag in _SUMMARY_TAGS}
_NAME_NAMES = frozenset((*NAME_KINDS, *_LINKED_NAMES))
#: inside these the reading text is not simply the text (notes left out, one side of a choice, lb)
_READING_SPECIAL = tuple(_tei(n) for n in ("note", "choice", "lb"))
#: person, place, org -> the element that names it
_ENTITY_NAME_TAGS = {_tei("person"): _tei("persName"), _tei("place"): _tei("placeName"), _tei("org"): _tei("orgName")}
_XPATHS: dict[str, etree.XPath] = {}


def norm(text: str | None) -> str:
    """Runs of whitespace (any Unicode space, as ``\\s``) to one space, the ends trimmed."""
    return " ".join(text.split()) if text else ""


def _all(root, expr: str) -> list:
    """The nodes ``expr`` selects (compiled once per expression)."""
    compiled = _XPATHS.get(expr)
    if compiled is None:
        compiled = _XPATHS[expr] = etree.XPath(expr, namespaces=NSMAP)
    return compiled(root)


def _first(root, expr: str) -> etree._Element | None:
    found = _all(root, expr)
    return found[0] if found else None


def _text(el: etree._Element) -> str:
    """The text of ``el`` and its descendants, without comments and PIs (XPath string())."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def ancestors_of(elements) -> set:
    """Every ancestor of the given elements (the walk up from one stops where another's passed)."""
    found: set = set()
    for el in elements:
        node = el.getparent()
        while node is not None and node not in found:
            found.add(node)
            node = node.getparent()
    return found


def reading_text(el: etree._Element, holders: set | None = None) -> str:
    """The words of ``el`` as the reading view shows them: corrections chosen, notes left out
    (numbered and conversion notes), original terms and inline notes kept. ``holders``: the
    elements that hold a note, choice or lb, when known (see :func:`ancestors_of`); in any other
    element the text is simply its text."""
    if el not in holders if holders is not None else next(el.iterdescendants(*_READING_SPECIAL), None) is None:
        return norm(_text(el))
    out: list[str] = []

    def walk(node):
        if node.text:
            out.append(node.text)
        for child in node:
            if holders is not None and isinstance(child.tag, str) and child not in holders and child.tag not in _READING_SPECIAL:
                out.append(_text(child))
            elif isinstance(child.tag, str) and child.tag.startswith("{" + TEI_NS + "}"):
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


def _anchor_of(el: etree._Element) -> str | None:
    return el.get(_ANCHOR) or None


def _linked_name(el: etree._Element) -> bool | None:
    """A name (linked or not: persName, placeName …), or a name or rs pointing somewhere."""
    name = local_name(el)
    return True if name in NAME_KINDS or name in _LINKED_NAMES and (el.get("ref") or "").startswith("#") else None


def _id_names(root) -> dict[str, tuple[str, str]]:
    """xml:id -> (kind, display name) for persons, places and organisations of the header."""
    found: dict[str, list] = {"person": [], "place": [], "org": []}
    for el in root.iter(*_ENTITY_NAME_TAGS):
        if el.get(XML_ID) is not None:
            found[local_name(el)].append(el)
    out = {}
    for kind, els in found.items():  # persons, then places, then organisations (a later one wins)
        for el in els:
            names = list(el.iterchildren(_ENTITY_NAME_TAGS[el.tag]))
            if kind == "person":
                names = [n for n in names if n.get("type") == "full"] or names
            out[el.get(XML_ID)] = (kind, norm("".join(names[0].itertext())) if names else "")
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
            # anchors and speaks as dicts while collecting (ordered sets: a name met 10,000 times is no
            # list scan per mention), lists in the summary
            e = entities[(kind, key)] = {"kind": kind, "id": key, "name": name, "names": [], "anchors": {}, "speaks": {}}
        return e

    texts = _all(root, "tei:text | tei:TEI/tei:text")  # a TEI document or a teiCorpus
    terms: dict[tuple[str, str], dict] = OrderedDict()
    search: list[dict] = []
    anchors: dict = {}  # element -> the anchor of the passage it stands in (memo of nearest())
    in_names: dict = {}

    def enclosing_anchor(el):
        return nearest(el, _anchor_of, anchors) or ""

    for text in texts:
        holders = ancestors_of(text.iter(*_READING_SPECIAL))
        anchored = []
        passages = []  # (anchor, element) in document order: anchored elements, numbered notes, heads
        for el in text.iter(*_SUMMARY_TAGS):
            name = _SUMMARY_NAMES[el.tag]
            if name in _NAME_NAMES:
                ref = norm(el.get("ref"))
                if not ref.startswith("#") or nearest(el, _linked_name, in_names):
                    continue  # a name inside a linked name counts once, for the outer one
                key = ref.split()[0][1:]
                kind, canonical = idnames.get(key, (None, ""))
                kind = kind or NAME_KINDS.get(name) or {"place": "place", "org": "org"}.get(el.get("type") or "", "person")
                shown = reading_text(el, holders)
                e = entity(kind, key, canonical or shown)
                if shown and shown not in e["names"]:
                    e["names"].append(shown)
                anchor = enclosing_anchor(el)
                if anchor:
                    e["anchors"][anchor] = None
                continue
            if name in ("said", "sp") and el.get("who"):
                anchor = el.get(_ANCHOR) or enclosing_anchor(el)
                for token in norm(el.get("who")).split():
                    if not token.startswith("#"):
                        continue
                    key = token[1:]
                    kind, canonical = idnames.get(key, ("person", ""))
                    e = entity(kind, key, canonical or key)
                    if anchor:
                        e["speaks"][anchor] = None
            if name == "foreign" or (name == "term" and el.get(XML_LANG)):
                lang = el.get(XML_LANG) or ""
                if lang and lang != root.get(XML_LANG):
                    word = reading_text(el, holders)
                    t = terms.setdefault((lang, word), {"term": word, "lang": lang, "anchors": {}})
                    anchor = enclosing_anchor(el)
                    if anchor:
                        t["anchors"][anchor] = None
            anchor = el.get(_ANCHOR)
            if anchor:
                anchored.append(el)
                passages.append((anchor, el))
            elif el.get(_FN):
                passages.append((f"fn-{el.get(_FN)}", el))
            elif name == "head" and not enclosing_anchor(el):
                passages.append(("text", el))
        # an anchored element that holds anchored elements is searched passage by passage
        holds_passages = ancestors_of(anchored)
        for anchor, el in passages:
            if el not in holds_passages or not el.get(_ANCHOR):
                words = reading_text(el, holders)
                if words:
                    search.append({"anchor": anchor, "text": words})

    for e in entities.values():
        e["anchors"], e["speaks"] = list(e["anchors"]), list(e["speaks"])
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
        "terms": [dict(t, anchors=list(t["anchors"])) for t in terms.values()],
        "search": search,
        "lang": root.get(XML_LANG) or "",
        "has_header": header is not None,
    }
    summary["search_words"] = document_words(search_entries(summary))
    return summary
