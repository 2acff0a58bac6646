"""Names the lists do not know, found from the document itself (each a guess, ``cert="medium"``):

* a person written with a title: ``Ambassador Dobrynin``, ``Secretary Rusk``, ``Mr. Hillenbrand``,
  ``Chancellor Adenauer`` (a title, up to three initials or given names, a capitalised surname);
* the name a signature consists of: ``Thompson`` at the end of a telegram;
* the place of a dateline: ``Petsunda, Georgia, Soviet Union, August 28, 1962`` -> ``Petsunda``.

Everything found is declared in the header and marked by the ordinary names pass; the Writer sets
``@cert="medium" @resp="#conv"`` on the references, so the conversion report lists them.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from operator import itemgetter
from typing import Iterable

from .model import PB
from .nameforms import (
    MODIFIERS,
    NOT_NAMES,
    common_given_names,
    common_words,
    slug,
    title_alternation,
    titles,
    trie_alternation,
)

_NAME_WORD_REST = r"(?=[^\W\d_]*[a-zß-ÿ])(?:[^\W\d_]|[’'-])*[^\W\d_]"
_NAME_WORD = r"[A-Z]" + _NAME_WORD_REST


#: ``(?<![\w.’'-])`` (not after a character of a word, a dot or an apostrophe), written to stand just
#: after a capital letter instead of before it: an expression that starts with the capital starts with
#: a character set, and the re module skips straight to the capitals of a text instead of trying the
#: lookbehind at every position.
_NOT_AFTER_WORD_CHAR = r"(?<![\w.’'-][A-Z])"
_CAPITAL_AT_START = "[A-Z]" + _NOT_AFTER_WORD_CHAR
#: a name word not after a character of a word, a dot or an apostrophe
_NAME_WORD_AT_START = _CAPITAL_AT_START + _NAME_WORD_REST


#: the words of ``MODIFIERS`` ("Acting", "Deputy" …), read from the expression
_MODIFIER_WORDS = tuple(re.fullmatch(r"\(\?:\(\?:([\w|]+)\)\\s\+\)\*", MODIFIERS)[1].split("|"))
#: marks the end of a modifier among the titles of :func:`titled_name_re`'s trie
_THEN_TITLE = "\x00"


@functools.lru_cache(maxsize=1)
def titled_name_re() -> re.Pattern:
    """A title (after its modifiers: "Deputy Under Secretary") and the name after it.

    The title is one trie of the titles and the modifiers, a modifier followed by more modifiers and a
    title, with the test of the character before it just after its capital: the expression starts with
    a set of capitals, and the re module skips to them in C instead of trying it at every position. The
    alternatives are tried in the order of ``MODIFIERS`` then the titles (a modifier's branch comes
    before a title that continues the same word with a space, "Vice President", and before the title
    that is the word alone, "Chief"), so the matches are those of the plain expression."""
    forms = [form for title, _typ, _abb in titles() for form in (title, title.upper())]
    title = trie_alternation(forms + [m + _THEN_TITLE for m in _MODIFIER_WORDS], after_first=r"(?<![\w.’'-][\s\S])")
    title = title.replace(_THEN_TITLE, rf"\s+{MODIFIERS}(?:{title_alternation()})")
    return re.compile(
        rf"(?P<title>{title})\s+"
        rf"(?P<name>(?:(?:[A-Z]\.\s?){{1,3}}|{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})(?![\w’'-]*\s*[A-Z][a-z])"
    )


@functools.lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    words = set()
    for t, _typ, _abb in titles():
        for w in t.replace(".", " ").split():
            words.add(w.lower())
    return frozenset(words)


_POSSESSIVE = re.compile(r"[’']s?$")
#: note markers: a run of superscript digits, or one to three digits in brackets ("[12]"); written to
#: start with the set of their first characters, which the re module skips to in C
_MARKERS = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰\[](?:(?<=\[)\d{1,3}\]|(?<!\[)[¹²³⁴⁵⁶⁷⁸⁹⁰]*)")
@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    """A text without page breaks and note markers (each of a document's texts is read by four passes)."""
    return _MARKERS.sub(" ", text.replace(PB, " "))


MONTHS = frozenset("january february march april may june july august september october november december".split())


def _no_name(word: str) -> bool:
    """Is ``word`` one that names nobody: a listed non-name ("Department", "Soviet"), a month, or a word
    of a title ("Ambassador", "Secretary")?"""
    return word in NOT_NAMES or word.lower() in MONTHS or word.lower() in _title_words()


def titled_persons(texts: Iterable[str], known) -> list[tuple[str, str]]:
    """(title, name) pairs for persons written with a title whose name ``known(name)`` does not
    already resolve, in order of first appearance, without repeats. (The texts are searched at once,
    joined by ``_SEPARATOR``.)"""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    known = _remembered(known)
    rx = titled_name_re()
    for m in rx.finditer(_SEPARATOR.join(_plain(t) for t in texts)):
        name = _POSSESSIVE.sub("", " ".join(m.group("name").split()))
        words = name.replace(".", " ").split()
        last = words[-1]
        # a surname that is also a common word ("Mr. West", "Ambassador Young") is a name here:
        # the title says so
        if _no_name(last):
            continue
        if name in seen or known(name) or known(f"{m.group('title')} {name}"):
            continue
        seen.add(name)
        out.append((m.group("title"), name))
    return out


_SIGNATURE_NAME = re.compile(rf"(?:(?:[A-Z]\.\s?){{1,3}}|{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}")


#: words of signatures that name an institution, not a person ("Department", "Embassy Bonn")
_INSTITUTION_WORDS = frozenset("Department Embassy Mission Delegation Office Legation Consulate Staff Secretariat Bureau".split())


def signature_name(line: str) -> str | None:
    """The name a signature line consists of ("Thompson", "Llewellyn E. Thompson"), or None when the line
    is not just a name (an office, a place, a note)."""
    line = " ".join(_MARKERS.sub(" ", line).split()).rstrip(".")
    if not _SIGNATURE_NAME.fullmatch(line):
        return None
    words = line.replace(".", " ").split()
    if any(_no_name(w) or w in _INSTITUTION_WORDS for w in words):
        return None
    return line


def person_id(name: str) -> str:
    return slug(name.split()[-1])


def dateline_place(dateline: str, date_start: int) -> str | None:
    """The first comma-separated part of the words before the date in a dateline."""
    before = dateline[:date_start].strip().rstrip(",").strip()
    if not before:
        return None
    first = before.split(",")[0].strip()
    if not first or not first[0].isupper() or len(first) > 40 or first.endswith(":"):  # "DATE: …" of a cable
        return None
    if len(first) < 2 or first in _PRECEDENCES:  # "O 151400Z MAR 76": a telegram's precedence, no place
        return None
    if _RELEASE_WORDS.match(first):  # "FOR IMMEDIATE RELEASE  March 23, 1962": a press release's release line
        return None
    return first


#: the opening of a press release's release line, which stands before its date as a place would
_RELEASE_WORDS = re.compile(r"(?:FOR|HOLD|EMBARGOED|RELEASED?)\b", re.IGNORECASE)
#: the precedences written before a telegram's date-time group
_PRECEDENCES = frozenset({"Z", "O", "P", "R", "NIACT", "FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE", "NIACT IMMEDIATE"})


# --------------------------------------------------------------------------- a document's texts, searched at once

#: what the texts of a document are joined by for the searches: no pattern of this module matches it or
#: reads past it (it is no word character, no whitespace, no punctuation a pattern names), a lookaround
#: sees at it what it sees at the end or start of a text, and the walks back over words stop at it; so a
#: pattern finds in the joined texts what it finds in each text. (``clean_text`` drops it from transcripts;
#: where a text holds it all the same, no match reaches across it there either.)
_SEPARATOR = "\x00"


class _Joined:
    """Texts joined by ``_SEPARATOR``: a pattern is searched for once in them instead of once per text (a
    document has many texts, mostly short, and setting up a search costs more than running it over a
    few lines)."""

    def __init__(self, texts: list[str]) -> None:
        self.text = _SEPARATOR.join(texts)
        #: where each text begins in ``text``
        self.starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))

    def text_at(self, pos: int) -> int:
        """The number of the text that ``pos`` is in."""
        return bisect.bisect_right(self.starts, pos) - 1


# --------------------------------------------------------------------------- patterns tried where they may match

def _matches_at(rx: re.Pattern, text: str, starts: Iterable[int]):
    """The matches of ``rx.finditer(text)``, given positions among which every match starts: the pattern is
    tried at these few positions (in order, as finditer goes on after a match's end), not at every
    capital of the text."""
    end = 0
    for start in sorted(set(starts)):
        if start < end:
            continue
        m = rx.match(text, start)
        if m:
            end = m.end()
            yield m


def _start_of_words_before(text: str, pos: int, words: int) -> int:
    """Where the ``words`` whitespace-separated words just before ``pos`` (the start of a word after
    whitespace) begin: as many as there are, ``pos`` when no whitespace stands before it."""
    i = pos
    for _ in range(words):
        j = i
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == i:
            break  # no whitespace before: no separate word
        i = j
        while i > 0 and not text[i - 1].isspace() and text[i - 1] != _SEPARATOR:
            i -= 1
    return i


def _capitals_of_words_before(text: str, pos: int, words: int = 1) -> list[int]:
    """The positions of the capitals A-Z in the ``words`` whitespace-separated words just before ``pos``
    (the start of a word after whitespace): where a name that stands before it, separated by
    whitespace, may begin."""
    return [k for k in range(_start_of_words_before(text, pos, words), pos) if "A" <= text[k] <= "Z"]


# --------------------------------------------------------------------------- persons from their context

#: verbs of saying, thinking and acting that a person, rarely a thing, is the subject of ("Gromyko stated")
_PERSON_VERBS = (
    "said|says|stated|told|asked|replied|answered|claimed|argued|charged|accused|agreed|noted|stressed|insisted|"
    "explained|added|remarked|commented|emphasized|emphasised|declared|suggested|proposed|urged|wants|wanted|"
    "thinks|thought|believes|believed|feels|felt|indicated|promised|warned|admitted|denied|attacked|summarized|"
    "summarised|wrote|complained|recalled|observed|responded|objected|conceded|doubted|hoped|regretted"
)
_SUBJECT_OF_VERB = re.compile(
    rf"(?P<name>{_NAME_WORD_AT_START})\s+(?:(?:also|then|further|again|had|has|have|would|will|once|later|"
    rf"had\s+also|has\s+also)\s+)?(?:{_PERSON_VERBS})\b"
)
#: the verbs of saying with the whitespace before them: where ``_SUBJECT_OF_VERB`` ends (its name is one of
#: the three words before: the name, an adverb, "had also")
_VERBS = re.compile(rf"\s(?:{trie_alternation(_PERSON_VERBS.split('|'))})\b")
#: a full stop after a capital, the end of an initial ("J. Phil Campbell", "Lyndon B. Johnson"): a pattern
#: that starts with a literal character is searched for in C, where one that starts with a capital is
#: tried at every capital of the text
_INITIAL_DOT = re.compile(r"\.(?<=[A-Z]\.)")
#: an initial between whitespace (the middle of the second of ``_INITIAL_NAMES``), with the whitespace before
_MIDDLE_INITIAL = re.compile(r"\s[A-Z]\.(?=\s)")


def _verbs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of the verbs of saying of ``text``, each with the whitespace before it."""
    return [m.span() for m in _VERBS.finditer(text)]


def _initials(text: str) -> tuple[list[int], list[int]]:
    """Where the initials of ``text`` begin (their capital), and where its middle initials are written
    (with the whitespace before them, as ``_MIDDLE_INITIAL`` matches), found from their full stops."""
    initials, middle = [], []
    for m in _INITIAL_DOT.finditer(text):
        at = m.start() - 1
        initials.append(at)
        if at > 0 and _MIDDLE_INITIAL.match(text, at - 1):
            middle.append(at - 1)
    return initials, middle


def _subjects_of_verbs(text: str, verbs: "list[tuple[int, int]] | None" = None):
    """The matches of ``_SUBJECT_OF_VERB`` in ``text``, looked for only from the three words before each
    of its verbs of saying (``verbs``, from :func:`_verbs`) to the verb's end.

    A match ends with a verb, and none stands inside one (the name is capitalised, the adverbs are no
    verbs), so the match of each verb begins in the three words before it and ends with it; one search
    in that stretch (from the end of the last match) finds it, as ``finditer`` goes on after a match."""
    if verbs is None:
        verbs = _verbs(text)
    end = 0
    for at, verb_end in verbs:
        start = max(end, _start_of_words_before(text, at + 1, 3))
        while (m := _SUBJECT_OF_VERB.search(text, start, verb_end)) is not None:
            yield m
            start = end = m.end()


#: "the Ambassador to Thailand (Unger)": FRUS headings and notes give the holder of an office in parentheses
_HOLDER_IN_PARENTHESES = re.compile(
    rf"(?P<office>(?:[A-Z][\w’'-]*\s+){{0,2}}(?:[\w’'-]+\s+){{0,6}})\((?P<name>(?:{_NAME_WORD}\s+)?{_NAME_WORD})\)"
)
#: a name with an initial: "J. Phil Campbell", "Lyndon B. Johnson" (no capitalised word after it)
_NAME_IN_PARENTHESES = re.compile(rf"\((?:{_NAME_WORD}\s+)?{_NAME_WORD}\)")


def _is_word_char(ch: str) -> bool:
    """A character of ``[\\w’'-]``, as the re module reads ``\\w`` in a str pattern."""
    return ch.isalnum() or ch in "_’'-"


def _holders_in_parentheses(text: str):
    """The matches of ``_HOLDER_IN_PARENTHESES`` in ``text``, the same as its ``finditer`` gives, found
    from the parenthesised names: the pattern is tried only over the words before each of them (at most
    eight, as the pattern allows), not at every word of the text."""
    end = 0
    for paren in _NAME_IN_PARENTHESES.finditer(text):
        if paren.start() < end:
            continue
        start = paren.start()
        for _ in range(9):  # back over the words the office may hold
            i = start
            while i > end and text[i - 1].isspace():
                i -= 1
            j = i
            while j > end and _is_word_char(text[j - 1]):
                j -= 1
            if j == i:
                break
            start = j
        m = _HOLDER_IN_PARENTHESES.search(text, start, paren.end())
        if m:
            end = m.end()
            yield m


_INITIAL_NAMES = (
    re.compile(rf"(?P<name>{_CAPITAL_AT_START}\.\s?{_NAME_WORD}\s+{_NAME_WORD})(?![\w’'-]|\s+[A-Z][a-z])"),
    re.compile(rf"(?P<name>{_NAME_WORD_AT_START}\s+[A-Z]\.\s+{_NAME_WORD})(?![\w’'-]|\s+[A-Z][a-z])"),
)


def _names_with_a_middle_initial(text: str, initials: "list[int] | None" = None):
    """The matches of the second of ``_INITIAL_NAMES`` in ``text``, tried only before its middle initials
    (``initials``: where they are written, from :func:`_initials`)."""
    if initials is None:
        initials = _initials(text)[1]
    starts = (s for i in initials for s in _capitals_of_words_before(text, i + 1))
    return _matches_at(_INITIAL_NAMES[1], text, starts)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;][”\"’)\]]*\s*|[“\"(\[—]\s*|\n\s*)$")
#: endings that make a people or a language of a country's name: Israel -> Israeli, Soviet -> Soviets
_DEMONYM_ENDINGS = ("s", "i", "is", "n", "ns", "an", "ans", "ian", "ians", "ese", "ish")


_PLACE_PREPOSITION_WORDS = ("in", "at", "from", "near", "across", "inside", "outside", "via")
#: what a place is written after: a preposition of place, the whitespace after it, and the place (group 1)
_PLACE_PREPOSITION = re.compile(rf"\b(?:{'|'.join(_PLACE_PREPOSITION_WORDS)})\s+(?=([\w’'-]+))")
#: ``_PLACE_PREPOSITION`` for each preposition alone, the word boundary before it written as a lookbehind
#: after it: an expression that starts with a word is searched for in C (by its letters), where the
#: expression of them all, which starts with the boundary, is tried at every position of the text. At most
#: one of the prepositions matches at a position (each is followed by whitespace, and none is another's
#: start but "in" of "inside"), and none within another's match, so the matches of them all are those
#: of ``_PLACE_PREPOSITION``.
_EACH_PLACE_PREPOSITION = tuple(re.compile(rf"{word}(?<!\w[\s\S]{{{len(word)}}})\s+(?=([\w’'-]+))")
                                for word in _PLACE_PREPOSITION_WORDS)
_TOKEN = re.compile(r"[\w’'-]+")


class TextIndex:
    """The facts about a document's text that the context rules ask of their candidates.

    ``places`` are the words written after "in", "at", "from" … (a maximal run of ``[\\w’'-]``, or its
    part before an apostrophe or hyphen), gathered when first asked for (they depend on the order of the
    texts: a preposition may end one text and its place begin the next).

    The other questions are about one word each: is it written as a word of its own (``has_token``), how
    often (``count``), is it written with a people's ending. A document's passes ask them of a dozen
    words, while its text has thousands, so each is answered from the places where the word is written
    (found by ``str.find``, in C) instead of from a count of every word of the text; the answers are
    kept for the next question about the same word."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._runs: dict[str, Counter] = {}

    @functools.cached_property
    def places(self) -> frozenset[str]:
        placed = set()
        for run in {run for rx in _EACH_PLACE_PREPOSITION for run in rx.findall(self.text)}:
            placed.add(run)
            placed.update(run[:i] for i, ch in enumerate(run) if ch in "’'-")
        return frozenset(placed)

    def runs_from(self, word: str) -> Counter:
        """The maximal runs of ``[\\w’'-]`` (the words of the text) that begin with ``word``, with how
        often each is written; none when ``word`` is no such run itself (empty, or with a space)."""
        runs = self._runs.get(word)
        if runs is None:
            runs = self._runs[word] = _runs_from(self.text, word) if _TOKEN.fullmatch(word) else Counter()
        return runs

    def has_token(self, word: str) -> bool:
        """Is ``word`` written as a word of its own (a maximal run of ``[\\w’'-]``)?"""
        return word in self.runs_from(word)

    def count(self, word: str) -> int:
        """How often ``word`` is written as a word: as a run, or as a run's part before an apostrophe
        ("Grewe" in "Grewe’s")."""
        after = len(word)
        return sum(n for run, n in self.runs_from(word).items() if len(run) == after or run[after] in "’'")

    def is_a_place(self, word: str) -> bool:
        """Is ``word`` a place or a people in the text: written after a preposition of place ("in Berlin"),
        or also with the ending of a people or a language ("Israeli", "Soviets", "Chinese")?"""
        if word in self.places:
            return True
        runs = self.runs_from(word)
        return any(word + ending in runs for ending in _DEMONYM_ENDINGS)


_RUN_REST = re.compile(r"[\w’'-]*")


def _runs_from(text: str, word: str) -> Counter:
    """The maximal runs of ``[\\w’'-]`` in ``text`` that begin with ``word`` (itself such a run), counted."""
    runs: Counter = Counter()
    at = text.find(word)
    while at >= 0:
        if at == 0 or not _is_word_char(text[at - 1]):
            runs[text[at:_RUN_REST.match(text, at + len(word)).end()]] += 1
        at = text.find(word, at + 1)
    return runs


def _prepared(texts: Iterable[str]) -> tuple[list[str], TextIndex]:
    """The texts without page breaks and note markers, and the index of their words."""
    texts = [_plain(t) for t in texts]
    return texts, text_index(tuple(texts))


@functools.lru_cache(maxsize=4)
def text_index(texts: tuple[str, ...]) -> TextIndex:
    """The index of ``texts`` (read in this order, one after another), made once for the passes that read
    the same texts."""
    return TextIndex("\n".join(texts))


#: words that start sentences before a verb of saying and are no names ("Both agreed", "Others felt")
_SUBJECT_WORDS = frozenset(
    "All Both Some Others Other Everyone Everybody Nobody Someone Anyone Each Many Most Few Several None Who "
    "This That These Those Which What Neither Either One Two Three Sources Officials Also Then Later However "
    "Thus Here There Now Finally Moreover Instead".split()
)


def _may_start_a_sentence_as_a_name(word: str, index: TextIndex) -> bool:
    """A word first in its sentence is taken as a name only when it is no pronoun-like word and no verb
    form, and the text names it more than once ("Grewe claimed …", "… that Bolz study …")."""
    if word in _SUBJECT_WORDS or word.endswith(("ed", "ing", "ly")):
        return False
    if word.endswith("s") and (word[:-1].lower() in _title_words() or index.has_token(word[:-1])):
        return False  # a plural: "Generals told", "Germans had noted"
    return index.count(word) >= 2


def _plain_surname(word: str, common) -> bool:
    """Could this capitalised word be a surname on its own (not a common word, a month, a title word)?"""
    return (len(word) >= 3 and not _no_name(word) and word not in common
            and not word.isupper() and word not in _INSTITUTION_WORDS)


def contextual_persons(texts: Iterable[str], known) -> list[tuple[str, str]]:
    """(name, evidence) for persons no list knows and no title introduces, recognised by their context:

    * the subject of a verb of saying or thinking: "… that Gromyko stated" (first in a sentence only when
      the text names it again, and not a pronoun-like word: "Grewe claimed", not "Both agreed");
    * the holder of an office given in parentheses: "the Ambassador to Thailand (Unger)";
    * a name with an initial: "Lyndon B. Johnson", "J. Phil Campbell";
    * a common English given name and a surname: "David Gergen", "Robert T. Hartmann".

    A word written after a preposition of place anywhere in the texts ("in Berlin") is not taken, nor a
    word that ``known(word)`` already resolves (to a person, place or organisation)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    common = common_words()
    known = _remembered(known)
    texts, index = _prepared(texts)

    def take(name: str, evidence: str) -> None:
        name = " ".join(_POSSESSIVE.sub("", name).split())
        words = name.replace(".", " ").split()
        if name in seen or not words or not _plain_surname(words[-1], common):
            return
        if any(_no_name(w) for w in words):
            return
        if known(name) or known(words[-1]) or index.is_a_place(words[-1]):
            return
        seen.add(name)
        out.append((name, evidence))

    # text by text, as the rules find them in each (a stable sort keeps the order of the rules)
    for _text, name, evidence in sorted(_context_candidates(_Joined(texts), index), key=itemgetter(0)):
        take(name, evidence)
    return out


def _context_candidates(joined: _Joined, index: TextIndex):
    """(number of the text, name, evidence) for the names that the context rules of
    :func:`contextual_persons` find in the texts, rule after rule, each searching all the texts at once."""
    text = joined.text
    for m in _subjects_of_verbs(text, _verbs(text)):
        k = joined.text_at(m.start())
        before = text[max(joined.starts[k], m.start() - 40):m.start()]
        if re.search(r"[A-Z][\w’'.-]*\s+$", before) and not _SENTENCE_START.search(before):
            continue  # part of a longer proper noun
        if _SENTENCE_START.search(before) and not _may_start_a_sentence_as_a_name(m["name"], index):
            continue
        yield k, m["name"], " ".join(m.group(0).split())
    for m in _holders_in_parentheses(text):
        office_words = m["office"].replace(".", " ").lower().split()[-4:]
        if not set(office_words) & _title_words() or _LOWER_CASE_WORD_AFTER.match(text, m.end()):
            continue  # no office before it, or "the captive (Eastern European) nations"
        yield joined.text_at(m.start()), m["name"], " ".join(m.group(0).split()[-4:])
    initials, middle = _initials(text)
    for matches in (_matches_at(_INITIAL_NAMES[0], text, initials), _names_with_a_middle_initial(text, middle),
                    _given_name_names().finditer(text)):
        for m in matches:
            yield joined.text_at(m.start()), m["name"], m["name"]


#: a word in lower case after a parenthesis that is no preposition or conjunction: the parenthesis is
#: inside a phrase ("the captive (Eastern European) nations"), not after an office
_LOWER_CASE_WORD_AFTER = re.compile(r"\s+(?!(?:to|and|of|on|in|with|at|for|from|as)\b)[a-z]")


@functools.lru_cache(maxsize=1)
def _given_name_names() -> re.Pattern:
    """A common English given name, an optional initial and a surname, with no capitalised word after
    it: "David Gergen", "Robert T. Hartmann", "Kenneth Cole, Jr." (not "John Hopkins University")."""
    given = trie_alternation(common_given_names(), after_first=_NOT_AFTER_WORD_CHAR)
    return re.compile(
        rf"(?P<name>{given}\s+(?:[A-Z]\.\s+)?{_NAME_WORD})(?![\w’'-]|\s+[A-Z][a-z]|\s+&)"
    )


_SINGLE_NAME_ITEM = re.compile(rf"(?:and\s+)?(?P<name>{_NAME_WORD})")
#: the space after a sentence ("… said. The …"), or a line break: written to start with the space (tested
#: with the sentence's end behind it), which the re module skips to in C, as it does not to a lookbehind
_SENTENCE_END = re.compile(r"\s(?:(?<=[a-z)”’][.;:!?]\s)\s*(?=[A-Z(“])|(?<=\n))")


def _remembered(answer):
    """``answer`` (a question about a text: ``known``, ``names_person``) asked once per text: a pass asks
    about the same names again and again, and the index it asks does not change meanwhile. The answers
    live as long as the pass (one document's texts)."""
    answers: dict = {}

    def ask(text: str):
        if text not in answers:
            answers[text] = answer(text)
        return answers[text]

    return ask


def enumerated_persons(texts: Iterable[str], names_person, known) -> list[tuple[str, str]]:
    """(surname, evidence) for single capitalised words listed among persons: in a run of at least four
    comma-separated items ("… Ford, Kissinger, Shultz, Clements, Richardson …") of which at least two
    name a person already (``names_person(item)``), every other item that is one word is a person too,
    unless ``known(word)`` resolves it or it is a common word, a place ("in Berlin") or a people.

    A sentence without a one-word item that could be such a surname gives nothing and is not asked
    about at all (most sentences with commas list no persons); a text with fewer than three commas has
    no such sentence. Only the runs that hold such an item are looked at (``_runs_around``), and
    whether a one-word item names a person is asked only of the runs long enough to count."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    common = common_words()
    names_person = _remembered(names_person)
    texts = [_plain(t) for t in texts]
    index = None
    for text in texts:
        if text.count(",") < 3:
            continue  # no sentence of it has four items
        for sentence in _SENTENCE_END.split(text):
            if sentence.count(",") < 3:
                continue  # fewer than four items: no run to find
            items = [" ".join(i.split()) for i in sentence.split(",")]
            singles = [_SINGLE_NAME_ITEM.fullmatch(item.rstrip(".")) for item in items]
            surnames = [i for i, s in enumerate(singles) if s and _plain_surname(s["name"], common)]
            if all(singles[i]["name"] in seen for i in surnames):
                continue  # no item that could be a new surname
            for start, end in _runs_around(items, singles, surnames, names_person):
                if end - start < 4:
                    continue
                words = [s["name"] if s else "" for s in singles[start:end]]
                persons = [not word or bool(names_person(word)) for word in words]
                if sum(persons) < 2:
                    continue
                for word, is_person in zip(words, persons):
                    if word and not is_person and word not in seen and _plain_surname(word, common) \
                            and not known(word):
                        index = index or text_index(tuple(texts))
                        if not index.is_a_place(word):
                            seen.add(word)
                            out.append((word, "listed among persons"))
    return out


def _runs_around(items: list[str], singles: list, around: list[int], names_person) -> list[tuple[int, int]]:
    """The runs of ``items`` (maximal stretches of items that are one word, ``singles[i]``, or name a person)
    that hold an item of ``around`` (indexes, in order), as (start, end) in order. A run is found by
    going out from such an item to the first item on each side that is neither, so whether a longer
    item names a person is asked only of the items next to a run of interest ("March 31, 1959, 2 p.m."
    of a dateline is not asked about at all)."""
    member: dict[int, bool] = {}

    def is_member(i: int) -> bool:
        if i not in member:
            member[i] = bool(singles[i]) or bool(items[i] and names_person(items[i]))
        return member[i]

    runs: list[tuple[int, int]] = []
    end = 0
    for i in around:
        if i < end:
            continue  # in the run found last
        start, end = i, i + 1
        while start > 0 and is_member(start - 1):
            start -= 1
        while end < len(items) and is_member(end):
            end += 1
        runs.append((start, end))
    return runs


# --------------------------------------------------------------------------- relatives of known persons

_GIVEN_BEFORE_SURNAME = re.compile(
    rf"(?P<given>{_NAME_WORD_AT_START})(?=\s+(?P<surname>{_NAME_WORD})(?![\w’'-]))"
)


def _given_names_before(text: str, surnames: Iterable[str], written: "list[int] | None" = None):
    """The matches of ``_GIVEN_BEFORE_SURNAME`` in ``text`` whose surname is one of ``surnames``, tried only
    before the places where these are written (every other match is of no interest to the caller):
    ``written``, when the caller has found them (:func:`_written_at`)."""
    if written is None:
        written = _written_at([text], text, surnames)[0]
    starts = [start for pos in written for start in _capitals_of_words_before(text, pos)]
    return (m for m in _matches_at(_GIVEN_BEFORE_SURNAME, text, starts) if m["surname"] in surnames)


def _written_at(texts: list[str], joined: str, words: Iterable[str]) -> list[list[int]]:
    """Where in each of ``texts`` each of ``words`` is written (every occurrence, as ``str.find`` finds
    them), found in ``joined`` (the texts joined by line breaks) by one search per word instead of one
    per word and text: most texts of a document hold none of the words."""
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    out: list[list[int]] = [[] for _ in texts]
    for word in words:
        pos = joined.find(word)
        while pos >= 0:
            k = bisect.bisect_right(starts, pos) - 1
            if pos + len(word) <= starts[k] + len(texts[k]):  # not across the line break after the text
                out[k].append(pos - starts[k])
            pos = joined.find(word, pos + 1)
    return out


#: capitalised words that stand before a surname without being a given name ("Then Castro said")
_NOT_GIVEN = frozenset(
    "When If Since As After Before While Although Though Because Yesterday Today Tomorrow Meanwhile Perhaps "
    "Earlier Afterwards Again Therefore Hence Accordingly Nevertheless Nonetheless Still Yet But Or Nor So For "
    "Mister Madame Comrade Citizen Dear Said Says Told Asked Where Whether Unless Until Once Only Even Did "
    "Does Do Had Has Have Was Were Is Are Would Will Should Could Can May Might Must".split()
)


#: familiar forms of given names: "Bob Murphy" is Robert Murphy, not a relative
_FAMILIAR_FORMS = {
    "bob": "robert", "bobby": "robert", "bill": "william", "billy": "william", "dick": "richard",
    "jim": "james", "jimmy": "james", "jack": "john", "johnny": "john", "ted": "edward", "ed": "edward",
    "tom": "thomas", "tommy": "thomas", "mike": "michael", "chuck": "charles", "charlie": "charles",
    "hank": "henry", "harry": "henry", "larry": "lawrence", "andy": "andrew", "tony": "anthony",
    "joe": "joseph", "dave": "david", "dan": "daniel", "danny": "daniel", "al": "albert", "fred": "frederick",
    "walt": "walter", "jerry": "gerald", "sandy": "alexander", "alex": "alexander", "mac": "mcgeorge",
    "nick": "nicholas", "pat": "patrick", "steve": "stephen", "ben": "benjamin", "sam": "samuel",
    "ken": "kenneth", "ron": "ronald", "don": "donald", "doug": "douglas", "gene": "eugene", "hal": "harold",
    "abe": "abraham", "chip": "charles",
}


def _same_given_name(given: str, known_givens: set[str]) -> bool:
    g = given.lower()
    return g in known_givens or _FAMILIAR_FORMS.get(g, "") in known_givens or any(
        _FAMILIAR_FORMS.get(k) == g for k in known_givens)


def relatives(texts: Iterable[str], given_by_surname: dict[str, set[str]], known) -> list[tuple[str, str]]:
    """(given name, surname) of persons written with the surname of a person the document names and
    another given name: "Raul Castro" where the text names Fidel Castro. ``given_by_surname`` maps a
    surname to the given names (lower case) of the persons known under it.

    The word before the surname is taken as a given name only when it is capitalised, no initial, no
    title, month, common or function word ("Then Castro said"), never written in lower case in the
    text, not part of a run of capitalised words (a headline), written again elsewhere when it stands
    first in a sentence, and nothing ``known(word)`` resolves (a place, "Fidel" of a listed person)."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    common = common_words()
    texts, index = _prepared(texts)
    for text, written in zip(texts, _written_at(texts, index.text, given_by_surname)):
        if not written:
            continue  # no surname of interest in this text
        for m in _given_names_before(text, given_by_surname, written):
            given, surname = m["given"], m["surname"]
            known_givens = given_by_surname.get(surname)
            name = f"{given} {surname}"
            if known_givens is None or _same_given_name(given, known_givens) or name in seen:
                continue
            before = text[max(0, m.start() - 40):m.start()]
            if re.search(r"[A-Z][\w’'.-]*\s+$", before) and re.match(r"\s+[A-Z]", text[m.end("surname"):]):
                continue  # a run of capitalised words: a heading or a title ("Reagan Charges Kissinger Views")
            if _SENTENCE_START.search(before) and index.count(given) < 2:
                continue  # first in its sentence and nowhere else: may be a verb ("Hit Reagan on …")
            if (given in _NOT_GIVEN or given in _SUBJECT_WORDS or not _plain_surname(given, common)
                    or index.has_token(given.lower()) or index.is_a_place(given)):
                continue
            if known(given) or known(name):
                continue
            seen.add(name)
            out.append((given, surname))
    return out
