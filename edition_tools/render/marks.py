"""The marks the renderer puts on a copy of a TEI document before the XSLT transform.

Attributes in the namespace ``urn:x-edition-tools:render`` (prefix ``r`` in the stylesheets): a
stable anchor on every paragraph and speech, a number on every numbered note, a label on every page
break, the display name of every person, place, organisation and responsibility statement that has
an xml:id. One pass in document order does it, so rendering time grows linearly with the size of
the document.
"""

from __future__ import annotations

from lxml import etree

from ..xmlio import TEI_NS, XML_ID, local_name

R_NS = "urn:x-edition-tools:render"

_ANCHOR = f"{{{R_NS}}}anchor"
_BLOCK = f"{{{R_NS}}}block"
_FN = f"{{{R_NS}}}fn"
_FNLABEL = f"{{{R_NS}}}fnlabel"
_PB = f"{{{R_NS}}}pb"
_PBN = f"{{{R_NS}}}pbn"
_CHAIN = f"{{{R_NS}}}chain"
_CHAIN_FIRST = f"{{{R_NS}}}chainfirst"
_LABEL = f"{{{R_NS}}}label"

#: notes that stay in the running text (in brackets) or are hidden, rather than numbered
INLINE_NOTE_TYPES = frozenset({"originalTerm", "conversion"})
#: elements whose content is phrase-level: a said/quote inside one of them is not a block
PHRASE_PARENTS = frozenset({"p", "ab", "head", "l", "hi", "seg", "said", "quote", "q", "item", "cell", "note", "title"})
BLOCK_CHILDREN = frozenset({"p", "ab", "lg", "list", "sp", "table"})


def _tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


_SPEECH_TAGS = frozenset(_tei(n) for n in ("said", "quote", "q"))
_BLOCK_CHILD_TAGS = frozenset(_tei(n) for n in BLOCK_CHILDREN)


def is_block_speech(el: etree._Element) -> bool:
    """A ``said``/``quote``/``q`` shown as an indented block: it holds paragraphs, or is declared
    ``#block`` and does not stand inside a paragraph."""
    if el.tag not in _SPEECH_TAGS:
        return False
    if "#block" in (el.get("rendition") or "").split():
        parent = el.getparent()
        if parent is not None and local_name(parent) not in PHRASE_PARENTS:
            return True
    return any(child.tag in _BLOCK_CHILD_TAGS for child in el)


def is_numbered_note(el: etree._Element) -> bool:
    return el.get("type") not in INLINE_NOTE_TYPES and el.get("place") != "inline"


_MARKED_TAGS = tuple(_tei(n) for n in ("p", "ab", "sp", "said", "quote", "q", "note", "pb"))
_NOTE = _tei("note")
_TEXT = _tei("text")
_PB_TAG = _tei("pb")
_PERSON = _tei("person")
#: the kind of anchor (and its counter) of each anchored element; said, quote and q are anchored
#: only when they are block speeches
_ANCHOR_KIND = {_tei("p"): "p", _tei("ab"): "p", _tei("sp"): "sp"}
#: compiled once: an XPath compiled per call costs more than the walk on a small document
_HAS_MARKS = etree.XPath("boolean(//@r:*)", namespaces={"r": R_NS})
_XML_IDS = etree.XPath("//@xml:id")


def annotate(root: etree._Element) -> etree._Element:
    """Mark anchors, block speeches, note numbers and page labels (in place); return ``root``.

    One pass over the elements that take a mark, in document order (linear in the document)."""
    if _HAS_MARKS(root):  # marked before: start afresh
        for el in root.iter(*_MARKED_TAGS):
            for key in [k for k in el.attrib if k.startswith("{" + R_NS + "}")]:
                del el.attrib[key]
    taken = set(_XML_IDS(root))
    counters = {"p": 0, "sp": 0, "speech": 0}
    fn = 0
    pages = 0
    for text in root.iter(_TEXT):
        if any(True for _ in text.iterancestors(_TEXT)):
            continue  # a floating text inside another text: covered by the outer one
        notes_above = [note.get("type") for note in text.iterancestors(_NOTE)]
        all_in_conversion_note = "conversion" in notes_above
        # A text that stands inside a note counts as inside it only from its own first note on
        # (the behaviour of the earlier element-by-element ancestor check, kept unchanged).
        all_in_note = False
        in_note, in_conversion_note = _elements_inside_notes(text)
        for el in text.iter(*_MARKED_TAGS):
            tag = el.tag
            if tag == _PB_TAG:
                pages += 1
                n = (el.get("n") or "").strip()
                el.set(_PB, f"p. {n}" if n else f"[p. {pages + 1}]")
                el.set(_PBN, str(pages))
                continue
            if tag == _NOTE:
                all_in_note = bool(notes_above)
                # a note inside a converter's note is shown with it (in brackets, review view only)
                if is_numbered_note(el) and not (all_in_conversion_note or el in in_conversion_note):
                    fn += 1
                    el.set(_FN, str(fn))
                    el.set(_FNLABEL, (el.get("n") or "").strip() or str(fn))
                continue
            kind = _ANCHOR_KIND.get(tag)
            if kind is None and is_block_speech(el):
                el.set(_BLOCK, "true")
                kind = "speech"
            if kind and not (all_in_note or el in in_note):
                counters[kind] += 1
                anchor = el.get(XML_ID)
                if not anchor:
                    anchor = f"{kind}-{counters[kind]}"
                    while anchor in taken:
                        anchor += "x"
                el.set(_ANCHOR, anchor)
    _mark_split_speeches(root)
    _mark_labels(root)
    return root


_MARKED_IN_NOTE = etree.XPath(
    "descendant::tei:note/descendant::*[self::tei:p or self::tei:ab or self::tei:sp or self::tei:said"
    " or self::tei:quote or self::tei:q or self::tei:note]",
    namespaces={"tei": TEI_NS},
)
_NOTES_IN_CONVERSION_NOTE = etree.XPath(
    "descendant::tei:note[@type = 'conversion']/descendant::tei:note", namespaces={"tei": TEI_NS}
)


def _elements_inside_notes(text: etree._Element) -> tuple[set, set]:
    """The marked elements of ``text`` that stand inside a note, and the notes that stand inside a
    conversion note (two XPath walks; a set answers the question per element in constant time)."""
    return set(_MARKED_IN_NOTE(text)), set(_NOTES_IN_CONVERSION_NOTE(text))


def _mark_split_speeches(root: etree._Element) -> None:
    """Give the parts of a speech split with @next/@prev one r:chain value ("1", "2", …), so the
    page can highlight them together."""
    parts = {el.get(XML_ID): el for el in root.iter(_tei("said"), _tei("q"), _tei("quote"))
             if el.get(XML_ID) and (el.get("next") or el.get("prev"))}
    chain = 0
    for el in parts.values():
        prev = (el.get("prev") or "").strip()
        if prev.startswith("#") and prev[1:] in parts:
            continue  # not the first part
        chain += 1
        el.set(_CHAIN_FIRST, "true")
        seen = set()
        while el is not None and id(el) not in seen:
            seen.add(id(el))
            el.set(_CHAIN, str(chain))
            nxt = (el.get("next") or "").strip()
            el = parts.get(nxt[1:]) if nxt.startswith("#") else None


_LABELLED_TAGS = tuple(_tei(n) for n in ("person", "place", "org", "respStmt"))
_LABEL_XPATHS = {
    _tei(name): etree.XPath(f"normalize-space({expr})", namespaces={"tei": TEI_NS})
    for name, expr in {
        "person": "(tei:persName[@type='full'] | tei:persName[not(../tei:persName[@type='full'])][1])[1]",
        "place": "tei:placeName[1]",
        "org": "tei:orgName[1]",
        "respStmt": "(tei:persName | tei:name | tei:orgName)[1]",
    }.items()
}
_HAS_FULL_NAME = etree.XPath("boolean(tei:persName[@type='full'])", namespaces={"tei": TEI_NS})


def _mark_labels(root: etree._Element) -> None:
    """Give every person, place, organisation and responsibility statement with an xml:id its
    display name as r:label, so the page names it in each pointer's hover text without working the
    name out again each time. A person's name written "Castro, Fidel" reads as "Fidel Castro"."""
    for el in root.iter(*_LABELLED_TAGS):
        if el.get(XML_ID) is None:
            continue
        label = _LABEL_XPATHS[el.tag](el)
        if el.tag == _PERSON and ", " in label and not _HAS_FULL_NAME(el):
            family, given = label.split(", ", 1)
            if "," not in given:
                label = f"{given} {family}"
        el.set(_LABEL, label)
