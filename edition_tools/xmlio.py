"""The one module that owns XML: namespaces, the hardened parser and the serializer.

No other module creates an ``etree.XMLParser``, calls ``etree.tostring`` or indents a tree.

* Parsing never expands entities, never loads a DTD, never touches the network and refuses
  documents that declare a DOCTYPE (the usual carrier of XXE and entity bombs).
* Serializing is deterministic and adds whitespace only inside element-only containers
  (``TEI``, ``teiHeader``, ``body``, ``div`` …), never inside mixed content such as ``p``.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
NSMAP = {"tei": TEI_NS, "xml": XML_NS}

#: the process umask, read once: files written through a temporary file get the usual permissions
_UMASK = os.umask(0)
os.umask(_UMASK)

#: Largest document the parser accepts (bytes); larger inputs are refused, not half-read.
MAX_BYTES = 200 * 1024 * 1024


def qn(name: str) -> str:
    """``qn("tei:p")`` -> ``{http://www.tei-c.org/ns/1.0}p``; ``qn("xml:id")`` likewise."""
    if ":" in name:
        prefix, local = name.split(":", 1)
        return f"{{{NSMAP[prefix]}}}{local}"
    return f"{{{TEI_NS}}}{name}"


XML_ID = qn("xml:id")
XML_LANG = qn("xml:lang")


def local_name(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


#: an empty element per tag (with the TEI namespace declared) that :func:`E` copies: copying an element
#: costs a third of making one with a namespace map. Never changed; at most ``_PROTOTYPES_MAX`` tags.
_PROTOTYPES: dict[str, etree._Element] = {}
_PROTOTYPES_MAX = 512
_TEI_NSMAP = {None: TEI_NS}


def E(tag: str, attrib: dict[str, str] | None = None, *children, text: str | None = None) -> etree._Element:
    """Make a TEI element. ``tag`` is a local name (``"p"``) or a prefixed one (``"xml:id"`` style keys in attrib)."""
    proto = _PROTOTYPES.get(tag)
    if proto is None:
        proto = etree.Element(qn(tag) if not tag.startswith("{") else tag, nsmap=_TEI_NSMAP)
        if len(_PROTOTYPES) < _PROTOTYPES_MAX:
            _PROTOTYPES[tag] = proto
    el = proto.__copy__()
    if attrib:
        for k, v in attrib.items():
            if v is None:
                continue
            el.set(qn(k) if k.startswith("xml:") else k, v)
    if text is not None:
        el.text = text
    for child in children:
        if child is not None:
            el.append(child)
    return el


def xpath(node, expr: str, **variables):
    """XPath with the TEI prefix bound; user values go in as ``$variables``, never formatted in."""
    return node.xpath(expr, namespaces=NSMAP, **variables)


# --------------------------------------------------------------------------- parsing


class XMLInputError(Exception):
    """A document that cannot be read as safe, well-formed XML. Carries path, line and column."""

    def __init__(self, message: str, path: str | os.PathLike | None = None, line: int = 0, column: int = 0, code: str = "xml"):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.code = code

    def __str__(self) -> str:
        where = self.path or "<input>"
        return f"{where}:{self.line}:{self.column}: error: {self.message}"


def _make_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=True,
    )


_PARSER = _make_parser()


def parse_bytes(data: bytes, path: str | os.PathLike | None = None) -> etree._ElementTree:
    """Parse ``data`` with the hardened parser; raise :class:`XMLInputError` with a useful message."""
    if not data.strip():
        raise XMLInputError("the file is empty: expected a TEI XML document", path, 1, 1, "empty")
    if len(data) > MAX_BYTES:
        raise XMLInputError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into smaller documents", path, 1, 1, "too-large")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise XMLInputError("this is a binary file, not XML text", path, 1, 1, "binary")
    head = data[:4096].lstrip()
    if head[:1] not in (b"<", b"\xef") and not head.startswith(b"\xff") and not head.startswith(b"\xfe"):
        raise XMLInputError("this is not XML: the first character must be '<'", path, 1, 1, "not-xml")
    try:
        root = etree.fromstring(data, parser=_PARSER, base_url=None)
    except etree.XMLSyntaxError as exc:
        line, col = (exc.position if exc.position else (exc.lineno or 1, exc.offset or 0))
        msg = _clean_libxml_message(exc.msg or str(exc))
        raise XMLInputError(f"not well-formed XML: {msg}", path, line or 1, col or 0, "well-formed") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise XMLInputError(
            "the document has a DOCTYPE declaration; TEI files here must not declare a DTD or entities "
            "(remove the <!DOCTYPE …> line)",
            path, 1, 1, "doctype",
        )
    for node in root.iter(etree.Entity):
        raise XMLInputError(
            f"the document uses the entity reference &{node.name};, which is not expanded; write the character itself",
            path, node.sourceline or 1, 0, "entity",
        )
    return tree


def parse_file(path: str | os.PathLike) -> etree._ElementTree:
    """Read and parse one file; every failure is an :class:`XMLInputError` naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise XMLInputError("this is a folder, not a file", p, 0, 0, "io") from None
    except FileNotFoundError:
        raise XMLInputError("no such file", p, 0, 0, "io") from None
    except OSError as exc:
        raise XMLInputError(f"cannot read the file: {exc.strerror}", p, 0, 0, "io") from None
    return parse_bytes(data, p)


def _clean_libxml_message(msg: str) -> str:
    msg = msg.strip()
    # libxml2 appends ", line N, column M"; we report position separately.
    for sep in (", line ",):
        if sep in msg:
            msg = msg.split(sep, 1)[0]
    return msg


# --------------------------------------------------------------------------- serializing

#: TEI elements whose content model is element-only: whitespace between their children is
#: insignificant, so they are the only places the serializer indents.
ELEMENT_ONLY = frozenset(
    """
    TEI teiHeader fileDesc titleStmt editionStmt publicationStmt seriesStmt notesStmt sourceDesc
    encodingDesc projectDesc samplingDecl editorialDecl correction normalization quotation hyphenation
    segmentation interpretation tagsDecl classDecl taxonomy appInfo
    profileDesc abstract langUsage textClass keywords particDesc settingDesc setting calendarDesc
    listPerson person listPlace place listOrg org listBibl revisionDesc listChange
    availability
    msDesc msIdentifier msContents physDesc history additional
    respStmt relatedItem
    text front body back div div1 div2 div3 group
    sp list table row figure standOff
    """.split()
)


def _indent(el: etree._Element, level: int, step: str = "  ") -> None:
    name = local_name(el)
    children = [c for c in el if isinstance(c.tag, str) or True]
    if not children:
        return
    if name not in ELEMENT_ONLY or el.tag.split("}")[0] != "{" + TEI_NS:
        # mixed or unknown content: leave it exactly as it is, but still indent element-only
        # descendants (e.g. a list inside a note is element-only).
        for child in children:
            if isinstance(child.tag, str):
                _indent(child, level + 1, step)
        return
    if el.text is not None and el.text.strip():
        for child in children:
            if isinstance(child.tag, str):
                _indent(child, level + 1, step)
        return
    if any(c.tail is not None and c.tail.strip() for c in children):
        for child in children:
            if isinstance(child.tag, str):
                _indent(child, level + 1, step)
        return
    inner = "\n" + step * (level + 1)
    el.text = inner
    for child in children:
        child.tail = inner
        if isinstance(child.tag, str):
            _indent(child, level + 1, step)
    children[-1].tail = "\n" + step * level


def serialize(tree_or_root, *, indent: bool = True) -> bytes:
    """Serialize to UTF-8 bytes with an XML declaration and a final newline, deterministically.

    Indents only element-only TEI containers; never changes the text of mixed content.
    The input tree is modified in place only in whitespace between children of element-only
    containers (whitespace that carries no meaning there).
    """
    root = tree_or_root.getroot() if isinstance(tree_or_root, etree._ElementTree) else tree_or_root
    if indent:
        _indent(root, 0)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=False, with_tail=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def to_string(el: etree._Element) -> str:
    """Serialize a fragment as text, without indentation (for tests and messages)."""
    return etree.tostring(el, encoding="unicode", with_tail=False)


# --------------------------------------------------------------------------- files


def write_atomic(path: str | os.PathLike, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A crash or Ctrl-C leaves either the old file or the new one, never half a file.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; a published page must be readable
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def text_of(el: etree._Element, skip: Iterable[str] = ()) -> str:
    """Concatenated text of ``el`` in document order, leaving out elements whose local name is in ``skip``
    (their tails are kept)."""
    skip = frozenset(skip)
    out: list[str] = []

    def walk(node):
        if node.text:
            out.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and local_name(child) not in skip:
                walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return "".join(out)


@dataclass(frozen=True)
class Located:
    """A place in a file, for messages."""

    path: str
    line: int = 0
    column: int = 0
