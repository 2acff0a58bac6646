"""Forms of names: the data files (gazetteer, organisations, authority list, titles, word lists), titles
before names, the forms under which a person may be written, and accent- and case-folded matching.

Used by :mod:`edition_tools.convert.names`; nothing here knows about a document.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .names import Entity

DATA = Path(__file__).resolve().parent / "data"

# --------------------------------------------------------------------------- data files


def read_lines(name: str) -> list[str]:
    lines = []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            lines.append(raw.rstrip("\n"))
    return lines


@functools.lru_cache(maxsize=None)
def gazetteer_rows(name: str) -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    rows = []
    for line in read_lines(name):
        cells = line.split("\t")
        ident, typ, canonical = cells[0], cells[1], cells[2]
        variants = tuple(v for v in (cells[3].split("|") if len(cells) > 3 else []) if v)
        rows.append((ident, typ, canonical, variants))
    return tuple(rows)


@functools.lru_cache(maxsize=None)
def persons_rows() -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    rows = []
    for line in read_lines("persons.tsv"):
        cells = line.split("\t") + ["", ""]
        rows.append((cells[0], cells[1], tuple(f for f in cells[2].split("|") if f), cells[3]))
    return tuple(rows)


@functools.lru_cache(maxsize=None)
def _authority_ids_by_name() -> dict[str, str]:
    return {fold(canonical)[0]: ident for ident, canonical, _forms, _note in persons_rows()}


@functools.lru_cache(maxsize=1)
def _authority_ids_by_form() -> dict[str, str]:
    """Folded plain form of the authority list -> id, for forms that only one person has."""
    seen: dict[str, set[str]] = {}
    for ident, _canonical, forms, _note in persons_rows():
        for f in forms:
            if not f.startswith("+") and " " in f:
                seen.setdefault(fold(f)[0], set()).add(ident)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def authority_id(name: str) -> str | None:
    """The authority list's id of the person whose catalogue form ("Castro, Fidel") is ``name``; also
    when the list writes the name in full in either order ("Zhou, Enlai" is the list's "Zhou Enlai",
    a surname written first)."""
    found = _authority_ids_by_name().get(fold(name)[0])
    if found or "," not in name:
        return found
    surname, given = (" ".join(p.split()) for p in name.split(",", 1))
    by_form = _authority_ids_by_form()
    return by_form.get(fold(f"{given} {surname}")[0]) or by_form.get(fold(f"{surname} {given}")[0])


@functools.lru_cache(maxsize=None)
def titles() -> tuple[tuple[str, str, bool], ...]:
    """(title, "office"|"honorific", abbreviated) from ``data/titles.tsv``, longest first."""
    out = []
    for line in read_lines("titles.tsv"):
        cells = line.split("\t")
        out.append((cells[0], cells[1], len(cells) > 2 and cells[2] == "abb"))
    return tuple(sorted(out, key=lambda t: -len(t[0])))


@functools.lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    words: set[str] = set()
    for line in read_lines(name):
        words.update(line.split())
    return frozenset(words)


def common_words() -> frozenset[str]:
    return word_set("common_words.txt")


def common_given_names() -> frozenset[str]:
    return word_set("given_names.txt")


#: Offices that name one holder: "President Johnson" is not U. Alexis Johnson unless his role says so.
HEAD_OFFICES = frozenset(
    "President|Vice President|Prime Minister|Premier|Chancellor|Vice Chancellor|King|Queen|Emperor|Shah|"
    "General Secretary|First Secretary|Secretary General|Secretary-General".split("|")
)
MODIFIERS = r"(?:(?:Acting|Deputy|Vice|Assistant|Under|First|Executive|Special|Permanent|Chief|Senior)\s+)*"
PARTICLES = frozenset("von van de der den du da di del della la le ter ten dos das bin ibn al el".split())
SUFFIXES = frozenset("Jr. Jr Sr. Sr II III IV".split())
#: Words that are never a name on their own.
NOT_NAMES = frozenset("The A An And Of Mr Mrs Ms Dr His Her Their Our We I He She They It".split())


@functools.lru_cache(maxsize=None)
def title_alternation() -> str:
    """Every title and its capitalised form, as one expression that prefers the longest.

    The titles are factored into a trie (see :func:`alternation`): where several titles match, the
    engine tries them longest first, as it would a list of alternatives sorted longest first, but it
    no longer tests every title at every position."""
    return trie_alternation(form for title, _typ, _abb in titles() for form in (title, title.upper()))


@functools.lru_cache(maxsize=None)
def title_before_re() -> re.Pattern:
    """A title chain ending just before a name: "Deputy Under Secretary ", "Lt. Gen. ", "Cde. "."""
    return re.compile(rf"(?<![\w.’'-])(?P<title>{MODIFIERS}(?:{title_alternation()}))(?P<sp>\s)\Z")


@functools.lru_cache(maxsize=1)
def _title_endings() -> tuple[frozenset[str], frozenset[str]]:
    """The last three characters of the titles (and of their capitalised forms) of three characters or
    more, and the shorter titles ("M.", of two characters or one)."""
    forms = [form for title, _typ, _abb in titles() for form in (title, title.upper())]
    return frozenset(f[-3:] for f in forms if len(f) >= 3), frozenset(f for f in forms if len(f) < 3)


def title_before(text: str, start: int) -> re.Match | None:
    """The title chain just before a name at ``start`` (:func:`title_before_re`, searched from up to 60
    characters before it), looked for only where a title can end there.

    The expression ends with a title and one whitespace character just before ``start``, so a text in
    which the character before ``start`` is not whitespace, and the three before it are not the end of
    a title (nor the two or one before it a shorter title), has none: most names follow "the", "and",
    "of" or a comma, and the search tries the titles at each of the 60 positions."""
    if start < 2 or not text[start - 1].isspace():
        return None
    endings, short = _title_endings()
    ending = text[max(0, start - 4):start - 1]
    if ending not in endings and ending[-2:] not in short and ending[-1:] not in short:
        return None
    return title_before_re().search(text, max(0, start - 60), start)


@functools.lru_cache(maxsize=None)
def title_start_re() -> re.Pattern:
    """A title chain at the start of a participant line or label, optionally after up to two
    qualifying words ("Soviet Ambassador", "CIA Director")."""
    return re.compile(
        rf"^(?P<pre>(?:[A-Z][\w.’'-]*\s+){{0,2}}?)(?P<title>{MODIFIERS}(?:{title_alternation()}))(?=\s|$)"
    )


@functools.lru_cache(maxsize=1024)
def title_type(title: str) -> tuple[str, bool]:
    """("office"|"honorific", abbreviated) of a title chain; modifiers ("Deputy …") make an office.
    Remembered: a document writes the same few titles again and again."""
    core = re.sub(rf"^{MODIFIERS}", "", title)
    for t, typ, abb in titles():
        if core == t or core == t.upper():
            return typ, abb
    return "office", core.endswith(".")


def slug(text: str) -> str:
    """An xml:id-safe lower-case ASCII id: "Dorticós Torrado" -> "dorticos_torrado"."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    if not s:
        s = "x"
    if s[0].isdigit():
        s = "n" + s
    return s


_MARKER = re.compile(r"\[\d+\]")


def strip_markers(text: str) -> str:
    """``text`` without note markers ("[3]"), stripped."""
    return (_MARKER.sub("", text) if "[" in text else text).strip()


def is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]\.?", word))


def initials(given_words: list[str]) -> str:
    out = []
    for w in given_words:
        if is_initial(w):
            out.extend(f"{c}." for c in w.replace(".", ""))
        elif w[:1].isupper():
            out.append(w[0] + ".")
    return " ".join(out)


def split_written(name: str) -> tuple[list[str], list[str]]:
    """("Henry A.", "Kissinger") style split of a name written in natural order: (given words, surname words)."""
    words = name.split()
    while words and words[-1] in SUFFIXES:
        words.pop()
    if not words:
        return [], []
    surname = [words[-1]]
    i = len(words) - 2
    while i >= 0 and words[i].lower() in PARTICLES and words[i][:1].islower():
        surname.insert(0, words[i])
        i -= 1
    return words[: i + 1], surname


def split_title(text: str) -> tuple[str, str, str]:
    """("Soviet", "Ambassador", "Anatoliy F. Dobrynin") from "Soviet Ambassador Anatoliy F. Dobrynin"."""
    m = title_start_re().match(text)
    if not m:
        return "", "", text.strip()
    return m["pre"].strip(), m["title"], text[m.end():].strip()


def strip_title(text: str) -> tuple[str, str]:
    """("Soviet Ambassador", "Anatoliy F. Dobrynin") from "Soviet Ambassador Anatoliy F. Dobrynin"."""
    pre, title, rest = split_title(text)
    return " ".join(p for p in (pre, title) if p), rest


def person_forms(entity: Entity) -> list[str]:
    """Every form under which a person may be named in the text, derived from its names and forms."""
    return list(cached_person_forms(tuple(entity.names), tuple(entity.forms)))


@functools.lru_cache(maxsize=2048)
def cached_person_forms(names: tuple[str, ...], forms: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`person_forms` of a person with these names and forms: they depend on nothing else, and an
    index asks again for the same persons each time its entities change (a few times per document)."""
    out: list[str] = []
    common = common_words()
    given_common = common_given_names()

    def add(form: str) -> None:
        form = " ".join(form.split())
        if len(form.replace(".", "").replace(" ", "")) < 2 or form in out:
            return
        if " " not in form and (form in NOT_NAMES or not form[:1].isupper() or split_title(form)[1]):
            return
        out.append(form)

    def from_parts(given: list[str], surname: list[str]) -> None:
        s = " ".join(surname)
        if given:
            add(" ".join(given + surname))
            real = [w for w in given if not is_initial(w)]
            if real and real[0] != given[0] or (real and len(given) > 1):
                add(" ".join([real[0]] + surname))  # "Henry Kissinger" from "Henry A."
            ini = initials(given)
            if ini:
                add(f"{ini} {s}")
                add(f"{ini.replace('. ', '.')} {s}")  # "N.S. Khrushchev"
                add(f"{ini.split()[0]} {s}")  # "S. Kudryavtsev" from "Kudryavtsev, Sergey Mikhailovich"
            first = given[0]
            if not is_initial(first) and first not in given_common and first not in common and len(first) >= 3:
                add(first)  # "Fidel"
        if s not in common:
            add(s)
        caps = [w for w in surname if w[:1].isupper()]
        if len(surname) >= 2 and len(caps) == len(surname):
            # Spanish double surname "Castro Ruz" / "Dorticós Torrado": the first one alone
            s0 = surname[0]
            if s0 not in common:
                add(s0)
            if given:
                add(" ".join(given + [s0]))
                if not is_initial(given[0]):
                    add(f"{given[0]} {s0}")

    for name in names + forms:
        name = strip_markers(name)
        if not name:
            continue
        if "," in name:
            surname, given = (p.strip() for p in name.split(",", 1))
            given = re.sub(r"^(?:{})\s+".format(title_alternation()), "", given)  # "Moorer, Admiral Thomas H."
            from_parts(given.split(), surname.split())
            continue
        _title, bare = strip_title(name)
        if not bare:
            continue
        given, surname = split_written(bare)
        from_parts(given, surname)
        words = bare.split()
        # tails starting with a capitalised full word: "Castro Ruz" from "Fidel Castro Ruz"
        for i in range(1, len(words) - 1):
            if words[i][:1].isupper() and not is_initial(words[i]):
                add(" ".join(words[i:]))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def given_and_surname(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given words, surname words) of a name as catalogued ("Castro, Fidel") or written ("Ambassador
    Anatoliy F. Dobrynin"), without note markers or a title. Remembered: asked for the same few
    persons at each match that a person's name decides."""
    name = strip_markers(name)
    if "," in name:
        surname, given = (p.split() for p in name.split(",", 1))
    else:
        given, surname = split_written(strip_title(name)[1])
    return tuple(given), tuple(surname)


@functools.lru_cache(maxsize=2048)
def common_word_surnames(names: tuple[str, ...], forms: tuple[str, ...]) -> tuple[str, ...]:
    """The surnames of a person with these names and forms that are common English words ("Green",
    "Dent", "Price"): :func:`cached_person_forms` leaves them out, since alone they are mostly the
    word; the index matches them only where the text says they are the name."""
    common = common_words()
    out: list[str] = []
    for name in names + forms:
        surname = " ".join(given_and_surname(name)[1])
        if surname in common and surname not in out:
            out.append(surname)
    return tuple(out)


# --------------------------------------------------------------------------- folding and matching


def alternation(table: dict) -> re.Pattern:
    """One regular expression for every key of ``table``, on word boundaries, preferring the longest.

    The keys are factored into a trie ("castro|castro ruz|cuba" -> "c(?:astro(?: ruz)?|uba)"), so the
    engine tests each position against one branch per letter instead of every key in turn; greedy
    optional tails with backtracking keep the longest key that ends on a word boundary."""
    return _alternation_pattern(tuple(sorted(table)))


@functools.lru_cache(maxsize=64)
def _alternation_pattern(keys: tuple[str, ...]) -> re.Pattern:
    """:func:`alternation` of sorted ``keys``: an index rebuilds its matcher whenever its entities change,
    often with the same forms as before (a merged entity, a new note), and documents with the same
    declared persons share it. Compiling the expression is the costly part."""
    if not keys:
        return re.compile(r"(?!x)x")
    return re.compile(rf"(?<![\w-])(?<!\w')(?:{trie_alternation(keys)})(?!\w)(?!-\w)")


def trie_alternation(keys: Iterable[str], after_first: str = "") -> str:
    """An expression matching any of the (non-empty) ``keys``, the longest first where several match,
    factored into a trie (see :func:`alternation`). ``after_first`` goes after the first character of
    every key: a lookbehind placed there (rather than before the alternation) leaves the expression
    starting with a set of characters, which the re module scans for quickly."""
    trie: dict = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = True
    if not after_first:
        return _trie_regex(trie)
    return "(?:" + "|".join(re.escape(ch) + after_first + _trie_regex(child) for ch, child in sorted(trie.items())) + ")"


def _trie_regex(node: dict) -> str:
    terminal = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


@functools.lru_cache(maxsize=1)
def fixed_matcher() -> tuple[dict[str, list[tuple[str, str]]], frozenset[tuple[str, str]], re.Pattern]:
    """The shared matcher of the fixed lists (gazetteer, organisations, authority list): folded form ->
    [(entity id, form)], the (id, form) pairs valid only after a fitting title, and the expression.
    Built once per process; an index maps ids to its own copies of the entities."""
    table: dict[str, list[tuple[str, str]]] = {}
    title_only: set[tuple[str, str]] = set()

    def put(form: str, ident: str) -> None:
        form = strip_markers(form)
        rows = table.setdefault(fold(form)[0], [])
        if (ident, form) not in rows:
            rows.append((ident, form))

    for name in ("places.tsv", "organisations.tsv"):
        for ident, _typ, canonical, variants in gazetteer_rows(name):
            for form in (canonical, *variants):
                put(form, ident)
    for ident, _catalogue, forms, _role in persons_rows():
        for form in forms:
            if form.startswith("+"):
                if all(i != ident for i, _f in table.get(fold(form[1:])[0], [])):
                    put(form[1:], ident)
                    title_only.add((ident, form[1:]))
            else:
                put(form, ident)
    return table, frozenset(title_only), alternation(table)




@functools.lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    if ch in "’'":
        return "'"
    if ch.isspace():
        return " "
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict):
    """str.translate table that folds each character once and remembers it."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = (ch.lower() if not ch.isspace() else " ") if ch < "\x80" else fold_char(ch)
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
#: ASCII text folded in one pass: capitals to lower case, tab, line feed, carriage return, vertical tab and
#: form feed to a space
_ASCII_FOLD_BYTES = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ\t\n\r\x0b\x0c", b"abcdefghijklmnopqrstuvwxyz     ")
#: the ASCII characters that _FoldTable folds to a space (str.isspace)
_ASCII_SPACES = re.compile(r"[\t\n\x0b\x0c\r\x1c-\x1f]")


#: Non-ASCII characters that fold to themselves (and that str.lower leaves alone) among those often in a
#: text: the Latin-1 signs, general punctuation (dashes, quotation marks) and the specials (U+FFFC, which
#: stands for a masked element in the speech pass's texts)
_FOLDING_TO_THEMSELVES = "".join(
    ch for low, high in ((0x80, 0xC0), (0x2000, 0x2070), (0xFFF0, 0x10000)) for ch in map(chr, range(low, high))
    if _FOLD_TABLE[ord(ch)] == ch and ch.lower() == ch
)
#: a non-ASCII character that may fold to another one
_MAY_FOLD = re.compile(rf"[^\x00-\x7f{re.escape(_FOLDING_TO_THEMSELVES)}]")


def _fold_without_marks(text: str) -> str:
    """The folded text of a text with non-ASCII characters but no combining marks: as
    ``text.translate(_FOLD_TABLE)``, faster.

    A text holds few different non-ASCII characters that fold to another one (most of its non-ASCII
    characters are dashes, quotation marks or U+FFFC, which fold to themselves): each is replaced in
    one pass over the text. (A replacement is not replaced again by the next pass: a character folds
    to one that folds to itself, which a test checks for every character.) Then str.lower does the
    ASCII capitals (every folded non-ASCII character is one lower-case character, which it leaves
    alone) and the ASCII whitespace becomes a space."""
    for ch in set(_MAY_FOLD.findall(text)):
        folded = _FOLD_TABLE[ord(ch)]
        if folded != ch:
            text = text.replace(ch, folded)
    return _ASCII_SPACES.sub(" ", text.lower())


def fold(text: str) -> tuple[str, "list[int] | range"]:
    """Accent- and case-folded text with the index of each folded character in ``text`` (combining
    marks are dropped, every other character folds to exactly one)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD_BYTES).decode("ascii"), range(len(text))
    if not _COMBINING.search(text):
        return _fold_without_marks(text), range(len(text))
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        if ch < "\x80":
            out.append(ch.lower() if not ch.isspace() else " ")
        elif unicodedata.combining(ch):
            continue
        else:
            out.append(fold_char(ch))
        idx.append(i)
    return "".join(out), idx


_WORD_SEPARATORS = re.compile(r"[\s-]+")


@functools.lru_cache(maxsize=8192)
def case_ok(form: str, written: str) -> bool:
    """Is ``written`` capitalised as ``form`` requires? (The same few pairs come up again and again.)"""
    f_letters = [c for c in form if c.isalpha()]
    w_letters = [c for c in unicodedata.normalize("NFC", written) if c.isalpha()]
    if len(f_letters) <= 3:
        return len(f_letters) == len(w_letters) and all(a.isupper() == b.isupper() for a, b in zip(f_letters, w_letters))
    f_words = _WORD_SEPARATORS.split(form)
    w_words = _WORD_SEPARATORS.split(written)
    if len(f_words) != len(w_words):
        return False
    for fw, ww in zip(f_words, w_words):
        if fw[:1].isupper() and not ww[:1].isupper():
            return False
    return True


@functools.lru_cache(maxsize=None)
def fixed_form_words() -> frozenset[str]:
    """Every word of every folded form of the fixed lists ("fidel" of "fidel castro"), built once."""
    return frozenset(w for form in fixed_matcher()[0] for w in form.split())
