"""Document -> TEI tree: the only place TEI text elements are made from blocks.

For each block the inline pass builds the element's mixed content; then the analysis passes run over it
in a fixed order: quotations, speech, names, dates. Finally the header is built from the metadata and
the entities the text uses, and open questions become ``note[@type='conversion']``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ..xmlio import TEI_NS, XML_ID, XML_LANG, E, local_name, qn
from . import dates as dates_mod
from . import names as names_mod
from . import quotes as quotes_mod
from . import speech as speech_mod
from .header import LANG_CODES, build_header, parse_source_statement, slug
from .nameforms import authority_id
from .inline import InlineContext, fill
from .markup import string_value, wrap_matches
from .model import Block, Document
from .layouts.transcript import label_name

NARRATIVE_PARENTS = {"p"}
QUOTE_CHARS = re.compile("[“”„«»\"]")
#: a number in an opener segment (copy and registry numbers)
_NUMBER = re.compile(r"(?<![\w.])\d+(?![\w.])")
#: a number of a registry line, not the digits of a form number ("A-412" of an airgram: one identifier)
_REGISTRY_NUMBER = re.compile(r"(?<![\w.-])\d+(?![\w.])")

# Questions build asks of the finished text, each answered by one XPath walk in C (the converter's tree
# holds elements and text only: no comments or processing instructions).
#: the elements (the text element included) that carry @cert, in document order: the parents of the
#: @cert attributes (found by name, where a predicate tests every element for one)
_WITH_CERT = etree.XPath("descendant-or-self::*/@cert/..")
#: the elements that carry a non-empty xml:id, in document order
_WITH_ID = etree.XPath("descendant-or-self::*[@xml:id != '']")
#: the xml:lang values in the text
_LANGUAGES = etree.XPath("descendant-or-self::*/@xml:lang")
#: the converter's own notes (note type="conversion") that are not inside another one
_CONVERSION_NOTES = etree.XPath("descendant::tei:note[@type = 'conversion'][not(ancestor::tei:note[@type = 'conversion'])]",
                                namespaces={"tei": TEI_NS})


def _has_quotation_marks(text) -> bool:
    """Does the text outside the converter's own notes hold a quotation mark? The marks are counted in
    the text of the whole element and of those notes, each serialised as text in one call (in C),
    instead of gathered text node by text node: most documents have none, or none in the notes."""
    def marks(el) -> int:
        return len(QUOTE_CHARS.findall(string_value(el)))

    total = marks(text)
    return total > 0 and total > sum(marks(note) for note in _CONVERSION_NOTES(text))


#: languages written in a script of their own, whose words a translation gives in Latin letters
_NON_LATIN = frozenset({"ru", "uk", "zh", "ja", "th"})


def original_term_lang(meta: dict[str, Any]) -> str:
    """The language tag of the original terms a translation keeps in brackets: the metadata's own, else
    that of the source's language (Chinese: ``zh-Latn``, pinyin; German: ``de``), else romanised Russian."""
    if meta.get("original_term_lang"):
        return meta["original_term_lang"]
    code = LANG_CODES.get(str(meta.get("original_language") or "").strip().lower())
    if code is None or code == "en":
        return "ru-Latn"
    return f"{code}-Latn" if code in _NON_LATIN else code


class Writer:
    def __init__(self, doc: Document, meta: dict[str, Any], source_name: str):
        self.doc = doc
        self.meta = meta
        self.source_name = source_name
        self.resp_ids: dict[str, str] = {}
        self._lines: dict = {}
        #: ids of the persons who speak in the turns of a transcript (set by ``build``)
        self._turn_speakers: set[str] = set()
        #: persons named in the turns so far, most recent first (candidates for "he" in a turn)
        self._turn_recent: list[str] = []
        translated = bool(meta.get("translator") or meta.get("original_language") or meta.get("_source_parts", {}).get("translator"))
        if translated:
            self.resp_ids["translator"] = "translator"
            bracket_resp = "#translator"
        else:
            self.resp_ids["src_ed"] = "src_ed"
            bracket_resp = "#src_ed"
        notes_resp = "#src_ed"
        if doc.notes:
            self.resp_ids.setdefault("src_ed", "src_ed")
        self.inline = InlineContext(doc, bracket_resp=bracket_resp, notes_resp=notes_resp,
                                    original_lang=original_term_lang(meta))
        self.index = names_mod.NameIndex(build_entities(doc, meta))
        for name in meta.get("_record_places") or []:
            self._declare_place(name)
        self.discovered: set[str] = set()
        #: of those, the ones found from their context alone (no title, no signature): cert="low"
        self.discovered_low: set[str] = set()
        self._discover_titled_persons()
        self.dates = dates_mod.DateContext(doc_date=meta.get("date"), setting_date=meta.get("setting_date"))
        #: (person, how found, line) when the metadata names no author and the text does: the header's
        #: author and the narrating "I" of the speech pass, both a guess
        self._author_guess = None if meta.get("author_id") else self._guess_author()
        author_id = meta.get("author_id") or (self._author_guess[0].id if self._author_guess else None)
        self.speech = speech_mod.SpeechContext(author_id=author_id, names=self.index, to_whom=meta.get("to_whom"),
                                               author_cert="medium" if self._author_guess else None)

    def _discover_titled_persons(self) -> None:
        """Persons written with a title ("Ambassador Dobrynin") that no list or header names."""
        from .discover import contextual_persons, person_id, titled_persons

        texts = self._block_texts() + self._note_texts()
        known = self._names_person
        for title, name in titled_persons(texts, known):
            words = name.split()
            forms = [name, f"{title} {words[-1]}"] + ([f"{title} {name}"] if len(words) > 1 else [])
            e = self.index.add(names_mod.Entity(id=person_id(name), kind="person", names=[name], forms=forms,
                                                role="mentioned", note=f"found in the text as “{title} {name}”"))
            self.discovered.add(e.id)
        for name, evidence in contextual_persons(texts, self._known_name):
            e = self.index.add(names_mod.Entity(id=person_id(name), kind="person", names=[name], forms=[name],
                                                role="mentioned", note=f"found in the text as “{evidence}”"))
            self.discovered.add(e.id)
            self.discovered_low.add(e.id)
        for name in self._signature_names():
            if not known(name):
                e = self.index.add(names_mod.Entity(id=person_id(name), kind="person", names=[name], forms=[name],
                                                    role="mentioned", note="found in the text as a signature"))
                self.discovered.add(e.id)
        self._declare_listed_persons_and_relatives(texts)

    def _declare_listed_persons_and_relatives(self, texts: list[str]) -> None:
        """A person of the authority list that the text names in full ("Fidel Castro") is the document's
        person: its surname and given name alone ("Castro", "Fidel") name it too. Before that, a given
        name with the surname of a person of the text and not theirs is another person ("Raul Castro"),
        so that the surname alone stays ambiguous between them and is marked as a guess."""
        from .discover import relatives

        named = self.index.listed_persons_named_in_full(texts)
        given = self.index.given_names_by_surname(self.index.persons() + named)
        for e in named:
            self.index.declare_listed(e)
        for first, surname in relatives(texts, given, self._known_name):
            name = f"{first} {surname}"
            e = self.index.add(names_mod.Entity(
                id=self.index.relative_id(surname, first), kind="person", names=[name], forms=[name], role="mentioned",
                note=f"found in the text as “{name}”, with the surname of another person"))
            self.discovered.add(e.id)

    def _known_name(self, name: str) -> bool:
        """A name of the index (a person, place or organisation), of the authority list under a title
        only ("+Johnson": President Johnson), or a word of a listed person's full name ("Fidel" of
        "Fidel Castro": that person, not a new one). The lists are asked first: a set lookup, where the
        index searches the name."""
        from .nameforms import fixed_form_words, fixed_matcher, fold

        key = fold(name)[0]
        if key in fixed_matcher()[0] or (" " not in key and key in fixed_form_words()):
            return True
        return any(h[0] == 0 and h[1] == len(name) for h in self.index.find(name))

    def _names_person(self, text: str) -> bool:
        """Does ``text`` name a person the index knows?"""
        return any(h[2].kind == "person" for h in self.index.find(text))

    def _block_texts(self) -> list[str]:
        """The text of every block, nested blocks after their parent, in document order."""
        texts: list[str] = []

        def collect(blocks):
            for b in blocks:
                if b.text:
                    texts.append(b.text)
                collect(b.children)

        collect(self.doc.blocks)
        return texts

    def _note_texts(self) -> list[str]:
        return [n.text for n in self.doc.notes.values()]

    def _discover_enumerated_persons(self) -> None:
        """Surnames listed among persons ("Ford, Kissinger, Shultz, Clements"); run once the speakers are
        known, since they are the persons of such lists."""
        from .discover import enumerated_persons, person_id

        texts = self._note_texts() + self._block_texts()
        for name, evidence in enumerated_persons(texts, self._names_person, self._known_name):
            e = self.index.add(names_mod.Entity(id=person_id(name), kind="person", names=[name], forms=[name],
                                                role="mentioned", note=f"found in the text {evidence}"))
            self.discovered.add(e.id)
            self.discovered_low.add(e.id)

    def _signature_names(self, capitals: bool = False) -> list[str]:
        """Names that signature lines consist of (``signed`` blocks, also inside a closer); with
        ``capitals``, also a line in capitals read as a name ("LODGE" of a cable, as "Lodge")."""
        from .discover import signature_name

        out: list[str] = []

        def name(line: str) -> str | None:
            line = line.strip()
            return signature_name(line) or (signature_name(line.title()) if capitals and line.isupper() else None)

        def collect(blocks):
            for b in blocks:
                if b.kind == "signed":
                    out.extend(n for n in map(name, b.text.split("\n")) if n and n not in out)
                collect(b.children)

        collect(self.doc.blocks)
        return out

    def _guess_author(self) -> "tuple[names_mod.Entity, str, int] | None":
        """The author of a document whose metadata names none: the person its FROM line names (a
        memorandum), else the one person who signed it (a letter, a telegram)."""
        from_text, from_line = self.doc.meta.get("from_field") or ("", 0)
        sender = self._person_named_by(from_text)
        if sender is not None:
            return sender, "the person of the FROM line", from_line
        names = self._signature_names(capitals=True)
        signer = self._person_named_by(names[0]) if len(names) == 1 else None
        if signer is not None:
            return signer, "the signer", next((b.line for b in self.doc.blocks if b.kind == "closer"), 0)
        return None

    def _person_named_by(self, text: str) -> "names_mod.Entity | None":
        """The person ``text`` consists of (a name, with a title), if the index knows one."""
        text = text.strip().rstrip(".")
        hits = self.index.find(text) if text else []
        if len(hits) == 1 and hits[0][2].kind == "person" and hits[0][0] == 0 and hits[0][1] == len(text):
            return hits[0][2]
        return None

    def _discovered_person(self, name: str) -> "names_mod.Entity | None":
        """The person the converter found itself under this name, if any."""
        for ident in self.discovered:
            e = self.index.get(ident)
            if e is not None and e.kind == "person" and name in e.names:
                return e
        return None

    def _signature_person(self, el) -> None:
        """A signature line that is a name no list knows becomes a person (a guess, as discovered)."""
        from .discover import signature_name

        if next(el.iter(qn("persName")), None) is not None:
            return
        for line in "".join(el.itertext()).split("\n"):
            name = signature_name(line)
            e = self._discovered_person(name) if name else None
            if e is None:
                continue
            if wrap_matches(el, re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)"),
                            lambda m: E("persName", {"ref": f"#{e.id}"}), skip=("persName", "placeName", "orgName", "date", "note")):
                self.index.note_mention(e)

    def _mark_discovered(self, text) -> None:
        """References to persons and places the converter found itself are guesses."""
        if not self.discovered:
            return
        for el in text.iter(qn("persName"), qn("placeName")):
            ref = el.get("ref", "")[1:]
            if ref in self.discovered and el.get("cert") is None:
                el.set("cert", "low" if ref in self.discovered_low else "medium")
                el.set("resp", "#conv")

    def _dateline_place(self, el, block: Block) -> None:
        """A dateline whose place no list knows: the first part before the date is a place (a guess)."""
        from .discover import dateline_place

        dv = dates_mod.parse_date(block.text)
        if dv is None:
            return
        place = dateline_place(block.text, dv.start)
        if not place or any(place in "".join(p.itertext()) for p in el.iter(qn("placeName"))):
            return
        e = self.index.add(names_mod.Entity(id=slug(place), kind="place", names=[place], note="place of the dateline"))
        e.used = True
        self.discovered.add(e.id)
        wrap_matches(el, re.compile(rf"(?<!\w){re.escape(place)}(?!\w)"),
                     lambda m: E("placeName", {"ref": f"#{e.id}"}), skip=("placeName", "date", "note"))

    def _declare_place(self, name: str) -> None:
        """A place the record lists: the gazetteer's entity when it knows the name, else a new one."""
        hits = [h for h in self.index.find(name) if h[0] == 0 and h[1] == len(name) and h[2].kind == "place"]
        if hits:
            hits[0][2].used = True
            return
        e = names_mod.Entity(id=slug(name), kind="place", names=[name])
        e = self.index.add(e)
        e.used = True

    # ------------------------------------------------------------------ text

    def element(self, block: Block) -> etree._Element:
        k = block.kind
        if k == "pb":
            return E("pb")
        if k in ("opener", "closer", "postscript"):
            el = E(k)
            for child in block.children:
                el.append(self.element(child))
            return el
        if k == "byline":
            el = E("byline")
            first, _, rest = block.text.partition("\n")
            fill(el, first + (" " if rest else ""), block, self.inline)
            if rest:
                el.append(E("lb"))
                da = E("docAuthor")
                fill(da, rest, block, self.inline)
                el.append(da)
                self.names(da, block)
            return el
        if k == "seg":
            el = E("seg", {"type": block.attrs.get("type", "archivalAnnotation")})
            fill(el, block.text, block, self.inline)
            self._cert(el, block)
            self.names(el, block)
            self.mark_num(el)
            return el
        if k in ("said", "quote"):
            el = E(k)
            if k == "said":
                el.set("rendition", "#block")
            for child in block.children:
                el.append(self.element(child))
            if k == "said":
                speech_mod.apply_block_speech(el, block.attrs.get("intro", ""), self.speech, self.doc, block.line)
            return el
        if k == "sp":
            return self.turn(block)
        if k == "list":
            el = E("list", {"type": block.attrs["type"]} if block.attrs.get("type") else None)
            if block.attrs.get("head"):
                h = E("head")
                fill(h, block.attrs["head"], Block("head", block.attrs["head"], block.line), self.inline)
                el.append(h)
            for item in block.children:
                it = E("item")
                fill(it, item.text, item, self.inline)
                self.names(it, item)
                self.dates_pass(it, item)
                el.append(it)
            return el
        tag = {"label": "p", "head": "head", "dateline": "dateline", "salute": "salute", "signed": "signed", "p": "p"}.get(k, "p")
        el = E(tag)
        fill(el, block.text, block, self.inline)
        self._cert(el, block)
        if tag == "p":
            quotes_mod.mark_quotations(el, self.doc, block.line, self.index)
            speech_mod.mark_speech(el, self.speech, self.doc, block.line)
        self.names(el, block)
        self.dates_pass(el, block)
        if tag == "dateline":
            self._dateline_place(el, block)
        if tag == "signed":
            self._signature_person(el)
        return el

    def turn(self, block: Block) -> etree._Element:
        label = block.attrs.get("speaker")
        prev = block.attrs.get("continues")
        if label:
            person = self._speaker_of(block)
            person.used = True
            block.attrs["who"] = person.id
        elif prev is not None:
            block.attrs["who"] = prev.attrs.get("who")
        sp = E("sp")
        if block.attrs.get("who"):
            sp.set("who", f"#{block.attrs['who']}")
        self._cert(sp, block)
        if label:
            spk = E("speaker")
            fill(spk, label, block, self.inline)
            time_code = re.match(r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?(?=[\s–—-])", spk.text or "")
            if time_code:  # "00:01:23 CHAIRMAN:" (bracketed codes are made time elements by fill)
                t = E("time", {"type": "timestamp"}, text=time_code.group(0))
                t.tail, spk.text = spk.text[time_code.end():], ""
                spk.insert(0, t)
            if not names_mod.unnamed_label(label_name(label)):  # ("Unidentified:" names nobody)
                names_mod.mark_names(spk, self.index, self.doc, block.line,
                                     skip=("persName", "placeName", "orgName", "date", "note", "rs"))
            sp.append(spk)
        for child in block.children:
            el = self.element(child) if child.kind != "p" else self._turn_p(child, block.attrs.get("who"))
            sp.append(el)
        if prev is not None and prev.attrs.get("_el") is not None:
            first = prev.attrs["_el"]
            if first.get(XML_ID) is None:
                first.set(XML_ID, self.doc.new_id("sp"))
            sp.set(XML_ID, self.doc.new_id("sp"))
            sp.set("prev", f"#{first.get(XML_ID)}")
            first.set("next", f"#{sp.get(XML_ID)}")
        block.attrs["_el"] = sp
        return sp

    def _speaker_of(self, block: Block) -> "names_mod.Entity":
        """The person a turn's label names; a label that stands for a person the record names (Q. for the
        examiner, A. for the witness, the chair for who presides: ``person_label``, layouts.transcript)
        is that person, a person of the lists when the name is theirs ("J. W. Fulbright")."""
        named = block.attrs.get("person_label")
        listed = self._person_named_by(named) if named else None
        if listed is None:
            return self.index.person_for_label(named or label_name(block.attrs["speaker"]))
        return self.index.speaks(listed)

    def _turn_p(self, block: Block, who: str | None) -> etree._Element:
        el = E("p")
        fill(el, block.text, block, self.inline)
        quotes_mod.mark_quotations(el, self.doc, block.line, self.index)
        self._speech_in_turn(el, block, who)
        self.names(el, block)
        self.dates_pass(el, block)
        return el

    def _speech_in_turn(self, el, block: Block, who: str | None) -> None:
        """Reported speech in a speaker's words ("Gromyko said that …", "I told him that …"): marked as
        in a narrative paragraph, with the speaker of the turn as the "I" who reports it (not the author
        of the record) and nobody as the one addressed. "He" and "she" in a turn are not the speakers
        (in an interview, the interviewer is "you"): the persons who speak in the record are no
        candidates for them; the candidates are the other persons the turns named, most recent first
        ("Did you discuss them with Mr. Dulles?" – "Yes. He told me that …"), then those of the
        record's own paragraphs (else the speech points to nobody, with a conversion note). The
        narrative's memory of subjects and recent persons is left as it was, so that the turns do not
        change how the record's own paragraphs are read."""
        ctx = self.speech
        narrative = ctx.author_id, ctx.author_cert, ctx.to_whom, ctx.recent, ctx.last_subject
        ctx.author_id, ctx.author_cert, ctx.to_whom = who, None, None
        ctx.recent = [i for i in dict.fromkeys(self._turn_recent + ctx.recent) if i not in self._turn_speakers]
        ctx.last_subject = []
        try:
            speech_mod.mark_speech(el, ctx, self.doc, block.line, keep_subjects=False)
            self._turn_recent = [i for i in ctx.recent if i not in self._turn_speakers]
        finally:
            ctx.author_id, ctx.author_cert, ctx.to_whom, ctx.recent, ctx.last_subject = narrative

    def names(self, el, block: Block) -> None:
        names_mod.mark_names(el, self.index, self.doc, block.line)

    def dates_pass(self, el, block: Block) -> None:
        dates_mod.mark_dates(el, self.dates, self.doc, block.line)

    def mark_num(self, el) -> None:
        """Numbers in opener segments (copy and registry numbers, a telegram's distribution counts
        ``EUR-12``) get ``num @value``; a registry line's form number (``A-412``) stays one word."""
        wrap_matches(el, _REGISTRY_NUMBER if el.get("type") == "registryNumber" else _NUMBER, lambda m: E("num", {"value": m.group(0)}),
                     skip=("num", "date", "note"))

    def _cert(self, el, block: Block) -> None:
        if block.cert:
            el.set("cert", block.cert)
            el.set("resp", "#conv")

    # ------------------------------------------------------------------ document

    def build(self) -> etree._ElementTree:
        doc = self.doc
        tei = etree.Element(qn("TEI"), nsmap={None: TEI_NS})
        lang = self.meta.get("language", "en")
        tei.set(XML_LANG, lang)
        text = E("text")
        body = E("body")
        div = E("div", {"type": doc.div_type})
        # the containers first: appending an element to another document walks its whole subtree (to
        # move it there), so each block is moved once, into the document of the finished tree
        tei.append(text)
        text.append(body)
        body.append(div)
        # speakers are known before any text is read, so that names in the text find them
        for b in doc.blocks:
            if b.kind == "sp" and b.attrs.get("speaker"):
                self._turn_speakers.add(self._speaker_of(b).id)
        self._discover_enumerated_persons()
        for block in doc.blocks:
            el = self.element(block)
            self._lines[el] = block.line
            for child_block, child_el in zip(block.children, el):
                self._lines.setdefault(child_el, child_block.line)
            div.append(el)
        # notes whose markers were never found in the text stay with the document, at its end
        missing = [n for n in doc.notes if n not in self.inline.placed]
        for n in missing:
            from .inline import _footnote

            div.append(E("p", None, _footnote(n, self.inline)))
            doc.decide(doc.notes[n].line, "inline.marker", f"note [{n}] has no marker in the text; placed at the end",
                       "at its marker", "low")
        if len(div) == 0:
            div.append(E("p"))
        abstract = None
        if self.meta.get("abstract"):
            abstract = E("abstract", {"resp": "#src_record"})
            p = E("p")
            line = self.meta.get("abstract_line", 0)
            ab = Block("p", self.meta["abstract"], line)
            fill(p, ab.text, ab, self.inline)
            self.names(p, ab)
            self.dates_pass(p, ab)
            abstract.append(p)
        self.meta["_abstract_el"] = abstract
        self.meta["_setting_who"] = [e.id for e in self.index.entities() if e.kind == "person" and "participant" in (e.role or "")]
        for note in text.iter(qn("note")):
            if note.get("place") == "foot":
                line = self.doc.notes[note.get("n")].line if note.get("n") in self.doc.notes else 0
                names_mod.mark_names(note, self.index, self.doc, line,
                                     skip=("persName", "placeName", "orgName", "date", "speaker", "rs", "note"))
                dates_mod.mark_dates(note, self.dates, self.doc, line, skip=("date", "note"))
        self._number_pages(body)
        self._unidentified_speakers(text)
        self._mark_discovered(text)
        self._report_certainty(text)
        self._conversion_notes(text)
        langs = {str(v) for v in _LANGUAGES(text) if v}
        self.meta["_quotation_marks"] = "some" if _has_quotation_marks(text) else "none"
        self._author_in_header()
        header = build_header(doc, self.meta, self.index.entities(), langs, self.source_name, self.resp_ids)
        tei.insert(0, header)
        return etree.ElementTree(tei)

    def _number_pages(self, body: etree._Element) -> None:
        """Give each page break the number printed on the page it opens (``@n``), as the PDF text reader
        found them (``doc.meta["page_numbers"]``, in the order of the breaks). When the text has more
        or fewer breaks than the reader counted, no break is numbered: a number on the wrong page is
        worse than none. The first page, which no break opens, gets a numbered break of its own at the
        start of the text when its number is printed (``doc.meta["first_page_number"]``): a ``pb``
        marks where a page begins, and the editor can then cite every page by its number."""
        numbers = self.doc.meta.get("page_numbers")
        if not numbers:
            return
        breaks = list(body.iter(qn("pb")))
        if len(breaks) != len(numbers):
            return
        for pb, n in zip(breaks, numbers):
            if n is not None:
                pb.set("n", n)
        first = self.doc.meta.get("first_page_number")
        if first and len(body) and body[0].tag == qn("div"):
            body[0].insert(0, E("pb", {"n": first}))

    def _author_in_header(self) -> None:
        """The guessed author (``_guess_author``) as ``titleStmt/author`` with cert medium, and in the report."""
        if self.meta.get("authors") or self._author_guess is None:
            return
        e, how, line = self._author_guess
        self.meta["authors"] = [{"name": e.names[0], "id": e.id, "cert": "medium"}]
        self.doc.decide(line, "header.author", f"author: {how} {e.names[0]}", "no author named", "medium")

    def _unidentified_speakers(self, text) -> None:
        """Speech whose speaker the passes could not name ("he said that …") points to one declared
        unidentified speaker, with low certainty and an open question, so that nothing is invented
        and the edition cannot be published until an editor names the speaker."""
        unnamed = [el for el in text.iter(qn("said")) if not el.get("who")]
        if not unnamed:
            return
        person = self.index.add(names_mod.Entity(
            id="unidentified", kind="person", names=["UNKNOWN"], role="speaker",
            note="a speaker the converter could not identify; replace the pointers to this entry"))
        person.used = True
        #: the speech pass's questions "who is this?" by line, in order (looked up per speech, not searched)
        asked: dict[int, list] = {}
        for d in self.doc.decisions:
            if d.rule == "speech.who":
                asked.setdefault(d.line, []).append(d)
        for el in unnamed:
            el.set("who", f"#{person.id}")
            el.set("cert", "low")
            el.set("resp", "#conv")
            if el.get(XML_ID) is None:
                el.set(XML_ID, self.doc.new_id("said"))
            line = self._line_of(el)
            known = next((d for d in asked.get(line, ()) if d.target in ("", el.get(XML_ID))), None)
            if known is not None:
                # the speech pass already asked who this is (with its candidates): that question targets the element
                known.target = el.get(XML_ID)
                known.cert = "low"
            else:
                self.doc.decide(line, "speech.who", "speaker not identified (who points to the unidentified speaker)",
                                "name the speaker", "low", el.get(XML_ID))

    #: which decision rules speak for which elements (a rule's prefix -> element names)
    RULE_KINDS = {
        "pdf-text": {"p", "said", "pb"}, "speech": {"said"}, "quotes": {"said", "quote", "q", "soCalled"},
        "dates": {"date"}, "names": {"persName", "placeName", "orgName", "rs"}, "inline": {"supplied", "note", "sic", "gap"},
        "plain": {"signed"}, "transcript": {"sp"}, "web-record": {"seg"},
    }
    ALTERNATIVES = {
        "p": "continue the previous paragraph", "said": "not marked as speech, or another speaker or kind of speech",
        "date": "another date or year", "persName": "another person, or not a name", "placeName": "another place",
        "orgName": "another organisation", "rs": "another referent", "supplied": "another reason, or an editorial remark",
        "note": "supplied words", "signed": "a paragraph", "sp": "narrative paragraph", "seg": "paragraph",
        "quote": "speech (said) or a term", "q": "speech (said), a quotation or a term", "soCalled": "a quotation",
    }

    def _report_certainty(self, text) -> None:
        """Every element that carries @cert is a heuristic decision: make sure the report lists it."""
        covered: set[tuple[int, str]] = set()
        targeted = {d.target for d in self.doc.decisions if d.target}
        for d in self.doc.decisions:
            for kind in self.RULE_KINDS.get(d.rule.split(".")[0], ()):
                covered.add((d.line, kind))
        for el in _WITH_CERT(text):
            kind = local_name(el)
            line = self._line_of(el)
            if (line, kind) in covered or (el.get(XML_ID) and el.get(XML_ID) in targeted):
                continue
            words = " ".join(string_value(el).split())
            what = f"{kind} " + " ".join(f'{a}="{el.get(a)}"' for a in ("who", "direct", "when", "ref", "reason", "type") if el.get(a))
            self.doc.decide(line, f"{kind}.cert", f"{what.strip()} ({words[:50]}{'…' if len(words) > 50 else ''})",
                            self.ALTERNATIVES.get(kind, "another encoding"), el.get("cert"), el.get(XML_ID) or "")

    def _line_of(self, el) -> int:
        """The transcript line of the block an element belongs to (recorded when it was made)."""
        while el is not None:
            if el in self._lines:
                return self._lines[el]
            el = el.getparent()
        return 0

    def _conversion_notes(self, text) -> None:
        """Open questions (low certainty) become ``note type="conversion"`` after the element they target."""
        if not any(d.cert == "low" and d.target for d in self.doc.decisions):
            return  # no open question points to an element
        ids = {el.get(XML_ID): el for el in _WITH_ID(text)}
        for d in self.doc.decisions:
            if d.cert != "low" or not d.target or d.target not in ids:
                continue
            target = ids[d.target]
            note = E("note", {"type": "conversion", "target": f"#{d.target}", "resp": "#conv"},
                     text=f"{d.decision}" + (f" (alternative: {d.alternative})" if d.alternative else ""))
            parent = target.getparent()
            if parent is None:
                continue
            note.tail = target.tail
            target.tail = None
            target.addnext(note)  # (not insert at index(target) + 1: index is linear in the children)


# ---------------------------------------------------------------------- entities


def build_entities(doc: Document, meta: dict[str, Any]) -> list:
    """Persons, places and organisations the header declares before the text is read: from the sidecar,
    the web record's catalogue, the byline and the participants lists."""
    Entity = names_mod.Entity
    out: list = []
    seen: set[str] = set()

    def add(e):
        base = e.id
        k = 2
        while e.id in seen:
            e.id = f"{base}{k}"
            k += 1
        seen.add(e.id)
        out.append(e)
        return e

    for p in meta.get("persons") or []:
        if isinstance(p, str):
            p = {"name": p}
        add(Entity(id=p.get("id") or slug(p["name"].split(",")[0]), kind="person", names=[p["name"]] + list(p.get("names", [])),
                   forms=list(p.get("forms", [])), role=p.get("role", ""), note=p.get("note", "")))
    for p in meta.get("orgs") or []:
        if isinstance(p, str):
            p = {"name": p}
        add(Entity(id=p.get("id") or slug(p["name"]), kind="org", names=[p["name"]], forms=list(p.get("forms", [])),
                   note=p.get("note", "")))
    for p in meta.get("places") or []:
        if isinstance(p, str):
            continue  # a record's place keywords: resolved against the gazetteer by the Writer
        add(Entity(id=p.get("id") or slug(p["name"]), kind="place", names=[p["name"]], forms=list(p.get("forms", []))))
    declared = {n for e in out for n in e.names}
    byline = meta.get("byline_name", "")
    head_text = " ".join(b.text for b in doc.blocks if b.kind == "head")
    for a in meta.get("catalogue_authors") or []:
        if a in declared:
            continue
        if re.search(r"\b(?:Embassy|Ministry|Committee|Department|Office|Council|Government|Party|Union)\b", a) and "," not in a.split(".")[0]:
            add(Entity(id=slug(re.sub(r"\W+", " ", a)), kind="org", names=[a], role="author"))
            continue
        surname = a.split(",")[0].strip()
        role = "participant"
        if byline and _fold(surname) in _fold(byline):
            role = "author participant"
        elif head_text and _fold(surname) not in _fold(head_text):
            role = "mentioned"
        # the authority list's id when it knows the person: one entity for the catalogue's name and the
        # forms the list gives ("Castro, Fidel" is the list's castro_f, matched as "Fidel Castro")
        add(Entity(id=authority_id(a) or slug(surname), kind="person", names=[a], role=role))
    parts: list[str] = []
    for b in doc.blocks:
        if b.kind == "list" and b.attrs.get("type") in ("participants", "present"):
            parts.extend(it.text for it in b.children)
    if parts:
        for e in names_mod.entities_from_participants(parts):
            if not any(set(e.names) & set(x.names) for x in out):
                if "participant" not in (e.role or ""):
                    e.role = (e.role + " participant").strip()
                add(e)
    if not meta.get("authors"):
        authors = []
        for e in out:
            if e.kind in ("person", "org") and "author" in (e.role or "").split():
                authors.append({"id": e.id, "name": e.names[0]})
        if authors:
            meta["authors"] = authors
    return out


def _fold(s: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def prepare_meta(doc: Document, sidecar: dict[str, Any]) -> dict[str, Any]:
    """The transcript's own metadata overlaid with the sidecar (the sidecar wins), plus derived values."""
    meta = dict(doc.meta)
    meta["_record_places"] = [p for p in doc.meta.get("places") or [] if isinstance(p, str)]
    for key, value in sidecar.items():
        if key in ("persons", "places", "orgs") and meta.get(key):
            names = {(v if isinstance(v, str) else v.get("name")) for v in value}
            meta[key] = [v for v in meta[key] if (v if isinstance(v, str) else v.get("name")) not in names] + list(value)
        else:
            meta[key] = value
    if sidecar.get("doc_type"):
        doc.div_type = sidecar["doc_type"]
    if meta.get("source_statement"):
        meta["_source_parts"] = parse_source_statement(meta["source_statement"])
        src = meta["_source_parts"]
        if src.get("repo") and not meta.get("archive"):
            meta["archive"] = src["repo"]
    else:
        meta["_source_parts"] = {}
    src = meta.get("source")
    if isinstance(src, dict):
        for k, v in src.items():
            meta.setdefault(k, v)
    if meta.get("original_language") and meta["original_language"].lower() in ("english", "en"):
        meta.pop("original_language")
    # the document date: sidecar, else a date line of the record, else the dateline
    if not meta.get("date"):
        for key in ("record_date_text", "dateline"):
            if meta.get(key):
                dv = dates_mod.parse_date(meta[key])
                if dv and not dv.when.startswith("--"):
                    meta["date"] = dv.when
                    meta.setdefault("date_text", meta[key][dv.start:dv.end])
                    break
    if not meta.get("setting_date"):
        if meta.get("setting_date_text"):
            dv = dates_mod.parse_date(meta["setting_date_text"])
            if dv and not dv.when.startswith("--"):
                meta["setting_date"] = dv.when
        elif meta.get("dateline") and meta.get("date"):
            meta["setting_date"] = None
    if meta.get("record_id") and not meta.get("idno"):
        meta["idno"] = f"record-{meta['record_id']}"
    return meta
