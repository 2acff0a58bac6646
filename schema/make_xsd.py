"""Generate ``histdocs.xsd``, the project's TEI profile as an XML Schema, from the table below.

Run ``python schema/make_xsd.py`` after changing the table; ``tests/test_validate_schema.py``
fails when the committed ``histdocs.xsd`` differs from what this script writes.

Every element, attribute and value allowed here is allowed by TEI P5 (tei_all) for that element:
the profile is a clean subset (see the tests, which check generated documents with jing).
Content models use a small notation: ``a, b`` sequence, ``a | b`` choice, ``? * +`` repetition,
``{2,}`` at least two; ``mixed:SET`` is text mixed with any element of a named set.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "histdocs.xsd"

# ----------------------------------------------------------------------------- element sets
#: model.global as used here (milestones, notes, gaps)
GLOBAL = "lb pb note gap".split()
#: text-level elements that may appear wherever TEI's macro.phraseSeq allows phrases
PHRASE = (
    "abbr expan choice sic corr supplied unclear add del date num name persName placeName orgName "
    "roleName rs idno foreign term title hi soCalled seg ref q time".split()
)
SETS: dict[str, list[str]] = {
    # macro.phraseSeq: phrases, globals, said and quote
    "phraseSeq": PHRASE + ["said", "quote"] + GLOBAL,
    # macro.paraContent: also lists
    "paraContent": PHRASE + ["said", "quote", "list"] + GLOBAL,
    # macro.specialPara: also paragraphs and speeches
    "specialPara": PHRASE + ["said", "quote", "list", "p", "sp"] + GLOBAL,
    # text | model.phrase | model.global (date, dateline)
    "phrase": PHRASE + GLOBAL,
    # macro.limitedContent (desc, rendition): no notes, no transcriptional elements
    "limitedContent": "abbr expan choice date num name persName placeName orgName roleName rs foreign term title hi soCalled ref q said quote list".split(),
    # macro.phraseSeq.limited (resp, language, repository)
    "phraseSeqLimited": "abbr expan choice date num name persName placeName orgName roleName rs foreign term title hi soCalled ref q".split() + GLOBAL,
    # creation: text | model.limitedPhrase
    "limitedPhrase": "abbr expan choice date num name persName placeName orgName roleName rs foreign term title hi soCalled ref q".split(),
    "opener": PHRASE + GLOBAL + "byline dateline salute signed".split(),
    "closer": PHRASE + GLOBAL + "byline dateline salute signed".split(),
    "byline": PHRASE + GLOBAL + ["docAuthor"],
    "bibl": PHRASE + GLOBAL + "author publisher respStmt textLang relatedItem".split(),
    "idno": ["idno"],
    "locus": ["hi", "locus"],
}

TOP = "head opener dateline byline docAuthor salute signed".split()
BOTTOM = "closer signed postscript dateline salute byline docAuthor".split()
COMMON = "p list sp said quote q".split()
G = " | ".join(GLOBAL)

# ----------------------------------------------------------------------------- content models
CONTENT: dict[str, str] = {
    "TEI": "teiHeader, text",
    "teiHeader": "fileDesc, encodingDesc?, profileDesc?, revisionDesc?",
    "fileDesc": "titleStmt, publicationStmt, sourceDesc",
    "titleStmt": "title+, (author | respStmt)*",
    "title": "mixed:paraContent",
    "author": "mixed:phraseSeq",
    "respStmt": "resp+, (name | persName | orgName)+, note*",
    "resp": "mixed:phraseSeqLimited",
    "name": "mixed:phraseSeq",
    "publisher": "mixed:phraseSeq",
    "publicationStmt": "(publisher, (availability | date | idno)*)+ | p+",
    "idno": "mixed:idno",
    "availability": "(licence | p)+",
    "licence": "mixed:specialPara",
    "sourceDesc": "p+ | (bibl | msDesc)+",
    "bibl": "mixed:bibl",
    "relatedItem": "bibl?",
    "textLang": "mixed:phraseSeq",
    "msDesc": "msIdentifier, head*, (p+ | msContents)?",
    "msIdentifier": "(repository, idno*) | idno+",
    "repository": "mixed:phraseSeqLimited",
    "msContents": "p+ | (textLang?, msItem*)",
    "msItem": "locus*, (p+ | (author | title | textLang | respStmt | idno | bibl | note)+)",
    "locus": "mixed:locus",
    "encodingDesc": "(projectDesc | editorialDecl | tagsDecl | p)+",
    "projectDesc": "p+",
    "editorialDecl": "(p | correction | normalization | quotation | hyphenation)+",
    "correction": "p+",
    "normalization": "p+",
    "quotation": "p*",
    "hyphenation": "p+",
    "tagsDecl": "rendition*",
    "rendition": "mixed:limitedContent",
    "profileDesc": "(abstract | creation | langUsage | textClass | particDesc | settingDesc)*",
    "abstract": "(p | list)+",
    "creation": "mixed:limitedPhrase",
    "langUsage": "p+ | language+",
    "language": "mixed:phraseSeqLimited",
    "textClass": "keywords*",
    "keywords": "term+ | list",
    "particDesc": "p+ | (person | listPerson | listOrg)+",
    "listPerson": "head*, (person | listPerson)+",
    "person": "p+ | (persName | note)*",
    "persName": "mixed:phraseSeq",
    "roleName": "mixed:phraseSeq",
    "listPlace": "head*, (place | listPlace)+",
    "place": "head*, placeName*, note*, (place | listPlace)*",
    "placeName": "mixed:phraseSeq",
    "listOrg": "head*, (org | listOrg)+",
    "org": "head*, (orgName | name)*, note*",
    "orgName": "mixed:phraseSeq",
    "settingDesc": "p+ | (setting | place | listPlace)+",
    "setting": "p+ | (name | persName | orgName | date)*",
    "revisionDesc": "change+",
    "change": "mixed:specialPara",
    "text": "body",
    "body": f"({G})*, div, (div | {G})*",
    "div": (
        f"({' | '.join(TOP)} | {G})*, ("
        f"(({' | '.join(COMMON)}), ({' | '.join(COMMON)} | {G})*, (div, (div | {G})*)?"
        f" | div, (div | {G})*)"
        f", (({' | '.join(BOTTOM)}), ({' | '.join(BOTTOM)} | {G})*)?)?"
    ),
    "opener": "mixed:opener",
    "closer": "mixed:closer",
    # a letter's P.S. after its closer: paragraphs, then perhaps its own signature (TEI's model.divBottomPart: no dateline, salute or byline there)
    "postscript": (
        f"({G})*, ({' | '.join(COMMON)}), ({' | '.join(COMMON)} | {G})*"
        f", ((closer | signed | postscript), (closer | signed | postscript | {G})*)?"
    ),
    "byline": "mixed:byline",
    "dateline": "mixed:phrase",
    "docAuthor": "mixed:phraseSeq",
    "salute": "mixed:paraContent",
    "signed": "mixed:paraContent",
    "p": "mixed:paraContent",
    "head": "mixed:paraContent",
    "note": "mixed:specialPara",
    "lb": "empty",
    "pb": "empty",
    "said": "mixed:specialPara",
    "q": "mixed:specialPara",
    "quote": "mixed:specialPara",
    "soCalled": "mixed:phraseSeq",
    "foreign": "mixed:phraseSeq",
    "term": "mixed:phraseSeq",
    "choice": "(sic | corr | abbr | expan | unclear | supplied | seg | choice){2,}",
    "sic": "mixed:paraContent",
    "corr": "mixed:paraContent",
    "abbr": "mixed:phraseSeq",
    "expan": "mixed:phraseSeq",
    "gap": "desc*",
    "desc": "mixed:limitedContent",
    "unclear": "mixed:paraContent",
    "num": "mixed:phraseSeq",
    "rs": "mixed:phraseSeq",
    "ref": "mixed:paraContent",
    "seg": "mixed:paraContent",
    "supplied": "mixed:paraContent",
    "sp": f"(speaker | p | list | said | quote | q | {G})*",  # not sp: turns do not nest
    "speaker": "mixed:phraseSeq",
    "list": f"(head | {G})*, item, (item | {G})*",
    "item": "mixed:specialPara",
    "hi": "mixed:paraContent",
    "add": "mixed:paraContent",
    "del": "mixed:paraContent",
    "date": "mixed:phrase",
    "time": "mixed:phrase",
}

# ----------------------------------------------------------------------------- attributes
#: att.global as used here (every element)
GLOBAL_ATTS = "xml:id xml:lang n rend rendition cert resp source corresp next prev facs".split()

#: element -> its own attributes (name or name=type; a trailing ! makes it required)
ATTS: dict[str, str] = {
    "TEI": "type",
    "title": "type level ref",
    "author": "ref role",
    "respStmt": "ref",
    "resp": "ref",
    "name": "type ref role full evidence",
    "publisher": "ref",
    "idno": "type",
    "availability": "status=availabilityStatus",
    "licence": "target when",
    "bibl": "type status",
    "relatedItem": "type target=uri",
    "textLang": "mainLang otherLangs",
    "msDesc": "type status",
    "repository": "ref role",
    "locus": "from=token to=token target scheme=uri type",
    "correction": "method=method status=certValue",
    "normalization": "method=method",
    "quotation": "marks",
    "hyphenation": "eol",
    "rendition": "scheme=styleScheme scope=token selector",
    "creation": "when notBefore notAfter from to",
    "language": "ident! usage",
    "keywords": "scheme=uri",
    "listPerson": "type",
    "person": "role sex age",
    "persName": "type ref role full evidence when",
    "roleName": "type ref role full",
    "listPlace": "type",
    "place": "type",
    "placeName": "type ref role full evidence",
    "listOrg": "type",
    "org": "type role",
    "orgName": "type ref role full evidence",
    "setting": "who",
    "revisionDesc": "status=revisionStatus",
    "change": "who when notBefore notAfter status=token type target",
    "text": "type",
    "div": "type=divType! place",
    "docAuthor": "ref",
    "head": "type place",
    "note": "type=noteType place target anchored",
    "lb": "type ed break",
    "pb": "type ed break",
    "said": "who! toWhom direct=truthValue aloud=truthValue",
    "q": "who toWhom type",
    "quote": "type",
    "term": "type ref target",
    "corr": "type evidence",
    "abbr": "type",
    "expan": "evidence",
    "gap": "reason=gapReason agent quantity unit extent evidence",
    "desc": "type",
    "unclear": "reason=unclearReason agent quantity unit extent evidence",
    "num": "type value",
    "rs": "type ref role",
    "ref": "type target",
    "seg": "type=segType",
    "supplied": "reason=suppliedReason! evidence quantity unit extent",
    "sp": "who toWhom place",
    "speaker": "place",
    "list": "type=listType",
    "date": "type when notBefore notAfter from to evidence quantity unit ref",
    "time": "type when",
    "add": "type place status=token",
    "del": "type status=token",
}

#: attribute name -> default type (per-element overrides are written name=type above)
ATT_TYPE = {
    "xml:id": None, "xml:lang": None,
    "n": "xs:string", "rend": "tokenList", "rendition": "uriList", "cert": "certValue",
    "resp": "uriList", "source": "uriList", "corresp": "uriList", "next": "uri", "prev": "uri",
    "facs": "uriList", "type": "token", "level": "titleLevel", "ref": "uriList", "role": "tokenList",
    "full": "fullValue", "evidence": "evidenceList", "target": "uriList", "when": "temporal",
    "notBefore": "temporal", "notAfter": "temporal", "from": "temporal", "to": "temporal",
    "mainLang": "xs:language", "otherLangs": "languageList", "marks": "quotationMarks", "eol": "hyphenationEol",
    "selector": "xs:string", "ident": "xs:language", "usage": "percentage", "sex": "tokenList",
    "age": "token", "who": "uriList", "toWhom": "uriList", "place": "placeList", "anchored": "xs:boolean",
    "ed": "tokenList", "break": "token", "agent": "token", "quantity": "xs:decimal", "unit": "token",
    "value": "xs:decimal", "status": "token", "extent": "xs:string",
}

# ----------------------------------------------------------------------------- simple types
ENUMS = {
    "divType": "recordOfConversation report letter telegram memorandum minutes transcript resolution attachment section editorialNote",
    "noteType": "editorial conversion originalTerm identification catalogue sourceStatement role translator",
    "segType": "classification copyNumber registryNumber distribution archivalAnnotation",
    "suppliedReason": "implicit-in-original clarification omitted-in-original illegible damage",
    "gapReason": "omitted notDeclassified illegible inaudible obfuscated-email sampling editorial",
    "unclearReason": "illegible inaudible faded",
    "listType": "subject participants present distribution",
    "truthValue": "true false unknown",
    "certValue": "high medium low unknown",
    "availabilityStatus": "free unknown restricted",
    "revisionStatus": "converted reviewed published",
    "method": "silent markup",
    "quotationMarks": "none some all",
    "hyphenationEol": "all some hard none",
    "styleScheme": "css xslfo free other",
    "titleLevel": "a m j s u",
    "fullValue": "yes abb init",
    "evidenceValue": "internal external conjecture",
    "placeValue": "top bottom margin end inline foot",
}


def parse_model(s: str):
    """Parse the content-model notation into nested tuples: ('seq'|'choice', [items], min, max) or
    ('el', name, min, max)."""
    tokens = re.findall(r"\{2,\}|[A-Za-z_:]+|[(),|?*+]", s)
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else None

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def alt():
        items = [seq()]
        while peek() == "|":
            take()
            items.append(seq())
        return items[0] if len(items) == 1 else ("choice", items, 1, 1)

    def seq():
        items = [rep()]
        while peek() == ",":
            take()
            items.append(rep())
        return items[0] if len(items) == 1 else ("seq", items, 1, 1)

    def rep():
        t = take()
        if t == "(":
            node = alt()
            assert take() == ")", s
        else:
            node = ("el", t, 1, 1)
        occ = {"?": (0, 1), "*": (0, None), "+": (1, None), "{2,}": (2, None)}.get(peek())
        if occ:
            take()
            node = (node[0], node[1], *occ) if node[2:] == (1, 1) else ("seq", [node], *occ)
        return node

    node = alt()
    assert pos == len(tokens), (s, tokens[pos:])
    return node


def occurs(lo, hi) -> str:
    out = ""
    if lo != 1:
        out += f' minOccurs="{lo}"'
    if hi != 1:
        out += f' maxOccurs="{"unbounded" if hi is None else hi}"'
    return out


def particle(node, indent: str) -> list[str]:
    kind, body, lo, hi = node
    if kind == "el":
        return [f'{indent}<xs:element ref="tei:{body}"{occurs(lo, hi)}/>' if body == "TEI" else f'{indent}<xs:element name="{body}" type="tei:{body}.type"{occurs(lo, hi)}/>']
    tag = "xs:sequence" if kind == "seq" else "xs:choice"
    lines = [f"{indent}<{tag}{occurs(lo, hi)}>"]
    for child in body:
        lines += particle(child, indent + "  ")
    lines.append(f"{indent}</{tag}>")
    return lines


def attribute(el: str, spec: str, indent: str) -> str:
    required = spec.endswith("!")
    spec = spec.rstrip("!")
    name, _, typ = spec.partition("=")
    use = ' use="required"' if required else ""
    if name == "xml:id":
        return f'{indent}<xs:attribute ref="xml:id"/>'
    if name == "xml:lang":
        return f'{indent}<xs:attribute ref="xml:lang"/>'
    typ = typ or ATT_TYPE[name]
    if not typ.startswith("xs:"):
        typ = "tei:" + typ
    return f'{indent}<xs:attribute name="{name}" type="{typ}"{use}/>'


def complex_type(el: str) -> list[str]:
    model = CONTENT[el]
    lines = []
    if model.startswith("mixed:"):
        members = SETS[model[6:]]
        lines.append(f'  <xs:complexType name="{el}.type" mixed="true">')
        lines.append('    <xs:choice minOccurs="0" maxOccurs="unbounded">')
        for m in members:
            lines.append(f'      <xs:element name="{m}" type="tei:{m}.type"/>')
        lines.append("    </xs:choice>")
    elif model == "empty":
        lines.append(f'  <xs:complexType name="{el}.type">')
    else:
        lines.append(f'  <xs:complexType name="{el}.type">')
        node = parse_model(model)
        if node[0] == "el" or node[2:] != (1, 1):
            node = ("seq", [node], 1, 1)
        lines += particle(node, "    ")
    for a in ATTS.get(el, "").split():
        lines.append(attribute(el, a, "    "))
    lines.append('    <xs:attributeGroup ref="tei:global"/>')
    lines.append("  </xs:complexType>")
    return lines


def simple_types() -> list[str]:
    out = []
    for name, values in ENUMS.items():
        out.append(f'  <xs:simpleType name="{name}">')
        out.append('    <xs:restriction base="xs:token">')
        out += [f'      <xs:enumeration value="{v}"/>' for v in values.split()]
        out.append("    </xs:restriction>")
        out.append("  </xs:simpleType>")
    out += """  <xs:simpleType name="token">
    <xs:restriction base="xs:token">
      <xs:pattern value="[^\\p{C}\\p{Z}]+"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="uri">
    <xs:restriction base="xs:anyURI">
      <xs:pattern value="\\S+"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="uriList">
    <xs:restriction>
      <xs:simpleType>
        <xs:list itemType="tei:uri"/>
      </xs:simpleType>
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="tokenList">
    <xs:restriction>
      <xs:simpleType>
        <xs:list itemType="tei:token"/>
      </xs:simpleType>
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="languageList">
    <xs:restriction>
      <xs:simpleType>
        <xs:list itemType="xs:language"/>
      </xs:simpleType>
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="evidenceList">
    <xs:restriction>
      <xs:simpleType>
        <xs:list itemType="tei:evidenceValue"/>
      </xs:simpleType>
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="placeList">
    <xs:restriction>
      <xs:simpleType>
        <xs:list itemType="tei:placeValue"/>
      </xs:simpleType>
      <xs:minLength value="1"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="temporal">
    <xs:union memberTypes="xs:date xs:gYear xs:gYearMonth xs:gMonthDay xs:dateTime"/>
  </xs:simpleType>
  <xs:simpleType name="percentage">
    <xs:restriction base="xs:nonNegativeInteger">
      <xs:maxInclusive value="100"/>
    </xs:restriction>
  </xs:simpleType>""".splitlines()
    return out


def build() -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- The edition-tools TEI profile (tei_histdocs) as an XML Schema.",
        "     Generated by make_xsd.py from its tables: edit those, not this file.",
        "     A clean subset of TEI P5: every document valid here is valid against tei_all. -->",
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"',
        '           xmlns:tei="http://www.tei-c.org/ns/1.0"',
        '           xmlns:xml="http://www.w3.org/XML/1998/namespace"',
        '           targetNamespace="http://www.tei-c.org/ns/1.0"',
        '           elementFormDefault="qualified" attributeFormDefault="unqualified">',
        '  <xs:import namespace="http://www.w3.org/XML/1998/namespace" schemaLocation="xml.xsd"/>',
        '  <xs:element name="TEI" type="tei:TEI.type"/>',
        '  <xs:attributeGroup name="global">',
    ]
    lines += [attribute("", a, "    ") for a in GLOBAL_ATTS]
    lines.append("  </xs:attributeGroup>")
    for el in CONTENT:
        lines += complex_type(el)
    lines += simple_types()
    lines.append("</xs:schema>")
    return "\n".join(lines) + "\n"


def check() -> None:
    used = {m for s in SETS.values() for m in s}
    for el, model in CONTENT.items():
        if not model.startswith("mixed:") and model != "empty":
            stack = [parse_model(model)]
            while stack:
                n = stack.pop()
                if n[0] == "el":
                    used.add(n[1])
                else:
                    stack += n[1]
    missing = sorted(used - set(CONTENT))
    if missing:
        raise SystemExit(f"elements used but not defined: {missing}")


if __name__ == "__main__":
    check()
    text = build()
    if "--check" in sys.argv:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(CONTENT)} elements)")
