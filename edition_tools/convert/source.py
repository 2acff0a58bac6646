"""Reading a transcript and its metadata sidecar, with one clear message for every bad input."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path
from typing import Any

from ..diagnostics import UserError

#: Sidecar keys the header builder understands (documented in docs/conventions.md).
SIDECAR_KEYS = {
    "title", "subtitle", "doc_type", "date", "date_text", "setting_date", "place", "language",
    "authors", "translator", "contributors", "editors", "source_editors", "record", "source",
    "archive", "rights", "licence", "abstract", "persons", "places", "orgs", "topics", "subjects",
    "classification", "original_language", "author_id", "to_whom", "notes", "publisher", "idno", "source_note",
    "original_term_lang", "record_title", "shelfmark", "subtitle", "conversion_date",
}


def read_transcript(path: str | Path) -> str:
    """Decode a transcript as strict UTF-8 (a BOM is dropped), normalise to NFC and ``\\n`` line ends.

    Raises :class:`UserError` naming the file and the line for empty, binary and non-UTF-8 input.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except IsADirectoryError:
        raise UserError("this is a folder, not a transcript file", str(p)) from None
    except OSError as exc:
        raise UserError(f"cannot read the file: {exc.strerror}", str(p)) from None
    return decode_transcript(data, str(p))


def decode_transcript(data: bytes, path: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise UserError("the transcript is empty: there is nothing to convert", path, 1, 1, "empty")
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise UserError("this is a binary file, not a plain-text transcript (it contains NUL bytes)", path, line, 1, "binary")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise UserError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8: save the transcript as UTF-8 (e.g. iconv -f cp1252 -t utf-8)",
            path, line, col, "encoding",
        ) from None
    bad = [i for i, ch in enumerate(text[:100000]) if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f"]
    if len(bad) > 8:
        line = text.count("\n", 0, bad[0]) + 1
        raise UserError("this looks like a binary file, not a plain-text transcript (control characters)", path, line, 1, "binary")
    return clean_text(text)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ue000\ufffe\uffff]")


def clean_text(text: str) -> str:
    """``\n`` line ends, NFC, and no characters XML cannot carry (control characters other than tab,
    line feed and form feed carry no text and are dropped; so is U+E000, which the converter uses
    internally to mark page breaks)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NOT_XML.sub("", text)
    return unicodedata.normalize("NFC", text)


def sidecar_for(transcript: Path) -> Path:
    return transcript.with_name(transcript.stem + ".meta.toml")


def read_sidecar(path: str | Path) -> dict[str, Any]:
    """Load a ``.meta.toml`` sidecar; a syntax error names the file and line."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read the metadata file: {exc.strerror}", str(p)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError("the metadata file is not UTF-8 text", str(p), 1, 1, "meta") from None
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        line, col = 1, 1
        m = re.search(r"at line (\d+), column (\d+)", msg)
        if m:
            line, col = int(m.group(1)), int(m.group(2))
            msg = msg[: m.start()].strip().rstrip("(").strip()
        raise UserError(f"invalid TOML in the metadata file: {msg}", str(p), line, col, "meta") from None
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise UserError(
            f"unknown key {unknown[0]!r} in the metadata file (known keys: {', '.join(sorted(SIDECAR_KEYS))})",
            str(p), _line_of_key(raw.decode('utf-8'), unknown[0]), 1, "meta",
        )
    return _nfc(data)


def _line_of_key(text: str, key: str) -> int:
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith(key) or s.startswith(f"[{key}") or s.startswith(f"[[{key}"):
            return i
    return 1


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value
