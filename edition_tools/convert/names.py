"""Names: persons, places and organisations in the text, linked to the header lists (encoding model §3.13).

A :class:`NameIndex` holds the document's entities (participants, authors, persons named in the metadata,
speakers found by their labels) and, implicitly, a gazetteer of places and a short list of organisations
(``data/places.tsv``, ``data/organisations.tsv``). ``mark_names`` wraps every known name in the text:

* ``persName ref="#id"``; a title written before the name goes inside as ``roleName type="office"`` or
  ``type="honorific"`` (``full="abb"`` when abbreviated: ``Cde.``, ``Mr.``, ``Gen.``);
* ``placeName ref="#id"`` (gazetteer: ``US``, ``U.S.``, ``United States`` -> ``usa``) and ``orgName ref="#id"``;
* ``rs type="person" ref="#president"`` for "the President" when the document has such a participant.

Matching is on the forms of each name (catalogue form ``Castro, Fidel`` gives ``Fidel Castro``, ``Castro``,
``Fidel``, ``F. Castro``; a written form ``Fidel Castro Ruz`` also gives ``Castro Ruz``), longest first,
ignoring accents and case, but a word capitalised in the form must be capitalised in the text, and
forms of three letters or fewer (``US``, ``UN``) must match exactly. A bare surname shared by two persons
goes to the one mentioned more often so far, with ``cert="medium"`` and a conversion decision. Nothing
else is guessed: a capitalised word that is not in the index stays plain text.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Iterable

from lxml import etree

from ..xmlio import E, qn
from .model import Document
from .nameforms import (
    HEAD_OFFICES,
    MODIFIERS,
    alternation,
    cached_person_forms,
    case_ok,
    common_given_names,
    common_word_surnames,
    fixed_matcher,
    fold,
    gazetteer_rows,
    given_and_surname,
    is_initial,
    persons_rows,
    person_forms,  # noqa: F401  (imported from here by callers)
    slug,
    split_title,
    split_written,
    strip_markers,
    strip_title,
    title_alternation,
    title_before,
    title_type,
)
from .textspans import wrap_spans

# --------------------------------------------------------------------------- entities

#: Words of ``Entity.role`` that say what part a person plays in the document (``person/@role``), not an office.
ROLE_TOKENS = frozenset(
    "author participant mentioned translator contributor questioner respondent speaker addressee recipient editor".split()
)


def office_text(e: "Entity") -> str:
    """What is recorded about an entity's offices: its note, the words of its role that are not role
    tokens, and its titled forms ("Ambassador Dobrynin")."""
    return _office_text(e.note, e.role, tuple(e.names + e.forms))


@functools.lru_cache(maxsize=4096)
def _office_text(note: str, role: str, names: tuple[str, ...]) -> str:
    """:func:`office_text` of an entity with this note, role and names and forms (asked again for each
    match that a title decides)."""
    role_words = " ".join(w for w in (role or "").split() if w not in ROLE_TOKENS)
    titled = [f for f in names if split_title(f)[1]]
    return " ".join(x for x in [note, role_words] + titled if x)


#: the expressions asked for each match, compiled once (not looked up in the re module's cache by their text)
_MODIFIERS_AT_START = re.compile(rf"^{MODIFIERS}")
_ONE_INITIAL = re.compile(r"[A-Z]\.")
_WORD_TOKEN = re.compile(r"[\w.’'-]+")


@functools.lru_cache(maxsize=8192)
def _form_key(form: str) -> str:
    """A form folded (an index folds the same forms each time it rebuilds its matcher)."""
    return fold(form)[0]


@functools.lru_cache(maxsize=4096)
def _keyed_forms(kind: str, names: tuple[str, ...], forms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(folded form, form) of each form under which an entity of this kind, names and forms is matched: a
    person's derived forms (``person_forms``), another entity's names and forms without note markers.
    An index rebuilds its matcher a few times per document, mostly with the same entities."""
    if kind == "person":
        return tuple((_form_key(f), f) for f in cached_person_forms(names, forms))
    return tuple((_form_key(f), f) for f in map(strip_markers, names + forms))


@functools.lru_cache(maxsize=4096)
def _explicit_keys(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The folded forms of an entity's written forms (see ``NameIndex._explicit``)."""
    return tuple(_form_key(strip_markers(f)) for f in forms)


def _office_core(title: str) -> str:
    """The office a title names, in lower case, without modifiers ("Acting Secretary" -> "secretary")."""
    return _MODIFIERS_AT_START.sub("", title).lower() if title else ""


def _names_office(e: "Entity", core: str) -> bool:
    """Does what is recorded of ``e``'s offices name the office ``core`` (from ``_office_core``)?"""
    return bool(core) and core in office_text(e).lower()


@dataclass
class Entity:
    """A person, place or organisation the text may name.

    ``names[0]`` is the canonical (catalogue) form ("Castro, Fidel"); ``forms`` are variants as written.
    ``role`` holds role tokens for ``person/@role`` ("participant", "author", "mentioned", "speaker");
    ``note`` the office or affiliation as written ("Ambassador, USSR"). ``used`` becomes true when the
    text refers to it, so the header can list what the text uses.
    """

    id: str
    kind: str  # "person" | "place" | "org"
    names: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    role: str = ""
    note: str = ""
    used: bool = False


@functools.lru_cache(maxsize=1)
def _office_phrase_re() -> re.Pattern:
    """An office as a whole phrase, optionally after "the", in group ``o``: "The President", "Ambassador
    of Ghana" (compiled once: the titles make it long)."""
    return re.compile(rf"(?:[Tt]he\s+)?(?P<o>{MODIFIERS}(?:{title_alternation()})(?:\s+(?:of|to|for)\s+.+)?)")


#: a speaker label for a group: "Hon. Members", "Several Delegates", "Voices", "Audience"
_GROUP_LABEL = re.compile(
    r"(?:(?:Hon\.|hon\.|Some|Several|Other|Many|All|Some hon\.|Several hon\.)\s+)*"
    r"(?:Members|Voices|Delegates|Delegations|Representatives|Participants|Students|Audience|Crowd)", re.I)
#: a name's word in capitals ("STEVENSON", "GARCIA-INCHAUSTEGUI" part by part), as a catalogue writes it
_CAPITALS_NAME = re.compile(r"\b[A-Z][A-Z’']{2,}\b")


@functools.lru_cache(maxsize=1)
def _office_label_re() -> re.Pattern:
    """An office alone, optionally after "the", in group 1: the speaker label "The President"."""
    return re.compile(rf"(?:[Tt]he\s+)?({MODIFIERS}(?:{title_alternation()}))")


def _office_only(entity: Entity) -> str | None:
    """The office phrase of an entity named only by its office ("The President" -> "President")."""
    if entity.kind != "person" or not entity.names:
        return None
    return _office_phrase(entity.names[0])


@functools.lru_cache(maxsize=4096)
def _office_phrase(name: str) -> str | None:
    """The office phrase that ``name`` consists of, if it does (asked for each person at every rebuild)."""
    m = _office_phrase_re().fullmatch(name.strip())
    return m["o"] if m else None


@dataclass
class NameMatch:
    start: int            # including a title
    name_start: int
    end: int
    entity: Entity
    cert: str | None = None
    title: str = ""
    alternatives: list[Entity] = field(default_factory=list)
    office: bool = False  # "the President": rs, not persName
    #: why a single candidate is a guess (``cert``), for the report: "common word", "initials"
    guess: str = ""


_HEAD_OFFICES_UPPER = frozenset(h.upper() for h in HEAD_OFFICES)
_INITIALS_BEFORE = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){1,3}$")
_ALL_CAPS_WORD = re.compile(r"[A-Z][A-Z.’'-]+")
_PLACE_NOT_BEFORE = re.compile(r"\s+(?:Post|Times|Star|Herald|Tribune|Daily|News|Journal|Evening)\b")


@functools.lru_cache(maxsize=1)
def _listed_entity_fields() -> tuple[dict[str, tuple], frozenset[str]]:
    """The gazetteer, the organisation list and the authority list as Entity fields by id (later lists
    win on a shared id), and the ids of the authority list."""
    fields: dict[str, tuple] = {}
    for ident, typ, canonical, variants in gazetteer_rows("places.tsv"):
        fields[ident] = ("place", (canonical,), tuple(variants), typ, "")
    for ident, _typ, canonical, variants in gazetteer_rows("organisations.tsv"):
        fields[ident] = ("org", (canonical,), tuple(variants), "", "")
    fixed = set()
    # forms of the authority list marked "+" ("+Johnson") count only after a title that the person's
    # role names ("President Johnson"): the shared matcher (fixed_matcher) has them, the entity not
    for ident, catalogue, forms, role in persons_rows():
        fields[ident] = ("person", (catalogue,), tuple(f for f in forms if not f.startswith("+")), "mentioned", role)
        fixed.add(ident)
    return fields, frozenset(fixed)


@functools.lru_cache(maxsize=1)
def _listed_full_name_keys() -> tuple[str, ...]:
    """The forms of the fixed lists in more than one word that name a person of the authority list
    ("fidel castro"), folded."""
    persons = _listed_entity_fields()[1]
    return tuple(key for key, rows in fixed_matcher()[0].items()
                 if " " in key and any(ident in persons for ident, _form in rows))


@functools.lru_cache(maxsize=1)
def _listed_full_names() -> re.Pattern:
    """:func:`_listed_full_name_keys` as one expression: a text in which it finds nothing cannot name
    such a person in full, since each match the index makes of one is a match of the shared matcher."""
    return alternation(dict.fromkeys(_listed_full_name_keys()))


#: byte -> the byte in lower case when it is an ASCII letter, digit or "_", else a space (see ``_word_runs``)
_WORD_RUN_BYTES = bytes(c if chr(c).isascii() and (chr(c).isalnum() or c == 0x5F) else 0x20
                        for c in range(256)).translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                                       b"abcdefghijklmnopqrstuvwxyz"))


def _word_runs(text: str) -> list[bytes]:
    """The runs of ASCII letters, digits and "_" of ``text`` folded, in order, in C: a non-ASCII
    character of the folded text (encoded "?") and every other ASCII character separate runs. (An
    ASCII text is not folded first: folding it only puts letters in lower case and whitespace as a
    space, which the table does too.)"""
    if not text.isascii():
        text = fold(text)[0]
    return text.encode("ascii", "replace").translate(_WORD_RUN_BYTES).split()


@functools.lru_cache(maxsize=1)
def _listed_full_name_openings() -> frozenset[tuple[bytes, bytes]] | None:
    """The first two :func:`_word_runs` of each of :func:`_listed_full_name_keys` (None when one has
    fewer than two).

    Where ``_listed_full_names`` finds a form in a folded text, the text's word runs include the
    form's runs one after the other: the form begins and ends where a run cannot go on (its lookbehind
    and lookahead: no word character or hyphen before, no word character after, and every other
    character separates runs) and inside it the text is the form. So a text in whose runs no two
    consecutive ones are the opening of a form has no such form, and the expression need not search it
    (most texts: the pairs are found in one pass in C, the expression tries every position)."""
    openings = set()
    for key in _listed_full_name_keys():
        runs = _word_runs(key)
        if len(runs) < 2:
            return None
        openings.add((runs[0], runs[1]))
    return frozenset(openings)


def _may_name_listed_in_full(text: str) -> bool:
    """Can ``text`` hold one of :func:`_listed_full_name_keys` (see :func:`_listed_full_name_openings`)?"""
    openings = _listed_full_name_openings()
    if openings is None:
        return True
    runs = _word_runs(text)
    return not openings.isdisjoint(itertools.pairwise(runs))


def _start_chars(table: dict[str, list]) -> tuple[frozenset[str], frozenset[str]]:
    """The first characters of a matcher's (folded) forms, and the first two characters of those among
    them that have a form not written with a capital ("de" of "de Gaulle")."""
    firsts = frozenset(key[:1] for key in table)
    uncapitalised = frozenset(key[:2] for key, rows in table.items() for _e, form in rows if not form[:1].isupper())
    return firsts, uncapitalised


@functools.lru_cache(maxsize=1)
def _fixed_start_chars() -> tuple[frozenset[str], frozenset[str]]:
    """:func:`_start_chars` of the shared matcher of the fixed lists."""
    return _start_chars(fixed_matcher()[0])


def _start_candidates(own: tuple[frozenset[str], frozenset[str]]) -> re.Pattern:
    """Where in a text, as written, a name the index can accept may begin, given the :func:`_start_chars`
    of its own matcher (and those of the shared matcher).

    A form that begins with a capital needs a capital in the text (``case_ok``): a lower-case ASCII
    letter (or other ASCII character that is not a capital) can begin a name only when some form
    begins with it not capitalised ("de Gaulle"), and only when the character after it is one that
    such a form goes on with ("e" or "E" after "d") or not ASCII (which may fold to it, or be a
    combining mark that folding drops): so "do", "did" and "very" are not tried. A name does not
    begin after a letter, digit, underscore or hyphen either (the matchers' lookbehind, on the
    folded text). Every other character is a candidate, the non-ASCII ones too (but for the signs
    and punctuation of ``_PUNCTUATION_BLOCKS`` that fold to no first character); the matchers then
    decide at each candidate, so that only these few positions are tried."""
    fixed = _fixed_start_chars()
    return _start_candidates_for(own[0] | fixed[0], own[1] | fixed[1])


#: Non-ASCII characters that are often in a text and seldom fold to the first character of a form: the
#: Latin-1 signs, general punctuation (quotation marks, dashes) and the specials (U+FFFC, which stands
#: for a child element in the text of a paragraph)
_PUNCTUATION_BLOCKS = ((0x80, 0xC0), (0x2000, 0x2070), (0xFFF0, 0x10000))


@functools.lru_cache(maxsize=64)
def _start_candidates_for(firsts: frozenset[str], uncapitalised: frozenset[str]) -> re.Pattern:
    ascii_starts = []
    #: ASCII characters that are not capitals and begin a name only before one of these ASCII characters
    followed_by: dict[str, str] = {}
    for c in map(chr, range(128)):
        folded = fold(c)[0]
        if folded not in firsts:
            continue
        if c.isupper():
            ascii_starts.append(c)
            continue
        seconds = {head[1:] for head in uncapitalised if head[:1] == folded}
        if seconds:
            ascii_starts.append(c)
            if "" not in seconds:  # else a form of one character
                followed_by[c] = "".join(x for x in map(chr, range(128)) if fold(x)[0] in seconds)
    other_starts = []
    below = 0x80
    for low, high in _PUNCTUATION_BLOCKS:
        if below < low:
            other_starts.append(f"{re.escape(chr(below))}-{re.escape(chr(low - 1))}")
        other_starts.extend(re.escape(c) for c in map(chr, range(low, high)) if fold(c)[0][:1] in firsts)
        below = high
    other_starts.append(f"{re.escape(chr(below))}-{re.escape(chr(0x10FFFF))}")
    after = ""
    if followed_by:
        after = "(?:(?<![{}]){})".format(re.escape("".join(followed_by)), "".join(
            f"|(?<={re.escape(c)})(?=[{re.escape(nexts)}\\x80-\\U0010ffff])" for c, nexts in followed_by.items()))
    return re.compile(f"[{re.escape(''.join(ascii_starts))}{''.join(other_starts)}](?<![A-Za-z0-9_\\-].){after}")


def _not_a_middle_initial(text: str, tm: re.Match | None) -> re.Match | None:
    """The title found before a name, unless it is one initial after a capitalised word: "M. Winckler",
    but not the middle initial of "Henry M. Jackson"."""
    if tm and _ONE_INITIAL.fullmatch(tm["title"]):
        prev = _WORD_TOKEN.findall(text[max(0, tm.start("title") - 40): tm.start("title")])[-1:]
        if prev and prev[0][:1].isupper():
            return None
    return tm


def _first_given_initial(e: Entity) -> str:
    given = given_and_surname(e.names[0])[0] if e.names else ()
    return given[0][:1].lower() if given else ""


def _may_be_one(a: Entity, b: Entity) -> bool:
    """Can two entities under one id be the same? Not two persons with different given names ("Rusk,
    Richard" declared where the authority list's ``rusk`` is Dean Rusk)."""
    if a.kind != "person":
        return True
    words = [set(strip_markers(e.names[0]).replace(",", " ").lower().split()) if e.names else set() for e in (a, b)]
    if words[0] == words[1]:
        return True  # "Zhou, Enlai" and "Zhou Enlai": the same words in another order
    ga, gb = _first_given_initial(a), _first_given_initial(b)
    return not ga or not gb or ga == gb


def _named_in_full(e: Entity) -> bool:
    """Is a person's catalogue name a given name written out and a surname ("Green, Marshall", not
    "Green" or "Green, M.")?"""
    given, surname = given_and_surname(e.names[0]) if e.names else ((), ())
    return bool(surname) and any(not is_initial(w) for w in given)


@functools.lru_cache(maxsize=4096)
def _common_surname_keys(names: tuple[str, ...], forms: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(folded form, form) of the surnames of a person that are common words (``common_word_surnames``)."""
    return tuple((_form_key(f), f) for f in common_word_surnames(names, forms))


#: what stands before a word that begins a sentence, a heading's phrase or a longer proper noun: end
#: punctuation, an opening quotation mark, a dash, an article, or a capitalised word before a space
_NO_NAME_BEFORE = re.compile(
    r"(?:[.!?:\"“‘—–]|(?<![\w’'-])(?:[Tt]he|[Aa]n?)\s|(?<![\w’'-])[A-Z][\w’'.-]*\s|\n)\s*\Z")
#: a capitalised word or an ampersand after a word: part of a longer proper noun ("Green Berets")
_PROPER_NOUN_AFTER = re.compile(r"\s+(?:[A-Z]|&)")


def _common_word_as_name(text: str, start: int, end: int) -> bool:
    """Can the capitalised common word at ``start:end`` be a surname without a title: not first in its
    sentence or line, not after an article or a capitalised word, not before a capitalised word, and
    not written in capitals ("… reports by Richardson, Lynn, Dent", not "Green Berets", "the West")."""
    if text[start:end].isupper():
        return False
    before = text[max(0, start - 40):start]
    if not before.strip() or _NO_NAME_BEFORE.search(before):
        return False
    return _PROPER_NOUN_AFTER.match(text, end) is None


#: a signature line that is a group of initials: "McG. B.", "McG.B.", "W.W.R.", "D.R.", "JFK", "HAK"
_INITIALS_SIGNATURE = re.compile(r"^[ \t]*((?:(?:Mc|Mac)?[A-Z]\.[ \t]?){1,3}(?:Mc|Mac)?[A-Z]\.?|[A-Z]{2,4})[ \t]*$", re.MULTILINE)
#: one initial of such a group: "McG", "B"
_INITIAL_LETTERS = re.compile(r"(?:Mc|Mac)?[A-Z]")


def _has_initials(e: Entity, initials: list[str]) -> bool:
    """Are ``initials`` ("McG", "B") those of the person's name: of each of its given names and
    surnames ("W.W.R.": Walt W. Rostow, "JFK": John F. Kennedy, "McG. B.": McGeorge Bundy), or of its
    first given name and surname ("D.R.": Dean Rusk)?"""
    given, surname = given_and_surname(e.names[0]) if e.names else ((), ())
    given = [w.replace(".", "") for w in given if w[:1].isupper()]
    surname = [w for w in surname if w[:1].isupper()]

    def fits(words: list[str]) -> bool:
        return len(words) == len(initials) and all(w.startswith(i) for i, w in zip(initials, words))

    return bool(given and surname) and (fits(given + surname) or fits(given[:1] + surname[:1]))


class _ListedEntities:
    """The entities of the fixed lists a document may name, made on first use: a document touches a few
    of the several hundred, and each index needs its own (an entity records whether it was used)."""

    def __init__(self) -> None:
        self._fields = _listed_entity_fields()[0]
        self._made: dict[str, Entity] = {}
        self._removed: set[str] = set()

    def __contains__(self, ident: str) -> bool:
        return ident in self._fields and ident not in self._removed

    def get(self, ident: str) -> Entity | None:
        if ident not in self:
            return None
        e = self._made.get(ident)
        if e is None:
            kind, names, forms, role, note = self._fields[ident]
            e = self._made[ident] = Entity(ident, kind, list(names), list(forms), role=role, note=note)
        return e

    def __getitem__(self, ident: str) -> Entity:
        e = self.get(ident)
        if e is None:
            raise KeyError(ident)
        return e

    def __delitem__(self, ident: str) -> None:
        if ident not in self:
            raise KeyError(ident)
        self._removed.add(ident)


#: a speaker label for whoever the record does not name: "Unidentified:", "Unknown Speaker:", "Male Voice:"
_UNNAMED_LABEL = re.compile(r"(?:Unidentified|Unknown)(?:\s+(?:Speaker|Voice|Man|Woman|Participant|Person))?"
                            r"|(?:(?:Male|Female|Another|Other)\s+)?Voice")


def unnamed_label(label: str) -> bool:
    """Is this speaker label (without its colon) one for whoever the record does not name? It names
    nobody, so nothing in it is a name."""
    return _UNNAMED_LABEL.fullmatch(" ".join(strip_markers(label).strip().rstrip(":.").split()).title()) is not None


class NameIndex:
    """The entities a document's text may name, and the machinery to find them."""

    def __init__(self, entities: Iterable[Entity] = ()):
        self._declared: dict[str, Entity] = {}
        #: speaker label (folded) -> the person it names, so a label always gives the same person
        self._labels: dict[str, Entity] = {}
        self._implicit = _ListedEntities()
        #: ids whose forms are matched exactly as listed (the authority list of well-known persons)
        self._fixed: set[str] = set(_listed_entity_fields()[1])
        #: forms from the authority list of an entity the caller declared under the same id
        self._extra_forms: dict[str, list[str]] = {}
        self._mentions: Counter[str] = Counter()
        self._first_use: list[str] = []
        self._regex: re.Pattern | None = None
        #: the entities changed since the matcher was built
        self._stale = True
        #: text -> its matches while the entities stay as they are (the speech, quotation and names
        #: passes ask about the same paragraphs); emptied by every change to the entities
        self._found: dict[str, list[NameMatch]] = {}
        self._explicit: set[tuple[str, str]] = set()
        #: (id, form) of the surnames that are common words ("Green") of the declared persons, and those
        #: forms folded (``_common_word_rows``)
        self._common_surnames: set[tuple[str, str]] = set()
        self._common_surname_keys: frozenset[str] = frozenset()
        self._table: dict[str, list[tuple[Entity, str]]] = {}
        self._rows: dict[str, list[tuple[Entity, str]]] = {}
        self._plans: dict[tuple[str, str], tuple] = {}
        #: (office phrase, expression for "the <phrase>", entity) of the persons named only by an office
        self._offices: list[tuple[str, re.Pattern, Entity]] = []
        #: ``search`` for any of the office phrases of ``_offices`` as written (None when there are none)
        self._any_office = None
        self._starts: re.Pattern | None = None
        self._own_firsts: frozenset[str] = frozenset()
        #: the document's forms (folded) as compiled: ``_regex`` over the first ones, then expressions
        #: over the forms added by later rebuilds, (forms, match, first characters) each (``_compile``)
        self._compiled_keys: frozenset[str] | None = None
        self._chunks: list[tuple[list[str], object, frozenset[str]]] = []
        for e in entities:
            self.add(e)

    # -- building
    def add(self, entity: Entity) -> Entity:
        """Declare an entity. An entity with an id already declared for the same kind is merged into it;
        an id taken by another kind gets a suffix."""
        existing = self._declared.get(entity.id)
        if existing is not None and existing.kind == entity.kind:
            for n in entity.names:
                if n not in existing.names:
                    existing.names.append(n)
            for f in entity.forms:
                if f not in existing.forms:
                    existing.forms.append(f)
            existing.role = existing.role or entity.role
            existing.note = existing.note or entity.note
            existing.used = existing.used or entity.used
            self._changed()
            return existing
        implicit = self._implicit.get(entity.id)
        if existing is None and implicit is not None and implicit.kind == entity.kind and _may_be_one(entity, implicit):
            # declared and also in the gazetteer or the authority list: one entity, the declared one,
            # also matched under the list's forms (kept here, not added to the entity's own forms)
            del self._implicit[entity.id]
            self._fixed.discard(entity.id)
            self._extra_forms[entity.id] = [f for f in implicit.names + implicit.forms
                                            if f not in entity.names and f not in entity.forms]
            entity.note = entity.note or implicit.note
        elif existing is not None or implicit is not None:
            entity.id = self._free_id(entity.id)
        self._declared[entity.id] = entity
        self._changed()
        return entity

    def _free_id(self, base: str) -> str:
        n = 2
        while f"{base}_{n}" in self._declared or f"{base}_{n}" in self._implicit:
            n += 1
        return f"{base}_{n}"

    def _id_for(self, surname: str, given: str = "") -> str:
        base = slug(surname)
        if base not in self._declared and base not in self._implicit:
            return base
        if given:
            alt = f"{base}_{slug(given)[0]}"
            if alt not in self._declared and alt not in self._implicit:
                return alt
        return self._free_id(base)

    def get(self, ident: str) -> Entity | None:
        return self._declared.get(ident) or self._implicit.get(ident)

    def entities(self) -> list[Entity]:
        """Declared entities (in the order added), then the entities of the gazetteer, the organisation list
        and the authority list that the text used (in the order of first use)."""
        used = [self._implicit[i] for i in self._first_use if i in self._implicit]
        return list(self._declared.values()) + used

    def _changed(self) -> None:
        """The entities changed: the matcher is rebuilt and what was found is found again."""
        self._found.clear()
        self._stale = True

    def _promote(self, e: Entity) -> Entity:
        """Make an entity of the authority list a declared one (a speaker label named it)."""
        if e.id in self._implicit:
            del self._implicit[e.id]
            self._fixed.discard(e.id)
            self._declared[e.id] = e
            self._changed()
        return e

    def persons(self) -> list[Entity]:
        return [e for e in self._declared.values() if e.kind == "person"]

    def listed_persons_named_in_full(self, texts: Iterable[str]) -> list[Entity]:
        """Persons of the authority list that ``texts`` name in more than one word ("Fidel Castro"), in
        order of first appearance. Only a text with such a form of the list is matched in full."""
        out: list[Entity] = []
        may_name = _listed_full_names().search
        for text in texts:
            if not _may_name_listed_in_full(text):
                continue
            folded = fold(text)
            if may_name(folded[0]) is None:
                continue
            for m in self.matches(text, folded):
                e = m.entity
                if e.kind == "person" and e.id in self._fixed and " " in text[m.name_start:m.end].strip() and e not in out:
                    out.append(e)
        return out

    def declare_listed(self, e: Entity) -> None:
        """Make a person of the authority list one of the document's own: from now on it is also found
        under the forms derived from its name ("Castro", "Fidel", "F. Castro"), as a declared person is."""
        self._promote(e)

    def _persons_in_text(self) -> list[Entity]:
        """The declared persons and the persons of the authority list the text has named so far."""
        named = [self._implicit[i] for i in self._first_use if i in self._implicit]
        return [e for e in self.persons() + named if e.kind == "person" and not _office_only(e)]

    def _signers(self, from_text: str) -> list[Entity]:
        """The persons who may have signed the document: those of its header list, participants and
        speakers (the declared persons not only mentioned) and the persons its FROM line names."""
        out = [e for e in self.persons() if not _office_only(e) and (e.role or "").split() != ["mentioned"]]
        for m in self.matches(from_text) if from_text else []:
            if m.entity.kind == "person" and m.entity not in out:
                out.append(m.entity)
        return out

    def signature_initials(self, text: str, from_text: str = "") -> NameMatch | None:
        """The person whose initials a line of the signature ``text`` consists of ("McG. B."), when
        exactly one of the document's possible signers (:meth:`_signers`; ``from_text`` is its FROM
        line) has them: a guess (``cert="medium"``). None when the text has no such line, or when
        none or several persons have these initials."""
        line = _INITIALS_SIGNATURE.search(text)
        if line is None:
            return None
        initials = _INITIAL_LETTERS.findall(line[1])
        hits = [e for e in self._signers(from_text) if _has_initials(e, initials)]
        if len(hits) != 1:
            return None
        return NameMatch(line.start(1), line.start(1), line.end(1), hits[0], "medium", guess="initials")

    @staticmethod
    def _initials(e: Entity) -> str:
        """"DR" for "Rusk, Dean", "RR" for "Richard Rusk": the initials of the given names and surname."""
        if not e.names:
            return ""
        given, surname = given_and_surname(e.names[0])
        return "".join(w[0] for w in given + surname if w[:1].isupper())

    def given_names_by_surname(self, persons: Iterable[Entity]) -> dict[str, set[str]]:
        """Surname word -> the given names (lower case) of ``persons`` known under it ("Castro" ->
        {"fidel"}); each word of a double surname counts ("Castro Ruz")."""
        out: dict[str, set[str]] = {}
        for e in persons:
            if e.kind != "person" or _office_only(e) or not e.names:
                continue
            given, surname = given_and_surname(e.names[0])
            for word in surname:
                out.setdefault(word, set()).update(g.lower() for g in given)
        return out

    def relative_id(self, surname: str, given: str) -> str:
        """A free id for another person of a known surname: ``castro_r`` for Raul Castro."""
        base = f"{slug(surname)}_{slug(given)[0]}"
        return base if base not in self._declared and base not in self._implicit else self._free_id(base)

    def _build(self) -> None:
        """The matcher for the declared entities (the fixed lists have one shared matcher, built once)."""
        table: dict[str, list[tuple[Entity, str]]] = {}
        offices: list[tuple[str, re.Pattern, Entity]] = []
        common_surnames: set[tuple[str, str]] = set()
        common_surname_keys: set[str] = set()
        for e in self._declared.values():
            if e.kind == "person" and e.id in self._fixed:
                continue  # an entry of the authority list declared as it is: the shared matcher has it
            if e.kind == "person":
                office = _office_only(e)
                if office:
                    offices.append((office, re.compile(
                        rf"(?<=\b[Tt]he )(?P<o>{re.escape(office)})(?![\w-])(?!\s+(?:of|for|to)\b)(?!\s+[A-Z])"), e))
                    continue
                forms = tuple(e.forms + self._extra_forms.get(e.id, []))
                keyed = _keyed_forms("person", tuple(e.names), forms)
                common = _common_surname_keys(tuple(e.names), forms)
                if common:
                    keyed += common
                    for key, form in common:
                        common_surnames.add((e.id, form))
                        common_surname_keys.add(key)
            else:
                keyed = _keyed_forms(e.kind, tuple(e.names), tuple(e.forms))
            for key, form in keyed:
                rows = table.get(key)
                if rows is None:
                    table[key] = [(e, form)]
                elif all(r[0] is not e for r in rows) or all(r[1] != form for r in rows):
                    rows.append((e, form))
        self._table = table
        self._common_surnames = common_surnames
        self._common_surname_keys = frozenset(common_surname_keys)
        #: folded form -> _rows_of it, while the entities stay as they are
        self._rows: dict[str, list[tuple[Entity, str]]] = {}
        #: (folded form, form as written) -> _plan of it, while the entities stay as they are
        self._plans: dict[tuple[str, str], tuple] = {}
        self._offices = offices
        self._any_office = re.compile("|".join(re.escape(o) for o, _p, _e in offices)).search if offices else None
        self._compile(table)
        self._stale = False
        own_starts = _start_chars(table)
        self._starts = _start_candidates(own_starts)
        # forms the caller wrote down (not derived): they decide between persons sharing a derived form
        self._explicit = {(e.id, key) for e in self._declared.values() if e.forms for key in _explicit_keys(tuple(e.forms))}

    #: added forms are compiled on their own while this is true (tests compare with one expression)
    INCREMENTAL = True

    def _compile(self, table: dict[str, list]) -> None:
        """The expressions for the forms of ``table``. When the forms compiled before are all still there,
        only the added ones are compiled, as one more expression; an expression over few forms is merged
        with the next added ones (compiled again with them), so that there stay few expressions and
        each form is compiled a few times at most. Otherwise one expression over them all
        (``alternation``). The scan takes the longest of the expressions' matches at a position, which
        is the match of one expression over all the forms: each keeps the longest of its forms that
        matches there (its tail ending on a word boundary), and all have the same boundaries."""
        compiled = self._compiled_keys
        if compiled is not None and self.INCREMENTAL and compiled <= table.keys():
            added = [key for key in table if key not in compiled]
            if added:
                chunks = self._chunks
                while chunks and len(chunks[-1][0]) <= 2 * len(added):
                    added = chunks.pop()[0] + added
                chunks.append((added, alternation(dict.fromkeys(added)).match, frozenset(k[:1] for k in added)))
                self._compiled_keys = compiled | frozenset(added)
            return
        self._compiled_keys = frozenset(table)
        self._regex = alternation(table)
        self._chunks = []
        self._own_firsts = frozenset(key[:1] for key in table)

    # -- finding
    def matches(self, text: str, folded: tuple | None = None) -> list[NameMatch]:
        """Known names in ``text``: longest matches, left to right, not overlapping. ``folded`` is
        ``fold(text)`` when the caller has it."""
        found = self._found.get(text)
        if found is None:
            found = self._matches(text, folded)
            if not any(f.alternatives for f in found):
                # a choice among persons depends on how often each was mentioned so far: not kept
                self._found[text] = found
        return list(found)

    def _matches(self, text: str, folded: tuple | None = None) -> list[NameMatch]:
        if self._stale:
            self._build()
        starts = [c.start() for c in self._starts.finditer(text)]
        found = self._names_from(text, starts, folded) if starts else []
        return self._with_offices(text, found)

    def _names_from(self, text: str, starts: list[int], folded_text: tuple | None = None) -> list[NameMatch]:
        """The names the two matchers find in ``text`` from the ``starts`` (positions in ``text`` where a
        name may begin, in order): at each, the longer of the two matches, the document's own on a tie,
        if ``_resolve`` accepts it; the next name is looked for after it."""
        folded, idx = folded_text or fold(text)
        fixed_table, _title_only, fixed_regex = fixed_matcher()
        own_at, listed_at = self._regex.match, fixed_regex.match
        own_firsts, listed_firsts = self._own_firsts, _fixed_start_chars()[0]
        chunks = self._chunks
        # folded position of each position of ``text`` (only when folding dropped combining marks)
        folded_at = None if isinstance(idx, range) else {t: f for f, t in enumerate(idx)}
        found: list[NameMatch] = []
        pos = 0
        for at in starts:
            if folded_at is not None:
                at = folded_at.get(at)
                if at is None:
                    continue
            if at < pos:
                continue
            first = folded[at]
            m1 = own_at(folded, at) if first in own_firsts else None
            for _keys, chunk_at, chunk_firsts in chunks:
                if first in chunk_firsts:
                    m3 = chunk_at(folded, at)
                    if m3 is not None and (m1 is None or m3.end() > m1.end()):
                        m1 = m3  # the longest of the document's matches: the match of one expression
            m2 = listed_at(folded, at) if first in listed_firsts else None
            if m1 is None:
                if m2 is None:
                    continue
                m = m2
            else:
                m = m1 if m2 is None or m2.end() <= m1.end() else m2
            key = m.group(0)
            rows = self._rows.get(key)
            if rows is None:
                rows = self._rows[key] = self._rows_of(key, fixed_table)
            start = idx[m.start()]
            end = idx[m.end() - 1] + 1
            while end < len(text) and unicodedata.combining(text[end]):
                end += 1
            match = self._resolve(text, start, end, rows, key) if rows else None
            if match is None:
                continue
            if found and match.start < found[-1].end:
                # a title or initials before the name reach back into the name before it ("N. U.S.
                # Khrushchev"): the name alone
                match = replace(match, start=match.name_start, title="")
            found.append(match)
            pos = m.end()
        return found

    def _with_offices(self, text: str, found: list[NameMatch]) -> list[NameMatch]:
        """``found`` with the persons named by an office ("the Ambassador") where the office phrase is
        longer than the names it overlaps, in order. (Most texts hold none of the phrases: one search
        for them all tells.)"""
        if self._any_office is None or self._any_office(text) is None:
            return found
        added = False
        for office_phrase, pattern, e in self._offices:
            if office_phrase not in text:
                continue  # the expression matches the phrase as written
            for m in pattern.finditer(text):
                office = NameMatch(m.start(), m.start(), m.end(), e, office=True)
                clash = [f for f in found if f.start < office.end and office.start < f.end]
                if all(f.end - f.start < office.end - office.start for f in clash):
                    found = [f for f in found if f not in clash] + [office]  # "the Ambassador of Ghana"
                    added = True
        if added:
            found.sort(key=lambda f: f.start)  # the names alone are in order
        return found

    def _rows_of(self, key: str, fixed_table: dict[str, list[tuple[str, str]]]) -> list[tuple[Entity, str]]:
        """(entity, form) of the entities a folded form may name: the document's own, then those of the
        fixed lists that the index has."""
        rows = list(self._table.get(key, []))
        for ident, form in fixed_table.get(key, []):
            e = self.get(ident)
            if e is not None and (e, form) not in rows:
                rows.append((e, form))
        return rows

    def find(self, text: str) -> list[tuple[int, int, Entity, str | None]]:
        """(start, end, entity, cert) of the known names in ``text`` (a title before a person's name is
        included in the span)."""
        return [(f.start, f.end, f.entity, f.cert) for f in self.matches(text)]

    def _plan(self, written: str, rows: list[tuple[Entity, str]]) -> tuple:
        """What :meth:`_resolve_plain` decides about a name written ``written`` with these rows from the
        rows, the index's ids and its explicit forms alone (not from the text around it or from the
        entities' notes and roles), so that it is worked out once per form as written: the rows whose
        capitals fit, whether a row of them counts only after a title, the candidate entities, those
        that are persons, whether the name is three letters or fewer in capitals, and the candidates
        left after preferring the declared ones and then the one an explicit form names."""
        rows = [r for r in rows if case_ok(r[1], written)]
        title_only = fixed_matcher()[1]
        needs_title = any((e.id, f) in title_only for e, f in rows)
        candidates: list[Entity] = []
        for e, _form in rows:
            if e not in candidates:
                candidates.append(e)
        persons = [e for e in candidates if e.kind == "person"]
        short_caps = len(written.replace(".", "")) <= 3 and written.isupper()
        declared, settled = self._settled(candidates, fold(written)[0])
        return rows, needs_title, persons, short_caps, declared, settled

    def _settled(self, candidates: list[Entity], key: str) -> tuple[list[Entity], list[Entity]]:
        """The candidates once the declared ones are preferred, and then once one named by an explicit
        form of ``key`` (the folded name) is preferred, as :meth:`_resolve_plain` narrows them."""
        declared = [e for e in candidates if e.id in self._declared] or candidates
        settled = declared
        if len(declared) > 1:
            explicit = [e for e in declared if (e.id, key) in self._explicit]
            if len(explicit) == 1:
                settled = explicit
        return declared, settled

    def _resolve(self, text: str, start: int, end: int, rows: list[tuple[Entity, str]], key: str) -> NameMatch | None:
        """:meth:`_resolve_plain`, with what it decides from the form alone taken from :meth:`_plan`
        (``key`` is the folded name, ``rows`` its rows)."""
        if key in self._common_surname_keys:
            return self._resolve_plain(text, start, end, rows)
        written = text[start:end]
        plan = self._plans.get((key, written))
        if plan is None:
            plan = self._plans[(key, written)] = self._plan(written, rows)
        rows_ok, needs_title, persons, short_caps, declared, settled = plan
        if needs_title:
            return self._resolve_plain(text, start, end, rows)
        if not rows_ok:
            return None
        if short_caps and self._in_caps_run(text, start, end):
            return None  # "US" in an all-capitals heading may be the pronoun
        title = ""
        tm = title_before(text, start) if persons else None
        tm = _not_a_middle_initial(text, tm)
        if tm:
            title = tm["title"]
            fitting = self._holders(persons, title)
            if fitting == []:
                return None  # "President Johnson" and the only Johnson is someone else: leave it
            if fitting:
                declared, settled = self._settled(fitting, fold(written)[0])
        return self._match_at(text, start, end, declared, settled, title, tm)

    def _common_word_rows(self, text: str, start: int, end: int,
                          rows: list[tuple[Entity, str]]) -> tuple[list[tuple[Entity, str]], Entity | None]:
        """``rows`` of a name at ``start:end`` without those of a surname of a declared person that is a
        common word ("Green"), but for the row of one person that the text names there; and that person
        when the surname stands alone (a guess). Such a surname names its person after a title
        ("Assistant Secretary Green", "Mr. Green"), or alone where it cannot be the word
        (:func:`_common_word_as_name`) if the person is named in full ("Green, Marshall"); only when no
        other person of the document has it there."""
        common = [r for r in rows if (r[0].id, r[1]) in self._common_surnames]
        rows = [r for r in rows if (r[0].id, r[1]) not in self._common_surnames]
        titled = _not_a_middle_initial(text, title_before(text, start)) is not None
        alone = not titled and _common_word_as_name(text, start, end)
        fitting = [r for r in common if titled or alone and _named_in_full(r[0])]
        if len({id(r[0]) for r in fitting}) != 1:
            return rows, None
        return rows + fitting, fitting[0][0] if alone else None

    def _holders(self, persons: list[Entity], title: str) -> list[Entity] | None:
        """The persons who can hold the head office ``title`` names ("President" of "President Johnson"),
        or None when it names no head office."""
        core = _MODIFIERS_AT_START.sub("", title)
        if core in HEAD_OFFICES or core.upper() in _HEAD_OFFICES_UPPER:
            return [e for e in persons if e.id in self._fixed or self._holds(e, core)]
        return None

    def _match_at(self, text: str, start: int, end: int, candidates: list[Entity], settled: list[Entity],
                  title: str, tm: re.Match | None) -> NameMatch | None:
        """The match of the name at ``start:end`` among the ``candidates`` left by the checks (``settled``:
        those the metadata's explicit forms leave): a title only before a person, no place before a
        newspaper's word, the initials of the one person's given name inside the name, and a guess among
        several by how often each was mentioned so far."""
        if title and candidates[0].kind != "person":
            title, tm = "", None
        if candidates[0].kind == "place" and _PLACE_NOT_BEFORE.match(text, end):
            return None  # "Washington Post"
        begin = tm.start("title") if title and tm else start
        if not title and len(candidates) == 1 and candidates[0].kind == "person":
            # "N. Khrushchev", "A. N. Kosygin": initials of the person's given name belong to the name
            ini = _INITIALS_BEFORE.search(text, max(0, start - 12), start)
            if ini and ini[0][0].lower() == _first_given_initial(candidates[0]):
                begin = ini.start()
        if len(settled) == 1:
            return NameMatch(begin, start, end, settled[0], None, title)
        ranked = sorted(settled, key=lambda e: -self._mentions[e.id])  # stable: declaration order on ties
        return NameMatch(begin, start, end, ranked[0], "medium", title, alternatives=ranked[1:])

    def _resolve_plain(self, text: str, start: int, end: int, rows: list[tuple[Entity, str]]) -> NameMatch | None:
        """The match of a name found at ``start:end`` whose folded form has these ``rows`` (entity,
        form), or None when the text does not name any of them there."""
        written = text[start:end]
        rows = [r for r in rows if case_ok(r[1], written)]
        guessed = None
        if self._common_surnames and any((e.id, f) in self._common_surnames for e, f in rows):
            rows, guessed = self._common_word_rows(text, start, end, rows)
        title_only = fixed_matcher()[1]
        title_searched: list[re.Match | None] = []

        def title_found() -> re.Match | None:
            """The title chain just before the name (looked for once)."""
            if not title_searched:
                title_searched.append(title_before(text, start))
            return title_searched[0]

        if rows and any((e.id, f) in title_only for e, f in rows):
            t0 = title_found()
            core0 = _office_core(t0["title"]) if t0 else ""
            rows = [(e, f) for e, f in rows
                    if (e.id, f) not in title_only or _names_office(e, core0)
                    or (e.id in self._declared and e.id not in self._fixed)]
        if not rows:
            return None
        candidates: list[Entity] = []
        for e, _form in rows:
            if e not in candidates:
                candidates.append(e)
        if len(written.replace(".", "")) <= 3 and written.isupper() and self._in_caps_run(text, start, end):
            return None  # "US" in an all-capitals heading may be the pronoun
        title = ""
        has_person = any(e.kind == "person" for e in candidates)
        tm = title_found() if has_person else None
        persons = [e for e in candidates if e.kind == "person"]
        tm = _not_a_middle_initial(text, tm) if persons else tm
        if tm and persons:
            title = tm["title"]
            fitting = self._holders(persons, title)
            if fitting == []:
                return None  # "President Johnson" and the only Johnson is someone else: leave it
            if fitting:
                candidates = fitting
        # declared entities before the gazetteer and the authority list; the metadata's explicit form
        # ("Castro" is Fidel) before a guess
        declared, settled = self._settled(candidates, fold(written)[0])
        match = self._match_at(text, start, end, declared, settled, title, tm)
        if match is not None and match.entity is guessed and match.cert is None:
            match = replace(match, cert="medium", guess="common word")
        return match

    @staticmethod
    def _holds(e: Entity, office: str) -> bool:
        """Can ``e`` be the holder of ``office``? Yes when nothing is recorded about its titles, or when
        its role or a titled form mentions the office."""
        hay = office_text(e).lower()
        if not hay:
            return True
        return office.lower() in hay

    @staticmethod
    def _in_caps_run(text: str, start: int, end: int) -> bool:
        before = _WORD_TOKEN.findall(text[max(0, start - 40):start])[-1:]
        after = _WORD_TOKEN.findall(text[end:end + 40])[:1]
        neighbours = before + after
        return bool(neighbours) and all(_ALL_CAPS_WORD.fullmatch(w) for w in neighbours)

    def note_mention(self, entity: Entity) -> None:
        if entity.id not in self._mentions:
            self._first_use.append(entity.id)
        entity.used = True
        self._mentions[entity.id] += 1

    # -- speaker labels
    def person_for_label(self, label: str) -> Entity:
        """The person a speaker label names ("The President:", "Dr. Kissinger:", "K:", "Mr. Johnson:"):
        an entity already in the index, or a new one with a stable id from the name. The same label
        always gives the same person."""
        key = " ".join(strip_markers(label).strip().rstrip(":.").split()).lower()
        known = self._labels.get(key)
        if known is not None and self.get(known.id) is known:
            known.used = True
            return known
        e = self.speaks(self._person_for_label(label))
        self._labels[key] = e
        return e

    @staticmethod
    def speaks(e: Entity) -> Entity:
        """``e``, who speaks in the text: a person only mentioned so far (or of no role) becomes a speaker."""
        if (e.role or "").split() in ([], ["mentioned"]):
            e.role = "speaker"
        return e

    def _by_declared_surname(self, name: str) -> Entity | None:
        """The one declared person whose surname is ``name``'s last word (a label such as "Mr. Green:" is a
        name even when the surname is also an English word, which the text matcher does not trust)."""
        words = name.split()
        if not words:
            return None
        surname = fold(words[-1])[0]
        hits = [e for e in self._declared.values() if e.kind == "person" and not _office_only(e)
                and self._surname(e) and fold(self._surname(e).split()[-1])[0] == surname]
        return hits[0] if len(hits) == 1 else None

    def _person_for_label(self, label: str) -> Entity:
        core = strip_markers(label).strip().rstrip(":.").strip()
        core = " ".join(core.split())
        if len(core) > 2 and core.isupper():
            # "THE PRESIDENT:", "MR. GROMYKO:" are the same labels in capitals
            core = " ".join(w.lower() if i and w.lower() in ("of", "the", "and", "de", "von", "van") else w.capitalize()
                            for i, w in enumerate(core.split()))
        if core in ("Q", "A"):
            ident = "questioner" if core == "Q" else "respondent"
            e = self._declared.get(ident) or self.add(Entity(ident, "person", [core], [], role=ident))
            e.used = True
            return e
        if re.fullmatch(r"(?:[A-Z][a-z]+\s+){1,2}\d{1,3}", core):
            # "Speaker 2:", "Unidentified Speaker 1:": an anonymous speaker, one person per number
            ident = slug(core)
            e = self._declared.get(ident) or self.add(Entity(ident, "person", [core], [], note=f"speaker label {core}:"))
            e.used = True
            return e
        if unnamed_label(core):
            # "Unidentified:", "Unknown Speaker:", "Male Voice:": whoever the record does not name (one or
            # more persons); not the converter's own "unidentified" (speech it could not attribute)
            ident = slug(core) if " " in core else f"{slug(core)}_speaker"
            e = self._declared.get(ident) or self.add(Entity(
                ident, "person", [core], [], note=f"speaker label {core}: (a speaker the record does not name)"))
            e.used = True
            return e
        if re.fullmatch(r"[A-Z]{2,3}", core):
            # "RR:", "DR:" in an interview: the one person of the text with these initials
            hits = [e for e in self._persons_in_text() if self._initials(e) == core]
            if len(hits) == 1:
                hits[0].used = True
                return self._promote(hits[0])
        if re.fullmatch(r"[A-Z]", core):
            hits = [e for e in self.persons() if not _office_only(e) and self._surname(e)[:1] == core]
            if len(hits) == 1:
                hits[0].used = True
                return hits[0]
            ident = f"speaker_{core.lower()}"
            e = self._declared.get(ident) or self.add(Entity(ident, "person", [core], [], note=f"speaker label {core}:"))
            e.used = True
            return e
        office = _office_label_re().fullmatch(core)
        if office:
            phrase = office[1]
            ident = slug(phrase)
            for e in self.persons():
                o = _office_only(e)
                if o and o.lower() == phrase.lower():
                    e.used = True
                    return e
            canonical = f"The {phrase}" if not core.lower().startswith("the ") else core
            e = self.add(Entity(self._id_for(ident) if ident in self._declared else ident, "person", [canonical], [],
                                role="speaker", note=phrase))
            e.used = True
            return e
        if _GROUP_LABEL.fullmatch(core):
            # "Hon. Members:", "Several Delegates:", "Voices:": speakers as a group, named as written
            ident = slug(core)
            e = self._declared.get(ident) or self.add(Entity(ident, "person", [core], [], note="a group of speakers"))
            e.used = True
            return e
        title, name = strip_title(core)
        found = self._person_by_name(name, title) or self._by_declared_surname(name)
        if found is not None:
            if title and core not in found.forms:
                found.forms.append(core)
                self._changed()
            found.used = True
            return found
        given, surname = split_written(name)
        catalogue = f"{' '.join(surname)}, {' '.join(given)}" if given and surname else name
        catalogue = _CAPITALS_NAME.sub(lambda m: m[0].capitalize(), catalogue)  # "Mr. STEVENSON:" -> Stevenson
        office = title if title and title_type(split_title(core)[1])[0] == "office" else ""
        e = Entity(self._id_for(" ".join(surname) or name, " ".join(given)), "person", [catalogue],
                   [core] if title else ([name] if given else []), role="speaker", note=office)
        e = self.add(e)
        e.used = True
        return e

    def _surname(self, e: Entity) -> str:
        name = strip_markers(e.names[0]) if e.names else ""
        if "," in name:
            return name.split(",", 1)[0].strip()
        _t, bare = strip_title(name)
        return " ".join(split_written(bare)[1])

    def _person_by_name(self, name: str, title: str) -> Entity | None:
        if self._stale:
            self._build()
        key = fold(name)[0]
        rows = list(self._table.get(key, []))
        table, title_only, _regex = fixed_matcher()
        core = _office_core(title)
        for ident, form in table.get(key, []):
            e = self.get(ident)
            # a form of the list marked "+" ("+Carter") names its person only after a title of the
            # person's office: "President Kennedy:" is John F. Kennedy, a bare "CARTER:" is not Jimmy Carter
            if e is not None and ((ident, form) not in title_only or _names_office(e, core)):
                rows.append((e, form))
        rows = [r for r in rows if r[0].kind == "person"]
        if core and len({r[0].id for r in rows}) > 1:
            rows = [r for r in rows if _names_office(r[0], core)] or rows  # the title's holder
        declared = [r for r in rows if r[0].id in self._declared]
        if declared:
            return declared[0][0]  # several: the rows were narrowed to the title's holders above
        if not rows or len({r[0].id for r in rows}) > 1:
            return None
        return self._promote(rows[0][0])


# --------------------------------------------------------------------------- participant lists

#: Participant-list lines that head a group, not a person.
_GROUP_WORDS = frozenset(
    "State|Defense|Treasury|Justice|Commerce|Agriculture|Labor|JCS|CIA|NSC|NSC Staff|USIA|AID|OSD|ISA|"
    "White House|Staff|Department of State|Department of Defense|Embassy|Others|Also Present|"
    "U.S. Side|US Side|Soviet Side|American Side|Observers".split("|")
)


def _parse_participant(item: str) -> tuple[str, str, list[str]] | None:
    """(title, name, role parts) of a participant line; name "" for an office ("The President")."""
    text = " ".join(strip_markers(item).split())
    if not text or text[0] in "[(":
        return None
    role_parts: list[str] = []
    # "Robert Murphy (Nixon Staff)": the parenthesis is an affiliation, not part of the name
    for paren in re.findall(r"\(([^()]*)\)", text):
        role_parts.append(paren.strip())
    text = " ".join(re.sub(r"\s*\([^()]*\)", "", text).split())
    if not text:
        return None
    if "—" in text:
        left, right = (p.strip() for p in text.split("—", 1))
        if right and left and not strip_title(left)[1]:  # "Chairman—Henry A. Kissinger"
            role_parts.append(left)
            text = right
        elif right and left and re.fullmatch(r"(?:[A-Z][\w.’'-]*\s*){1,3}", left) and strip_title(left)[0]:
            role_parts.append(left)
            text = right
    head, *rest = [p.strip() for p in text.split(",")]
    rest = [r for r in rest if r]
    office = _office_phrase_re().fullmatch(head)
    if office:
        return "", "", [office["o"]] + rest
    of_part = ""
    m = re.match(r"^(.*?\S)\s+(of\s+[A-Z].*)$", head)
    if m:
        head, of_part = m[1], m[2]
    title, name = strip_title(head)
    if not name:
        return None
    if not title and (head in _GROUP_WORDS or head.isupper() or len(head.split()) == 1 and head in _GROUP_WORDS):
        return None
    office = title if title and title_type(split_title(title + " x")[1] or title)[0] == "office" else ""
    office = " ".join(p for p in (office, of_part) if p)
    parts = role_parts + ([office] if office else []) + rest
    return title, name, parts


def _names_a_person(part: str) -> bool:
    """Does this comma-separated part name a person by itself ("Mr. Bill Moyers", "the Ambassador of
    Ghana"), rather than add a role to the previous one ("ISA", "Chairman")?"""
    if re.match(r"[Tt]he\s+[A-Z]", part):
        return True
    title, name = strip_title(part)
    return bool(title and name and name[:1].isupper())


def _split_items(items: list[str]) -> list[str]:
    """A PRESENT/PARTICIPANTS line that lists several persons separated by commas becomes one item each."""
    out: list[str] = []
    for item in items:
        parts = [p.strip() for p in strip_markers(item).split(",")]
        if sum(_names_a_person(p) for p in parts) >= 2:
            out.extend(p for p in parts if p)
        else:
            out.append(item)
    return out


def _group_headings(items: list[str], parsed: list[tuple[str, str, list[str]] | None]) -> set[int]:
    """Indices of the lines that head a group of participants ("United States", "France", "West Berlin")
    in a list whose persons are written with a title: a line without a title, an affiliation or an
    initial, directly followed by a titled person. (A list of untitled names is left alone: there an
    untitled line is as likely a person.) ``parsed`` holds each item's ``_parse_participant``."""
    titled = [bool(p and p[0] and p[1]) for p in parsed]
    persons = sum(1 for p in parsed if p and p[1])
    if persons == 0 or 2 * sum(titled) <= persons:
        return set()
    out: set[int] = set()
    for i, (item, p) in enumerate(zip(items, parsed)):
        if p is None or p[0] or p[2] or i + 1 >= len(items) or not titled[i + 1]:
            continue
        words = p[1].split()
        if len(words) <= 3 and not any(is_initial(w) for w in words) and words[0] not in common_given_names():
            out.add(i)
    return out


def entities_from_participants(items: list[str]) -> list[Entity]:
    """Person entities from the lines of a PARTICIPANTS list.

    "Ambassador Anatoliy F. Dobrynin, USSR" -> id ``dobrynin``, names ``["Dobrynin, Anatoliy F."]``,
    forms ``["Anatoliy F. Dobrynin", "Ambassador Dobrynin", "Dobrynin"]``, role ``"participant"`` (the
    ``person/@role`` token), note ``"Ambassador, USSR"`` (office and affiliation as listed).
    Group headings ("United States", "State", "JCS") and bracketed notices are skipped.
    """
    gazetteer = NameIndex()
    out: list[Entity] = []
    ids: set[str] = set()
    items = _split_items(items)
    parsed_items = [_parse_participant(item) for item in items]  # parsed once: the headings need them too
    headings = _group_headings(items, parsed_items)
    for i, (item, parsed) in enumerate(zip(items, parsed_items)):
        if parsed is None or i in headings:
            continue
        title, name, parts = parsed
        if not name:
            phrase = re.sub(r"^[Tt]he\s+", "", parts[0])
            ident = slug(phrase)
            if ident in ids:
                continue
            ids.add(ident)
            written = " ".join(strip_markers(item).split())
            out.append(Entity(ident, "person", [written[:1].upper() + written[1:]], [], role="participant",
                              note=", ".join(parts)))
            continue
        whole = [f for f in gazetteer.find(name) if f[:2] == (0, len(name)) and f[2].kind != "person"]
        if not title and whole:
            continue  # "United Kingdom", "West Berlin": a group heading
        given, surname = split_written(name)
        s = " ".join(surname)
        if not s:
            continue
        catalogue = f"{s}, {' '.join(given)}" if given else s
        forms = [name]
        core_title = split_title(title + " " + name)[1] if title else ""
        if core_title:
            forms.append(f"{core_title} {s}")
        forms.append(s)
        ident = slug(s)
        if ident in ids:
            ident = f"{ident}_{slug(given[0])[0]}" if given else ident
            n = 2
            while ident in ids:
                ident = f"{slug(s)}_{n}"
                n += 1
        ids.add(ident)
        uniq: list[str] = []
        for f in forms:
            if f not in uniq:
                uniq.append(f)
        out.append(Entity(ident, "person", [catalogue], uniq, role="participant", note=", ".join(parts)))
    return out


# --------------------------------------------------------------------------- marking


def mark_names(
    el: etree._Element,
    index: NameIndex,
    doc: Document,
    line: int,
    skip=("persName", "placeName", "orgName", "date", "note", "speaker", "rs"),
) -> int:
    """Wrap the known names in ``el``'s text; returns how many were marked. In a signature (``signed``),
    a line of initials is the person whose initials they are (:meth:`NameIndex.signature_initials`)."""
    signed = el.tag == _SIGNED
    from_text = (doc.meta.get("from_field") or ("", 0))[0] if signed else ""

    def find(text: str):
        initials = index.signature_initials(text, from_text) if signed else None
        if initials is not None:
            return [(initials.start, initials.end, _element(initials, text, index, doc, line))]
        return [(m.start, m.end, _element(m, text, index, doc, line)) for m in index.matches(text)]

    return wrap_spans(el, find, skip=skip)


_NAME_TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}
_SIGNED = qn("signed")
#: NameMatch.guess -> the rule, decision and alternative of its report line
_GUESSES = {
    "common word": ("names.common_word", ("“{name}” read as {id}: a common word, the surname of the one person "
                                          "of the document named in full with it"), "the word"),
    "initials": ("names.initials", ("“{name}” read as the initials of {id}, the one person of the document "
                                    "with them"), "the initials of someone else"),
}


def _element(m: NameMatch, text: str, index: NameIndex, doc: Document, line: int) -> etree._Element:
    """The element of a name found at ``m`` in ``text``, with its text (the name's, or a roleName for the
    title and the name after it), made with its attributes in one call to ``E``."""
    e = m.entity
    index.note_mention(e)
    ref = f"#{e.id}"
    if m.office:
        return E("rs", {"type": "person", "ref": ref}, text=text[m.start:m.end])
    tag = _NAME_TAGS[e.kind]
    if m.guess:
        ident = doc.new_id("name")
        new = E(tag, {"ref": ref, "cert": m.cert, "resp": "#conv", "xml:id": ident})
        rule, decision, alternative = _GUESSES[m.guess]
        doc.decide(line, rule, decision.format(name=text[m.name_start:m.end], id=e.id), alternative,
                   cert=m.cert, target=ident)
    elif m.cert:
        ident = doc.new_id("name")
        new = E(tag, {"ref": ref, "cert": m.cert, "resp": "#conv", "xml:id": ident})
        doc.decide(
            line, "names.ambiguous",
            f"“{text[m.name_start:m.end]}” read as {e.id} (mentioned more often so far)",
            " or ".join(a.id for a in m.alternatives),
            cert=m.cert, target=ident,
        )
    else:
        new = E(tag, {"ref": ref})
    if m.title:
        typ, abb = title_type(m.title)
        role = E("roleName", {"type": typ, "full": "abb" if abb else None}, text=m.title)
        new.append(role)
        role.tail = text[m.start + len(m.title):m.end]
    else:
        new.text = text[m.start:m.end]
    return new
