"""The marks the renderer puts on a copy of a TEI document before the XSLT transform.

Attributes in the namespace ``urn:x-edition-tools:render`` (prefix ``r`` in the stylesheets): a
stable anchor on every paragraph and speech, a number on every numbered note, a label on every page
break, the display name of every person, place, organisation and responsibility statement that has
an xml:id. One pass in document order does it, so rendering time grows linearly with the size of
the document.
"""

from __future__ import annotations

import re
import string

from lxml import etree

from ..xmlio import TEI_NS, XML_ID, XML_LANG, local_name
from .site import LANGUAGE_NAMES

R_NS = "urn:x-edition-tools:render"

_ANNOTATED = f"{{{R_NS}}}annotated"
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
_ORG = _tei("org")
#: the kind of anchor (and its counter) of each anchored element; said, quote and q are anchored
#: only when they are block speeches
_ANCHOR_KIND = {_tei("p"): "p", _tei("ab"): "p", _tei("sp"): "sp"}
#: compiled once: an XPath compiled per call costs more than the walk on a small document
_MARKS = etree.XPath("//@r:*", namespaces={"r": R_NS})
_XML_IDS = etree.XPath("//@xml:id")


def first_ids(root: etree._Element) -> tuple[dict[str, etree._Element], set[str]]:
    """xml:id -> the first element in document order that has it; and the xml:ids of organisations."""
    ids: dict[str, etree._Element] = {}
    orgs: set[str] = set()
    for value in _XML_IDS(root):
        parent = value.getparent()
        value = str(value)
        ids.setdefault(value, parent)
        if parent.tag == _ORG:
            orgs.add(value)
    return ids, orgs


def _opens_the_text(pb: etree._Element, text: etree._Element) -> bool:
    """Does the page break ``pb`` stand before every word of ``text`` (as the converter puts a break
    for the printed number of the first page)? Reads only what comes before it."""
    node = pb
    while node is not text:
        for before in node.itersiblings(preceding=True):
            if "".join(before.itertext()).strip() or (before.tail or "").strip():
                return False
        node = node.getparent()
        if (node.text or "").strip():
            return False
    return True


def annotate(root: etree._Element) -> etree._Element:
    """Mark anchors, block speeches, note numbers and page labels (in place); return ``root``.

    One pass over the elements that take a mark, in document order (linear in the document)."""
    # Marks from an earlier run, or written into the document: start afresh (a page must not trust
    # an r:href it did not make).
    for mark in _MARKS(root):
        mark.getparent().attrib.pop(mark.attrname)
    # the first mark goes on the root, which thus declares the namespace once for every mark below it
    # (an element that finds no declaration above it would get one of its own)
    root.set(_ANNOTATED, "true")
    ids, orgs = first_ids(root)
    taken = set(ids)
    counters = {"p": 0, "sp": 0, "speech": 0}
    fn = 0
    pages = 0
    #: 1 when the text begins before its first page break (on a page no break opens), else 0: the
    #: number of the page a break without ``@n`` opens is the breaks so far plus this
    first_page_unmarked: int | None = None
    for text in root.iter(_TEXT):
        if any(True for _ in text.iterancestors(_TEXT)):
            continue  # a floating text inside another text: covered by the outer one
        notes_above = [note.get("type") for note in text.iterancestors(_NOTE)]
        all_in_conversion_note = "conversion" in notes_above
        # A text that stands inside a note counts as inside it only from its own first note on
        # (the behaviour of the earlier element-by-element ancestor check, kept unchanged).
        all_in_note = False
        in_note, in_conversion_note = _elements_inside_notes(text)
        pages_before = pages
        for el in text.iter(*_MARKED_TAGS):
            tag = el.tag
            if tag == _PB_TAG:
                pages += 1
                if first_page_unmarked is None:
                    first_page_unmarked = 0 if _opens_the_text(el, text) else 1
                n = (el.get("n") or "").strip()
                el.set(_PB, f"p. {n}" if n else f"[p. {pages + first_page_unmarked}]")
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
        if pages > pages_before:
            text.set(_PAGES, "true")
    _mark_split_speeches(root)
    _mark_labels(root)
    _PageMarks(root, ids, orgs).run()
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
            for text in el.iterancestors(_TEXT):
                text.set(_CHAINS, "true")
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


# ---------------------------------------------------------------------- what the pages show

_XML_SPACE = re.compile(r"[ \t\n\r]+")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def normalize_space(text: str | None) -> str:
    """XPath's normalize-space(): runs of XML whitespace (space, tab, CR, LF) become one space and
    the ends are trimmed; other spaces (no-break space …) stay."""
    if not text:
        return ""
    if text.isascii():  # str.split() splits on XML whitespace here (XML has no other ASCII spaces)
        return " ".join(text.split())
    return _XML_SPACE.sub(" ", text).strip(" \t\n\r")


def string_value(el: etree._Element) -> str:
    """XPath's string() of an element: its text and its descendants' (not comments, not PIs)."""
    return "".join(el.itertext())


def is_safe_url(url: str | None) -> bool:
    """Whether ``url`` may be a link: http, https, mailto, a fragment or a relative path (the
    stylesheets' is-safe-url). Whitespace is removed first because browsers ignore it in a scheme."""
    u = normalize_space(url).replace(" ", "").translate(_ASCII_LOWER)
    if not u or u.startswith(("//", "\\")):
        return False
    scheme, colon, _ = u.partition(":")
    return not colon or any(c in scheme for c in "/?#") or scheme in ("http", "https", "mailto")


_R = f"{{{R_NS}}}"
_BLOCKS = _R + "blocks"        # p, ab: holds blocks (an HTML div rather than a p)
_INLINE = _R + "inline"        # opener, closer … and l: inside a phrase (a span rather than a div)
_LEVEL = _R + "level"          # head of a division: its heading level
_HI = _R + "hi"                # hi: the HTML element
_REND = _R + "rend"            # hi: @rend normalised
_HREF = _R + "href"            # a linked name, ref or ptr: the link; graphic, media: the image
_FACS = _R + "facs"            # pb: the facsimile's link
_URL = _R + "url"              # ref, ptr: the address shown when the link has no text of its own
_NESTED = _R + "nested"        # ref, ptr inside a ref or ptr: not a link again
_TITLE = _R + "title"          # a linked name: the hover text (name and role)
_SPEECH = _R + "speech"        # said, q, quote, sp with @who: the hover text
_WHO = _R + "who"              # a block speech with @who: the speaker label
_RESP = _R + "resp"            # the names @resp points to
_LANGNAME = _R + "langname"    # foreign, term: the name of the language
_IDLABEL = _R + "idlabel"      # a person whose xml:id an earlier element has too: that element's name
_ORG_AUTHOR = _R + "org"       # an author pointing at an organisation
_DEFERRED = _R + "deferred"    # a numbered note inside a link: its call follows the link
_CALLS = _R + "calls"          # the link whose end holds those calls
_PAGES = _R + "pages"          # a text with page breaks
_CHAINS = _R + "chains"        # a text with parts of split speeches

_NAME_TAGS = frozenset(_tei(n) for n in ("persName", "placeName", "orgName", "name", "rs", "geogName"))
_PLACE_NAME_TAGS = frozenset(_tei(n) for n in ("placeName", "geogName"))
_KINDS = {_tei("person"): "person", _tei("place"): "place", _tei("org"): "org"}
_REF, _PTR, _SAID, _CIT, _BYLINE, _ITEM, _P = (_tei(n) for n in ("ref", "ptr", "said", "cit", "byline", "item", "p"))
_LABELLED = frozenset(_LABELLED_TAGS)
_BLOCK_TAGS = frozenset(_tei(n) for n in ("list", "table", "figure", "lg", "sp", "div", "floatingText"))
_PARAGRAPH_TAGS = frozenset(_tei(n) for n in ("p", "ab"))
_PHRASE_TAGS = frozenset(_tei(n) for n in ("p", "ab", "head", "l", "hi"))
_DIV_TAGS = frozenset(_tei(n) for n in ("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"))
_HEAD_PARENTS = _DIV_TAGS | frozenset(_tei(n) for n in ("body", "front", "back"))
_OPENER_TAGS = tuple(_tei(n) for n in (
    "opener", "closer", "byline", "dateline", "salute", "signed", "postscript", "trailer", "epigraph", "argument",
    "titlePage", "docTitle", "titlePart", "docImprint", "docEdition", "address", "addrLine", "stage", "label"))
#: elements whose @resp the page names (hover texts, the list of emendations)
_RESP_TAGS = tuple(_tei(n) for n in (
    "corr", "reg", "orig", "abbr", "expan", "unclear", "damage", "surplus", "secl", "add", "supplied", "sic"))
_RESP_TAG_SET = frozenset(_RESP_TAGS)
_SP, _QUOTE, _ORG_NAME = _tei("sp"), _tei("quote"), _tei("orgName")
_HI_ELEMENTS = (("sup", {"sup", "superscript"}), ("sub", {"sub", "subscript"}), ("i", {"italic", "i", "italics"}),
                ("b", {"bold", "b", "strong"}))
_SPEECH_HOVER = {"true": ": direct speech", "false": ": reported speech", "unknown": ": speech (direct or reported unclear)"}


class _Names:
    """What pointers (``#id``) point at, named as the pages name it; worked out once per target."""

    def __init__(self, ids: dict[str, etree._Element]):
        self.ids = ids
        self._lists: dict[str, str] = {}
        self._hovers: dict[str, str] = {}
        self._speeches: dict[tuple, str] = {}

    def of(self, target: etree._Element) -> str:
        """A person's, place's, organisation's or responsibility statement's r:label, else the text."""
        if target.tag in _LABELLED:
            return target.get(_LABEL) or ""
        return normalize_space(string_value(target))

    def pointers(self, pointers: str) -> str:
        """``"#a #b"`` -> ``"Name of a and Name of b"``; a pointer to nothing known reads as its id,
        anything else as written."""
        names = self._lists.get(pointers)
        if names is None:
            out = []
            for token in normalize_space(pointers).split(" "):
                if token.startswith("#"):
                    target = self.ids.get(token[1:])
                    out.append((self.of(target) if target is not None else "") or token[1:])
                elif token:
                    out.append(token)
            names = self._lists[pointers] = " and ".join(out)
        return names

    def hover(self, id_: str, target: etree._Element) -> str:
        """The hover text of a name pointing at ``target``: its name, with a role, an identification
        or an occupation when it has one."""
        text = self._hovers.get(id_)
        if text is None:
            text = self.of(target)
            for child in target:
                if child.tag == _OCCUPATION or (child.tag == _NOTE and child.get("type") in ("role", "identification")):
                    text += ", " + normalize_space(string_value(child))
                    break
            self._hovers[id_] = text
        return text

    def speech(self, el: etree._Element) -> str:
        """The hover text of a speech: who speaks (to whom), how, and how certain that is."""
        key = (el.get("who"), el.get("toWhom"), el.get("aloud"), el.get("direct"), el.get("cert"), el.get("resp") == "#conv")
        text = self._speeches.get(key)
        if text is None:
            who, to, aloud, direct, cert, inferred = key
            text = self.pointers(who)
            if to is not None:
                text += " → " + self.pointers(to)
            text += ": thought" if aloud == "false" else _SPEECH_HOVER.get(direct, "")
            if cert is not None:
                text += f" (inferred, {cert})" if inferred else f" (certainty {cert})"
            self._speeches[key] = text
        return text


_OCCUPATION = _tei("occupation")


def nearest(el: etree._Element, value_of, memo: dict):
    """``value_of(a)`` of the nearest ancestor ``a`` of ``el`` for which it is not None (None if
    there is none). ``memo`` keeps the answer for every element walked past (its own value, else its
    parent's answer), so the siblings and cousins of ``el`` cost a look-up."""
    walked = []
    node = el.getparent()
    found = None
    while node is not None:
        if node in memo:
            found = memo[node]
            break
        found = value_of(node)
        if found is not None:
            memo[node] = found
            break
        walked.append(node)
        node = node.getparent()
    for n in walked:
        memo[n] = found
    return found


def _in_phrase(node: etree._Element) -> bool | None:
    """p, ab, head, l, hi, or a list item without paragraphs: an opener's part inside it is a phrase."""
    return True if node.tag in _PHRASE_TAGS or (node.tag == _ITEM and node.find(_P) is None) else None


def _in_paragraph(node: etree._Element) -> bool | None:
    return True if node.tag in _PARAGRAPH_TAGS else None


class _PageMarks:
    """One pass over the whole document (the header panel shows names, dates and links too)."""

    def __init__(self, root: etree._Element, ids: dict[str, etree._Element], orgs: set[str]):
        self.root = root
        self.names = _Names(ids)
        self.ids = ids
        self.orgs = orgs
        self.in_link: set = set()     # names inside a ref, ptr or linked name: not linked again
        self.in_ref: set = set()      # refs and ptrs inside a ref or ptr
        self.deferred: set = set()
        self.phrase_memo: dict = {}
        self.paragraph_memo: dict = {}
        self.div_depths: dict = {}
        self.languages: dict[str, str] = {}
        self.hi_marks: dict[str, tuple] = {}
        handlers = {
            self.name: _NAME_TAGS, self.ref: (_REF, _PTR), self.hi: (_tei("hi"),), self.opener: _OPENER_TAGS,
            self.line: (_tei("l"),), self.head: (_tei("head"),), self.speech: _SPEECH_TAGS | {_SP},
            self.block: _BLOCK_TAGS - {_SP}, self.resp: _RESP_TAGS, self.note: (_NOTE,),
            self.choice: (_tei("choice"),), self.foreign: (_tei("foreign"), _tei("term")),
            self.graphic: (_tei("graphic"), _tei("media")), self.page_break: (_PB_TAG,), self.licence: (_tei("licence"),),
            self.person: (_PERSON,), self.author: (_tei("author"),),
        }
        self.handlers = {tag: handler for handler, tags in handlers.items() for tag in tags}

    def run(self) -> None:
        handlers = self.handlers
        for el in self.root.iter(*handlers):
            handlers[el.tag](el)

    # ---------------------------------------------------------------- links and names

    def _link_around(self, link: etree._Element, *, refs: bool, defers: bool) -> None:
        """Names inside ``link`` are not linked again (nor refs and ptrs inside a ref or ptr); the
        numbered notes inside it at its own note level get their calls after it (``defers``), from the
        outermost such link (document order visits it first)."""
        self.in_link.update(link.iterdescendants(*_NAME_TAGS))
        if refs:
            self.in_ref.update(link.iterdescendants(_REF, _PTR))
        if not defers:
            return
        for note in link.iterdescendants(_NOTE):
            if note.get(_FN) is None or note in self.deferred:
                continue
            if _same_note_level(note, link):
                self.deferred.add(note)
                note.set(_DEFERRED, "true")
                if link.get(_CALLS) is None:
                    link.set(_CALLS, "true")

    def person(self, el: etree._Element) -> None:
        id_ = el.get(XML_ID)
        first = self.ids.get(id_) if id_ is not None else el
        if first is not el:
            el.set(_IDLABEL, self.names.of(first))

    def author(self, el: etree._Element) -> None:
        ref = el.get("ref")
        if ref is not None and ref.startswith("#") and normalize_space(ref).partition("#")[2] in self.orgs:
            el.set(_ORG_AUTHOR, "true")

    def name(self, el: etree._Element) -> None:
        ref = normalize_space(el.get("ref"))
        if not ref.startswith("#"):
            return
        if len(el):
            self._link_around(el, refs=False, defers=True)
        if el in self.in_link:
            return
        id_ = ref[1:].split(" ", 1)[0]
        target = self.ids.get(id_)
        kind = _KINDS.get(target.tag) if target is not None else None
        if kind is None:
            type_ = el.get("type")
            kind = (("place" if el.tag in _PLACE_NAME_TAGS or type_ == "place" else "")
                    + ("org" if el.tag == _ORG_NAME or type_ == "org" else "")) or "person"
        el.set(_HREF, f"{'places' if kind == 'place' else 'persons'}.html#{kind}-{id_}")
        if target is not None:
            el.set(_TITLE, self.names.hover(id_, target))

    def ref(self, el: etree._Element) -> None:
        target = el.get("target")
        if len(el):
            self._link_around(el, refs=True, defers=target is not None or el.tag == _PTR)
        if el in self.in_ref:
            el.set(_NESTED, "true")
            return
        url = normalize_space(target).split(" ", 1)[0]  # the first address
        if el.tag == _PTR or (el.text is None and not len(el)):
            el.set(_URL, url)
        self.link(el, url)

    def link(self, el: etree._Element, url: str | None) -> None:
        """r:href when ``url`` is safe; a fragment pointing at a numbered note or an anchored element
        goes to its anchor in the page."""
        if not is_safe_url(url):
            return
        local = self.ids.get(url[1:]) if url.startswith("#") else None
        if local is not None and local.get(_FN) is not None:
            href = "#fn-" + local.get(_FN)
        elif local is not None and local.get(_ANCHOR) is not None:
            href = "#" + local.get(_ANCHOR)
        else:
            href = normalize_space(url)
        el.set(_HREF, href)

    def licence(self, el: etree._Element) -> None:
        target = el.get("target")
        if target is not None:
            self.link(el, target)

    # ---------------------------------------------------------------- phrases and blocks

    def hi(self, el: etree._Element) -> None:
        """r:hi: sup, sub, i or b as @rend says (none: a span); r:rend: @rend in lower case and
        normalised, where that changes it."""
        rend = el.get("rend")
        if rend is None:
            return
        marks = self.hi_marks.get(rend)
        if marks is None:
            normal = normalize_space(rend.translate(_ASCII_LOWER))
            words = set(normal.split(" "))
            html = next((html for html, names in _HI_ELEMENTS if not words.isdisjoint(names)), None)
            marks = self.hi_marks[rend] = (normal if normal != rend else None, html)
        normal, html = marks
        if normal is not None:
            el.set(_REND, normal)
        if html is not None:
            el.set(_HI, html)

    def opener(self, el: etree._Element) -> None:
        parent = el.getparent()
        if parent is not None and ((parent.tag == _SAID and parent.get(_BLOCK) is None) or parent.tag == _BYLINE):
            el.set(_INLINE, "true")
        elif nearest(el, _in_phrase, self.phrase_memo):
            el.set(_INLINE, "true")

    def line(self, el: etree._Element) -> None:
        if nearest(el, _in_paragraph, self.paragraph_memo):
            el.set(_INLINE, "true")

    def head(self, el: etree._Element) -> None:
        parent = el.getparent()
        if parent is None or parent.tag not in _HEAD_PARENTS:
            return
        depth = self._div_depth(parent)
        el.set(_LEVEL, "6" if depth > 4 else "3" if depth < 1 else str(depth + 2))

    def _div_depth(self, node: etree._Element) -> int:
        """How many divisions ``node`` stands in, itself included (memoised along the way up)."""
        memo = self.div_depths
        walked = []
        while node is not None and node not in memo:
            walked.append(node)
            node = node.getparent()
        depth = memo[node] if node is not None else 0
        for n in reversed(walked):
            depth += n.tag in _DIV_TAGS
            memo[n] = depth
        return depth

    def block(self, el: etree._Element) -> None:
        parent = el.getparent()
        if parent is not None and parent.tag in _PARAGRAPH_TAGS:
            parent.set(_BLOCKS, "true")

    def speech(self, el: etree._Element) -> None:
        block = el.get(_BLOCK) is not None
        if block or el.tag == _SP:
            self.block(el)
            parent = el.getparent()
            if block and el.tag == _QUOTE and parent is not None and parent.tag == _CIT:
                self.block(parent)
        who = el.get("who")
        if who is not None:
            el.set(_SPEECH, self.names.speech(el))
            if block:
                el.set(_WHO, self.names.pointers(who))

    # ---------------------------------------------------------------- editors' hands, languages, images

    def resp(self, el: etree._Element) -> None:
        resp = el.get("resp")
        if resp is not None:
            el.set(_RESP, self.names.pointers(resp))

    def note(self, el: etree._Element) -> None:
        if el.get("type") == "originalTerm":
            self.resp(el)

    def choice(self, el: etree._Element) -> None:
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _RESP_TAG_SET:
                self.resp(child)

    def foreign(self, el: etree._Element) -> None:
        tag = el.get(XML_LANG)
        if tag is not None:
            name = self.languages.get(tag)
            if name is None:
                name = self.languages[tag] = self._language_name(tag)
            el.set(_LANGNAME, name)

    def _language_name(self, tag: str) -> str:
        """From the short list of site.LANGUAGE_NAMES, then the header's langUsage, then the tag."""
        t = tag.translate(_ASCII_LOWER)
        name = LANGUAGE_NAMES.get("zh" if t.startswith("zh-") else t)
        if name:
            return name
        header = self.root.find(_tei("teiHeader")) if self.root.tag in (_tei("TEI"), _tei("teiCorpus")) else None
        if header is not None:
            for language in header.iter(_tei("language")):
                if language.get("ident") == tag and language.getparent().tag == _tei("langUsage"):
                    return normalize_space(string_value(language))
        return "language: " + tag

    def graphic(self, el: etree._Element) -> None:
        url = el.get("url")
        if is_safe_url(url):
            el.set(_HREF, normalize_space(url))

    def page_break(self, el: etree._Element) -> None:
        facs = el.get("facs")
        if facs is not None and is_safe_url(facs):
            el.set(_FACS, normalize_space(facs))


def _same_note_level(note: etree._Element, link: etree._Element) -> bool:
    """Whether no note stands between ``note`` and ``link``, an ancestor of it."""
    for ancestor in note.iterancestors():
        if ancestor is link:
            return True
        if ancestor.tag == _NOTE:
            return False
    return False
