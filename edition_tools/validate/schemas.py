"""Schema checkers: XML Schema (.xsd), RELAX NG (.rng) and ISO Schematron (.sch).

Each checker is compiled once and then checks parsed documents, returning diagnostics that point
at the element at fault. A schema that is missing, malformed, or refers to anything on the network
raises :class:`SchemaError` (a usage error naming the file).

XML Schema: libxml2 (through lxml) answers "valid?" fast; only when it says no does xmlschema
produce the detailed report, with the compiled xmlschema schema taken from the on-disk cache.
Messages name the child at fault (xmlschema reports content errors on the parent with an index).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from lxml import etree, isoschematron

from ..diagnostics import Diagnostic
from ..xmlio import XMLInputError, local_name, parse_file
from . import cache
from .messages import ATTRIBUTE_HINTS, PLACEMENT_HINTS

Locate = Callable[[etree._Element], "tuple[int, int]"]

XS = "{http://www.w3.org/2001/XMLSchema}"
RNG = "{http://relaxng.org/ns/structure/1.0}"


class SchemaError(Exception):
    """The schema itself cannot be used: missing, unreadable, malformed, or remote."""

    def __init__(self, message: str, path: Path | str):
        super().__init__(f"{path}: {message}")
        self.message = message
        self.path = str(path)


def _read_schema(path: Path) -> etree._ElementTree:
    try:
        tree = parse_file(path)
    except XMLInputError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        raise SchemaError(f"cannot read the schema: {exc.message}{where}", path) from None
    tree.docinfo.URL = str(path.resolve())  # so that relative includes resolve next to it
    return tree


def _local_refs(path: Path, tree: etree._ElementTree, xpath: str, seen: set[Path]) -> list[Path]:
    """Files a schema includes or imports (recursively); anything remote is refused."""
    out = [path]
    seen.add(path)
    for ref in tree.getroot().xpath(xpath):
        scheme = urlparse(ref).scheme
        if scheme and len(scheme) > 1:  # http:, https:, ftp:, file: … (a single letter is a drive)
            raise SchemaError(f"the schema refers to {ref}; nothing is fetched from the network: "
                              "download the file and refer to the local copy", path)
        target = (path.parent / ref).resolve()
        if target not in seen:
            if not target.is_file():
                raise SchemaError(f"the schema refers to {ref}, which does not exist", path)
            out += _local_refs(target, _read_schema(target), xpath, seen)
    return out


# ----------------------------------------------------------------------------- XML Schema


class XsdChecker:
    kind = "xsd"

    def __init__(self, path: Path):
        self.path = path
        tree = _read_schema(path)
        if tree.getroot().tag != XS + "schema":
            raise SchemaError("this is not an XML Schema (the root element is not xs:schema)", path)
        self.files = _local_refs(path, tree, "//*[local-name()='import' or local-name()='include' or local-name()='redefine']/@schemaLocation", set())
        try:
            self._fast = etree.XMLSchema(tree)
        except etree.XMLSchemaParseError:
            self._fast = None  # e.g. XSD 1.1 features: xmlschema alone will check
        self._full = None
        if self._fast is None:
            self._load_full()

    def _load_full(self):
        if self._full is None:
            import xmlschema

            def build():
                try:
                    return xmlschema.XMLSchema(str(self.path), allow="local", defuse="always")
                except (xmlschema.XMLSchemaException, OSError, ValueError) as exc:
                    raise SchemaError(f"the schema does not compile: {_first_line(exc)}", self.path) from None

            digest = cache.files_digest(self.files, "xmlschema", xmlschema.__version__)
            self._full = cache.cached("xsd", digest, build)
        return self._full

    def check(self, tree: etree._ElementTree, path: str, locate: Locate) -> list[Diagnostic]:
        if self._fast is not None and self._fast.validate(tree):
            return []
        schema = self._load_full()
        diags = [_xsd_diagnostic(e, path, locate) for e in schema.iter_errors(tree)]
        if not diags and self._fast is not None:  # the two engines disagree: report libxml2's view
            for e in self._fast.error_log:
                diags.append(Diagnostic(path, e.line, e.column or 1, "error", _clean_libxml(e.message), "schema"))
        return diags


_Q = re.compile(r"\{[^}]*\}")


def _tag(el) -> str:
    return local_name(el) if el is not None and isinstance(el.tag, str) else "?"


def _xsd_diagnostic(e, path: str, locate: Locate) -> Diagnostic:
    el = getattr(e, "elem", None)
    el = el if isinstance(el, etree._Element) else None
    reason = _Q.sub("", str(getattr(e, "reason", "") or e))
    index = getattr(e, "index", None)
    hint = ""
    target = el
    if index is not None and el is not None:
        children = [c for c in el if isinstance(c.tag, str)]
        expected = [_Q.sub("", getattr(x, "name", "") or "") for x in (getattr(e, "expected", None) or [])]
        expected = [x for x in expected if x]
        if index < len(children):
            target = children[index]
            child = _tag(target)
            before = f" after {_tag(children[index - 1])}" if index > 0 else " as its first child"
            if target.tag.startswith("{http://www.w3.org/2001/XInclude}"):
                message = "XInclude is not processed: copy the included text into the file"
            elif not target.tag.startswith("{http://www.tei-c.org/ns/1.0}"):
                message = f"{target.tag} is not a TEI element (wrong namespace?) and is not allowed in {_tag(el)}"
            else:
                message = f"{child} is not allowed here in {_tag(el)}{before}"
            hint = PLACEMENT_HINTS.get(child, "")
            if expected:
                hint = (hint + "; " if hint else "") + "expected here: " + ", ".join(expected[:8])
        else:
            message = f"{_tag(el)} is incomplete" + (f": it needs {' or '.join(expected[:8])}" if expected else "")
            if expected:
                hint = f"add <{expected[0]}>…</{expected[0]}> inside {_tag(el)}"
    else:
        message, hint = _attribute_message(_tag(el), reason)
    line, col = locate(target) if target is not None else (1, 1)
    return Diagnostic(path, line, col, "error", message, "schema", hint)


def _attribute_message(el: str, reason: str) -> tuple[str, str]:
    m = re.match(r"missing required attribute '([^']+)'", reason)
    if m:
        a = m.group(1)
        return f"{el} needs @{a}", ATTRIBUTE_HINTS.get((el, a), f"add {a}=\"…\"")
    m = re.match(r"attribute (\S+?)='(.*)': value must be one of \[(.*)\]", reason, re.S)
    if m:
        values = m.group(3).replace("'", "")
        return f"{el}/@{m.group(1)}=\"{m.group(2)}\" is not an allowed value", f"use one of: {values}"
    m = re.match(r"attribute (\S+?)='(.*?)': (.*)", reason, re.S)
    if m:
        attr, value, why = m.group(1), m.group(2), _first_line(m.group(3))
        attr = {"lang": "xml:lang", "id": "xml:id"}.get(attr, attr)  # the namespace was stripped above
        hint = VALUE_HINTS.get(attr, "")
        for typ, h in TYPE_HINTS.items():
            if typ in why and not hint:
                hint = h
        return f"{el}/@{attr}=\"{value}\" is not a valid value", hint or why
    m = re.match(r"'([^']+)' attribute not allowed", reason)
    if m:
        return f"{el} cannot have @{m.group(1)}", f"remove @{m.group(1)}, or move it to an element that allows it"
    if "Character data between child elements not allowed" in reason or "character data" in reason.lower():
        return f"text is not allowed directly inside {el}", "put the text in a child element (e.g. <p>) or remove it"
    m = re.search(r"Duplicated xs:ID value '([^']+)'", reason)
    if m:
        return f"xml:id \"{m.group(1)}\" is used more than once in this file", "give each element its own xml:id"
    m = re.search(r"not an element of the schema", reason)
    if m:
        return f"{el} is not an element of the schema", ""
    return f"{el}: {_first_line(reason)}", ""


#: what a value of these attributes looks like
VALUE_HINTS = {
    a: "write an ISO date: YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD (a real calendar date)"
    for a in ("when", "notBefore", "notAfter", "from", "to")
} | {
    "xml:lang": "write a language tag such as en, ru or ru-Latn",
    "xml:id": "an xml:id starts with a letter or _ and has no spaces or colons",
}
TYPE_HINTS = {
    "xs:decimal": "write a number, e.g. 3 or 2.5",
    "Integer": "write a whole number",
    "xs:ID": "an xml:id starts with a letter or _ and has no spaces or colons",
    "xs:language": "write a language tag such as en, ru or ru-Latn",
    "list": "write one or more values separated by spaces",
}


def _first_line(x) -> str:
    s = str(x).strip().splitlines()
    return s[0] if s else ""


def _clean_libxml(msg: str) -> str:
    return _Q.sub("", msg).replace("Element '", "'")


# ----------------------------------------------------------------------------- RELAX NG


class RngChecker:
    kind = "rng"

    def __init__(self, path: Path):
        self.path = path
        tree = _read_schema(path)
        if tree.getroot().tag not in (RNG + "grammar", RNG + "element"):
            raise SchemaError("this is not a RELAX NG schema (XML syntax expected)", path)
        self.files = _local_refs(path, tree, "//*[local-name()='include' or local-name()='externalRef']/@href", set())
        try:
            self._rng = etree.RelaxNG(tree)
        except etree.RelaxNGParseError as exc:
            raise SchemaError(f"the schema does not compile: {_first_line(exc)}", path) from None

    def check(self, tree, path, locate) -> list[Diagnostic]:
        if self._rng.validate(tree):
            return []
        return [Diagnostic(path, e.line, max(e.column, 1), "error", _clean_libxml(e.message), "schema") for e in self._rng.error_log]


# ----------------------------------------------------------------------------- Schematron

SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_ACCESS = etree.XSLTAccessControl(read_file=False, write_file=False, create_dir=False, read_network=False, write_network=False)


class SchematronChecker:
    """ISO Schematron (XSLT 1.0 binding, EXSLT) compiled with lxml's skeleton and run under an
    access control that denies file and network access."""

    kind = "sch"

    def __init__(self, path: Path, phase: str | None = None):
        self.path = path
        tree = _read_schema(path)
        if tree.getroot().tag != "{http://purl.oclc.org/dsdl/schematron}schema":
            raise SchemaError("this is not an ISO Schematron schema (root sch:schema expected)", path)
        self.files = _local_refs(path, tree, "//*[local-name()='include' or local-name()='extends']/@href", set())
        try:
            step = isoschematron.iso_dsdl_include(tree)
            step = isoschematron.iso_abstract_expand(step)
            params = {"allow-foreign": "true"}
            if phase:
                params["phase"] = phase
            compiled = isoschematron.iso_svrl_for_xslt1(step, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
            self._xslt = etree.XSLT(compiled, access_control=_ACCESS)
        except (etree.XSLTParseError, etree.XSLTApplyError) as exc:
            raise SchemaError(f"the Schematron does not compile: {_first_line(exc)}", path) from None

    def check(self, tree, path, locate) -> list[Diagnostic]:
        try:
            report = self._xslt(tree)
        except etree.XSLTApplyError as exc:
            return [Diagnostic(path, 1, 1, "error", f"the Schematron could not run: {_first_line(exc)}", "schematron")]
        diags = []
        for node in report.getroot().iter(SVRL + "failed-assert", SVRL + "successful-report"):
            target = None
            loc = node.get("location")
            if loc:
                try:
                    found = tree.xpath(loc)
                    target = found[0] if found else None
                except etree.XPathError:
                    target = None
            if target is not None and not isinstance(target, etree._Element):
                target = target.getparent() if hasattr(target, "getparent") else None
            line, col = locate(target) if target is not None else (1, 1)
            text = " ".join("".join(node.itertext()).split())
            code = node.get("id", "schematron")
            m = re.match(r"(R\d\d)\b[:.]?\s*(.*)", text)
            if m:
                code, text = m.group(1), m.group(2)
            role = (node.get("role") or "error").lower()
            severity = "warning" if role in ("warning", "warn", "info", "information") else "error"
            diags.append(Diagnostic(path, line, col, severity, text, code))
        return diags


def load_checker(path: Path | str):
    """A compiled checker for ``path``, chosen by its suffix (.xsd, .rng, .sch)."""
    p = Path(path)
    if not p.exists():
        raise SchemaError("no such schema file", p)
    if p.is_dir():
        raise SchemaError("this is a folder, not a schema file", p)
    suffix = p.suffix.lower()
    if suffix == ".xsd":
        return XsdChecker(p)
    if suffix == ".rng":
        return RngChecker(p)
    if suffix in (".sch", ".isosch"):
        return SchematronChecker(p)
    raise SchemaError("unknown schema type: use a .xsd, .rng or .sch file", p)
