"""Properties of the project schema and the validator.

* Clean subset: documents generated from the project schema's own vocabulary (every element,
  attribute and value it allows, at random) that pass the project schema also pass tei_all under
  jing, the reference RELAX NG validator. So do the fixtures and the converter's output.
* Mutations of valid documents (a required child dropped, a pointer dangling, an id duplicated,
  a date broken) are always caught, and never with a traceback.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import DATA, ROOT, TEI_ALL_RNG, jing_validate
from edition_tools.validate import PROJECT_SCHEMA, Validator
from edition_tools.validate.schemas import XsdChecker
from edition_tools.xmlio import NSMAP, XML_ID, parse_file, to_string

VALID = sorted((DATA / "validate" / "valid").glob("*.xml"))
WORDS = ["alpha", "treaty", "Oslo", "quota", "said", "Minister", "1958", "river", "note", "copy"]


@pytest.fixture(scope="module")
def checker():
    return XsdChecker(PROJECT_SCHEMA)


@pytest.fixture(scope="module")
def xsd(checker):
    return checker._load_full()


# ----------------------------------------------------------------------------- document generator


class Generator:
    """Builds random documents that follow the compiled project schema (xmlschema components).

    Decisions come from a ``random.Random`` seeded by hypothesis (a failing seed is reported and
    replayed), which keeps hypothesis's choice buffer small for large documents.
    """

    VALUES = {
        "uri": "#p1", "uriList": "#p1 #p2", "token": "t1", "tokenList": "a b", "temporal": "1961-04-22",
        "languageList": "en ru-Latn", "percentage": "50", "string": "n 1", "decimal": "3", "language": "en",
        "boolean": "true", "ID": None,
    }

    def __init__(self, schema, seed: int):
        self.schema = schema
        self.rnd = random.Random(seed)
        self.ids = itertools.count(1)
        self.max_depth = 9


    def value(self, attr) -> str:
        t = attr.type
        if getattr(t, "enumeration", None):
            return self.rnd.choice(list(t.enumeration))
        item = getattr(t, "item_type", None) or getattr(getattr(t, "base_type", None), "item_type", None)
        if item is not None and getattr(item, "enumeration", None):
            return " ".join(self.rnd.sample(list(item.enumeration), self.rnd.randint(1, min(2, len(item.enumeration)))))
        name = (t.local_name or getattr(t.base_type, "local_name", None) or "string")
        if name == "ID" or attr.local_name == "id":
            return f"id{next(self.ids)}"
        if name == "temporal":
            return self.rnd.choice(["1961", "1961-04", "1961-04-22", "--04-22", "1961-04-22T10:00:00"])
        return self.VALUES.get(name, "x1")

    def element(self, decl, depth: int) -> etree._Element:
        el = etree.Element(decl.name, nsmap={None: NSMAP["tei"]} if depth == 0 else None)
        t = decl.type
        for name, attr in t.attributes.items():
            if name is None:
                continue
            if attr.use == "required" or (depth <= self.max_depth and self.rnd.randint(0, 3) == 0):
                el.set(name, self.value(attr))
        if t.is_simple() or t.content is None or t.is_empty():
            return el
        children = self.particle(t.content, depth)
        mixed = t.mixed
        if mixed and self.rnd.random() < 0.5:
            el.text = self.rnd.choice(WORDS) + " "
        for c in children:
            el.append(c)
            if mixed and self.rnd.random() < 0.5:
                c.tail = " " + self.rnd.choice(WORDS)
        if mixed and not len(el) and not el.text:
            el.text = self.rnd.choice(WORDS)
        return el

    def occurs(self, p, depth) -> int:
        lo = p.min_occurs
        hi = p.max_occurs if p.max_occurs is not None else lo + 2
        if depth > self.max_depth:
            return lo
        return self.rnd.randint(lo, max(lo, min(hi, lo + 2)))

    def particle(self, group, depth) -> list:
        out = []
        for _ in range(self.occurs(group, depth)):
            if group.model == "choice":
                options = list(group)
                if depth > self.max_depth:
                    options = sorted(options, key=self.cost)[:1]
                out += self.one(self.rnd.choice(options), depth)
            else:
                for p in group:
                    out += self.one(p, depth, repeat=True)
        return out

    def one(self, p, depth, repeat=False) -> list:
        if hasattr(p, "model"):
            return self.particle(p, depth)
        n = self.occurs(p, depth) if repeat else 1
        return [self.element(p, depth + 1) for _ in range(n)]

    def cost(self, p, seen=frozenset()) -> int:
        """How much a particle must generate at minimum (to close deep documents quickly)."""
        if hasattr(p, "model"):
            parts = [self.cost(x, seen) for x in p]
            base = min(parts) if p.model == "choice" else sum(parts)
            return p.min_occurs * base
        if p.name in seen:
            return 1000
        t = p.type
        if t.is_simple() or t.content is None or t.is_empty() or t.mixed:
            return 1
        return 1 + self.cost(t.content, seen | {p.name})


def generate(schema, seed: int) -> bytes:
    root = Generator(schema, seed).element(schema.elements["TEI"], 0)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + to_string(root).encode("utf-8")


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
@given(st.lists(st.integers(0, 2**32 - 1), min_size=40, max_size=40, unique=True))
def test_generated_documents_valid_here_are_valid_against_tei_all(tmp_path_factory, checker, xsd, seeds):
    from conftest import require_file

    rng = require_file(TEI_ALL_RNG, "the TEI P5 tei_all schema is kept in tests/data/external/tei/")
    folder = tmp_path_factory.mktemp("generated")
    files = []
    names = set()
    for i, seed in enumerate(seeds):
        doc = generate(xsd, seed)
        tree = etree.fromstring(doc).getroottree()
        assert checker._fast.validate(tree), checker._fast.error_log  # the generator follows the schema
        if i < 4:  # and both engines agree on it
            assert xsd.is_valid(tree)
        names |= {el.tag.split("}")[1] for el in tree.iter() if isinstance(el.tag, str)}
        f = folder / f"seed{seed}.xml"
        f.write_bytes(doc)
        files.append(f)
    result = jing_validate(rng, files)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert errors == [], "\n".join(errors[:20])
    assert len(names) >= 80, f"the generator reached only {len(names)} of the schema's elements"


def test_fixtures_goldens_and_converted_files_are_valid_against_tei_all(tei_all_rng):
    files = VALID + sorted((ROOT / "tei").glob("*.xml")) + sorted((DATA / "convert").glob("**/*.xml"))
    result = jing_validate(tei_all_rng, files)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert errors == []


def test_generator_covers_every_element_of_the_schema(xsd):
    """Every element type the schema defines is reachable from TEI (nothing unreachable goes untested)."""
    seen, todo = set(), [xsd.elements["TEI"]]
    while todo:
        d = todo.pop()
        if d.name in seen:
            continue
        seen.add(d.name)
        if d.type.is_complex() and d.type.content is not None:
            todo += [e for e in d.type.content.iter_elements()]
    declared = set(etree.parse(str(PROJECT_SCHEMA)).xpath("//xs:element/@name", namespaces={"xs": "http://www.w3.org/2001/XMLSchema"}))
    assert len(declared) >= 97 and {n.split("}")[-1] for n in seen} == declared


# ----------------------------------------------------------------------------- mutations

MUTATIONS = ["drop-required", "dangle-pointer", "duplicate-id", "break-date"]
REQUIRED_PATHS = [
    "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt",
    "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc",
    "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt",
    "/tei:TEI/tei:text/tei:body",
    "/tei:TEI/tei:teiHeader/tei:fileDesc",
    "//tei:respStmt/tei:resp",
    "//tei:list/tei:item",
    "//tei:projectDesc/tei:p",
]


def _mutate(tree, kind: str, pick) -> None:
    root = tree.getroot()
    if kind == "drop-required":
        candidates = [el for p in REQUIRED_PATHS for el in root.xpath(p, namespaces=NSMAP)]
        el = pick(candidates)
        # drop all siblings of the same name, so that a required child is really gone
        parent = el.getparent()
        for sib in [s for s in parent if s.tag == el.tag]:
            parent.remove(sib)
    elif kind == "dangle-pointer":
        attrs = root.xpath("//@who | //@ref[starts-with(., '#')] | //@resp | //@target", namespaces=NSMAP)
        a = pick(attrs)
        a.getparent().set(a.attrname, "#nobody-declared-this")
    elif kind == "duplicate-id":
        ids = root.xpath("//@xml:id", namespaces=NSMAP)
        a = pick(ids)
        others = [el for el in root.iter() if isinstance(el.tag, str) and el is not a.getparent() and el.get(XML_ID) is None]
        pick(others).set(XML_ID, str(a))
    elif kind == "break-date":
        dates = root.xpath("/tei:TEI/tei:text//tei:date[@when]", namespaces=NSMAP)
        d = pick(dates)
        d.set("when", pick(["1958-13-01", "yesterday", "1958-02-30", "58-03-04", "1800-01-01", ""]))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_mutation_of_a_valid_document_is_caught(data):
    validator = _validator()
    path = data.draw(st.sampled_from(VALID))
    kind = data.draw(st.sampled_from(MUTATIONS))
    tree = parse_file(path)
    if kind == "break-date" and not tree.getroot().xpath("/tei:TEI/tei:text//tei:date[@when]", namespaces=NSMAP):
        kind = "dangle-pointer"
    _mutate(tree, kind, lambda xs: data.draw(st.sampled_from(list(xs))))
    doc = to_string(tree.getroot()).encode("utf-8")
    diags = validator.validate_bytes(doc, f"{path.name}:{kind}")
    assert any(d.severity == "error" for d in diags), (kind, diags)
    if kind == "drop-required":  # the fast XSD engine and xmlschema agree on what is invalid
        checker = validator.checker
        mutated = etree.fromstring(doc).getroottree()
        assert checker._fast.validate(mutated) == checker._load_full().is_valid(mutated)


_V: list[Validator] = []


def _validator() -> Validator:
    if not _V:
        _V.append(Validator())
    return _V[0]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda s: s.encode("utf-8")))
def test_arbitrary_bytes_never_raise(data):
    diags = _validator().validate_bytes(data, "junk.xml")
    assert diags and all(d.severity == "error" for d in diags)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_truncated_or_spliced_documents_never_raise(data):
    src = data.draw(st.sampled_from(VALID)).read_bytes()
    i = data.draw(st.integers(0, len(src)))
    j = data.draw(st.integers(0, len(src)))
    mutated = src[:i] + src[j:]
    diags = _validator().validate_bytes(mutated, "cut.xml")
    assert all(d.line >= 0 for d in diags)


# ----------------------------------------------------------------------------- the rules' shortcuts
# The rules decide that a valid document has nothing to report without looking at each pointer or
# text node, and read the header parts in one call; these shortcuts must never miss what the
# per-value checks and per-path lookups would find.

from edition_tools.validate import rules  # noqa: E402

POINTERISH = st.text(alphabet=st.sampled_from("#ab1 \t\n\u00a0\u2003-"), max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(POINTERISH, max_size=6))
def test_targets_of_all_values_are_the_pointers_of_each_value(values):
    assert rules._targets(values) == {p for v in values for p in rules._pointers(v)}


TEXTISH = st.text(alphabet=st.sampled_from("ab Zé-[]\u00ad“»\n"), max_size=10)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTISH, max_size=6), st.booleans())
@example(["a well- known ", "word"], False)
@example(["x", "é- b"], True)
@example(["“", "»"], True)
def test_whole_text_prefilter_never_misses_a_suspect_text_node(pieces, no_marks):
    search = (rules._SUSPECT_OR_QUOTE if no_marks else rules._SUSPECT).search
    if any(search(p) for p in pieces):
        assert rules._may_be_suspect("".join(pieces), no_marks)


def _header_parts_one_by_one(root) -> dict[str, list]:
    return {p.rsplit("/", 1)[-1]: root.xpath("/".join(f"tei:{n}" for n in ("teiHeader", *p.split("/"))), namespaces=NSMAP)
            for p in rules.HEADER_PARTS}


@pytest.mark.parametrize("path", VALID + sorted((DATA / "validate" / "invalid").glob("*.xml")), ids=lambda p: p.stem)
def test_header_parts_in_one_call_are_each_path_s_elements(path):
    root = etree.fromstring(path.read_bytes(), etree.XMLParser(collect_ids=False))  # one fixture repeats an id
    assert rules._header_parts(root) == _header_parts_one_by_one(root)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_header_parts_of_generated_documents(xsd, seed):
    root = etree.fromstring(generate(xsd, seed))
    assert rules._header_parts(root) == _header_parts_one_by_one(root)
