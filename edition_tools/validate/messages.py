"""The integrity rules in an editor's words: id, severity, what is wrong, what to do.

Rule ids are stable (they appear in reports, CI logs and ``schema/histdocs-rules.sch``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # "error" | "warning"
    title: str
    hint: str
    #: where the rule runs: "both" (Schematron and Python), "python" (Python only; see ``why``)
    engine: str = "both"
    why: str = ""


RULES: dict[str, Rule] = {
    r.id: r
    for r in [
        Rule("R01", "error", "every local pointer (#id) resolves to an xml:id in the same file",
             "declare the target (a person, place, org or respStmt in the header) or correct the pointer"),
        Rule("R02", "error", "@who on said, q, sp and setting points to a person, personGrp or org",
             "point @who at a person in particDesc/listPerson, not at a place or a respStmt"),
        Rule("R03", "error", "persName/@ref points to a person, placeName/@ref to a place, orgName/@ref to an org",
             "point @ref at the right kind of entry in the header"),
        Rule("R04", "error", "a sic is inside a choice with a corr, or carries @resp",
             "wrap it as <choice><sic>…</sic><corr resp=\"#ed\">…</corr></choice>, or add resp=\"#…\" naming who flagged it"),
        Rule("R05", "error", "interventions (corr, supplied, editorial/identification/originalTerm notes) carry @resp",
             "add resp=\"#ed\" (or the xml:id of whoever made the intervention)"),
        Rule("R06", "error", "supplied/@reason is one of the five reasons",
             "use implicit-in-original, clarification, omitted-in-original, illegible or damage"),
        Rule("R07", "error", "dates in the text are valid ISO dates inside the corpus window, ranges in order",
             "write @when as YYYY, YYYY-MM, YYYY-MM-DD or --MM-DD; check notBefore ≤ notAfter and from ≤ to"),
        Rule("R08", "warning", "dates in the text carry a normalised value no later than the document's creation date (footnotes, written later, excepted)",
             "add when=\"YYYY-MM-DD\"; a date after the creation date is probably a wrongly inferred year"),
        Rule("R09", "error", "no empty text elements",
             "type the missing text, or remove the element (an omission is a <gap/>)"),
        Rule("R10", "error", "a speech turn (sp) names its speaker with @who, and the printed speaker label matches",
             "add who=\"#id\" naming a person in the header; check that the label names the same person"),
        Rule("R11", "error", "every language used in the text is declared in langUsage",
             "add xml:lang to foreign, and a <language ident=\"…\"> for each language to profileDesc/langUsage"),
        Rule("R12", "error", "@next/@prev chains are symmetric and join parts of the same kind and speaker",
             "make the target of next=\"#b\" carry prev=\"#a\" (and the same @who on each part of a speech)"),
        Rule("R13", "error", "a published document has no open conversion questions or low-certainty guesses",
             "resolve the conversion notes and low-certainty decisions, or set revisionDesc/@status back to \"reviewed\""),
        Rule("R14", "error", "no leftover [SIC] or square brackets in the text",
             "encode [SIC] as <sic resp=\"…\">; encode bracketed remarks as <supplied>, <gap> or <note>"),
        Rule("R15", "error", "the text follows the declared normalisation (quotation marks, soft hyphens, line-end hyphens)",
             "remove the quotation marks (they are recorded with @rendition), remove U+00AD, join words split at line ends"),
        Rule("R16", "error", "the header is complete: title, source, languages, participants",
             "add the missing header part (see the message)"),
        Rule("R17", "error", "document identifiers are unique across the edition",
             "give each document its own TEI/@xml:id and project idno",
             engine="python", why="needs several files; Schematron sees one document at a time"),
        Rule("R18", "warning", "one person, one identifier across the edition",
             "use the same xml:id for the same person in every document, and different ids for different people",
             engine="python", why="needs several files; Schematron sees one document at a time"),
    ]
}

#: Rules (or parts of rules) the Schematron file cannot express in XSLT 1.0 with EXSLT, and why.
PYTHON_ONLY_PARTS = {
    "R07": "calendar validity (no 30 February), window and range comparison of partial ISO dates",
    "R08": "comparison of a date with the creation date",
    "R10": "the name-token comparison between speaker label and person (warning part)",
    "R15": "the unjoined line-end hyphen warning (needs a regular expression)",
    "R17": "cross-file",
    "R18": "cross-file",
}


#: What an element is for, when the schema does not allow it where it is.
PLACEMENT_HINTS = {
    "head": "a head comes at the top of its div or list, before the paragraphs",
    "opener": "an opener comes at the top of the div, before the paragraphs",
    "closer": "a closer comes at the end of the div, after the paragraphs",
    "dateline": "a dateline stands at the top or the end of a div, or inside an opener or closer",
    "signed": "signed stands at the end of a div or inside a closer",
    "p": "paragraphs cannot nest; inside a paragraph, use said or quote for a block quotation",
    "div": "text/body holds div elements; inside a div, subdivisions come after its paragraphs",
    "item": "item stands inside a list",
    "speaker": "speaker stands inside sp",
    "said": "said stands inside a paragraph or between paragraphs, not in the header",
    "person": "person stands inside particDesc/listPerson",
    "place": "place stands inside settingDesc/listPlace",
    "org": "org stands inside particDesc/listOrg",
}


#: Attributes a user most often has to add, with an example.
ATTRIBUTE_HINTS = {
    ("div", "type"): 'add type="…" (recordOfConversation, report, letter, telegram, memorandum, minutes, transcript, resolution, attachment, section, editorialNote)',
    ("supplied", "reason"): 'add reason="…" (implicit-in-original, clarification, omitted-in-original, illegible, damage)',
    ("said", "who"): 'add who="#id" naming a person in the header (particDesc/listPerson)',
    ("language", "ident"): 'add ident="…" with a language tag such as en or ru-Latn',
}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
