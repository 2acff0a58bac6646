"""The edition project: a folder with an optional ``edition.toml``.

An edition is a folder holding ``transcripts/`` (plain-text transcripts and their ``*.meta.toml``
sidecars), ``tei/`` (the edition's TEI) and an output folder (``site/``). ``edition.toml`` names the
edition and says where those folders are; every key has a default, so a folder without the file is
an edition too::

    [edition]
    title = "Conversations in Havana, 1961-1962"
    editors = ["A. Editor"]
    publisher = "Example University Library"
    licence = "CC-BY-4.0"                    # licence of the encoding
    base_url = "https://example.org/havana/" # for citations; "" = none
    language = "en"

    [paths]                                  # relative to the edition folder
    transcripts = "transcripts"
    tei = "tei"
    output = "site"

    [build]
    pdf = true                               # one PDF per document
    edition_pdf = true                       # one PDF of the whole edition

Problems in the file (unknown keys, wrong types, a path outside the edition) are collected and
reported together as one :class:`~edition_tools.diagnostics.UserError`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import UserError

CONFIG_NAME = "edition.toml"

#: The keys each table accepts, with their type and default.
_SCHEMA: dict[str, dict[str, tuple[type, Any]]] = {
    "edition": {
        "title": (str, "Untitled edition"),
        "editors": (list, []),
        "publisher": (str, ""),
        "licence": (str, "CC-BY-4.0"),
        "base_url": (str, ""),
        "language": (str, "en"),
    },
    "paths": {
        "transcripts": (str, "transcripts"),
        "tei": (str, "tei"),
        "output": (str, "site"),
    },
    "build": {
        "pdf": (bool, True),
        "edition_pdf": (bool, True),
    },
}

_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Project:
    """An edition folder and its settings, with every path made absolute."""

    root: Path
    title: str = "Untitled edition"
    editors: tuple[str, ...] = ()
    publisher: str = ""
    licence: str = "CC-BY-4.0"
    base_url: str = ""
    language: str = "en"
    transcripts_dir: Path = field(default=Path("transcripts"))
    tei_dir: Path = field(default=Path("tei"))
    output_dir: Path = field(default=Path("site"))
    pdf: bool = True
    edition_pdf: bool = True
    #: the ``edition.toml`` read, or None when the defaults were used
    config_path: Path | None = None

    @property
    def index_html(self) -> Path:
        return self.output_dir / "index.html"

    def relative(self, path: Path) -> str:
        """``path`` relative to the edition folder when it is inside it (for messages)."""
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)


def load_project(folder: str | Path = ".") -> Project:
    """Read ``folder/edition.toml`` (or use the defaults when there is none)."""
    root = Path(folder)
    if not root.exists():
        raise UserError("no such folder: give the folder of an edition (see `edition new`)", str(root))
    if not root.is_dir():
        raise UserError("this is a file, not an edition folder", str(root))
    root = root.resolve()
    cfg = root / CONFIG_NAME
    if not cfg.exists():
        return _make(root, {}, None)
    try:
        text = cfg.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UserError("edition.toml is not UTF-8 text; save it as UTF-8", str(cfg), 1, 1, "config") from None
    except OSError as exc:
        raise UserError(f"cannot read edition.toml: {exc.strerror}", str(cfg), 0, 0, "config") from None
    return parse_project(text, root, cfg)


def parse_project(text: str, root: Path, cfg: Path | None = None) -> Project:
    """Build a :class:`Project` from the text of an ``edition.toml``."""
    where = str(cfg) if cfg else CONFIG_NAME
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(str(exc))
        msg = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)).strip()
        raise UserError(f"edition.toml is not valid TOML: {msg}", where, line, col, "config") from None
    problems: list[str] = []
    values: dict[str, Any] = {}
    for table, content in data.items():
        if table not in _SCHEMA:
            problems.append(f"unknown table [{table}] (expected one of: {', '.join('[' + t + ']' for t in _SCHEMA)})")
            continue
        if not isinstance(content, dict):
            problems.append(f"{table} must be a table, written [{table}]")
            continue
        for key, value in content.items():
            spec = _SCHEMA[table].get(key)
            if spec is None:
                problems.append(f"unknown key {key!r} in [{table}] (expected one of: {', '.join(_SCHEMA[table])})")
                continue
            typ, _ = spec
            if typ is list:
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    problems.append(f"[{table}] {key} must be a list of strings, e.g. {key} = [\"A. Editor\"]")
                    continue
            elif not isinstance(value, typ) or (typ is not bool and isinstance(value, bool)):
                problems.append(f"[{table}] {key} must be {_type_words(typ)}, not {value!r}")
                continue
            values[f"{table}.{key}"] = value
    lang = values.get("edition.language")
    if lang is not None and not _LANG_RE.match(lang):
        problems.append(f"[edition] language must be a language tag such as \"en\" or \"de-AT\", not {lang!r}")
    base = values.get("edition.base_url")
    if base and not re.match(r"^https?://", base):
        problems.append(f"[edition] base_url must start with http:// or https://, not {base!r}")
    for key in ("transcripts", "tei", "output"):
        p = values.get(f"paths.{key}")
        if p is None:
            continue
        if not p.strip():
            problems.append(f"[paths] {key} must not be empty")
        elif not _inside(root, root / p):
            problems.append(f"[paths] {key} = {p!r} points outside the edition folder; use a folder inside it")
    if problems:
        raise UserError("edition.toml: " + "; ".join(problems), where, 0, 0, "config")
    return _make(root, values, cfg)


def _make(root: Path, values: dict[str, Any], cfg: Path | None) -> Project:
    def get(table: str, key: str):
        return values.get(f"{table}.{key}", _SCHEMA[table][key][1])

    out = (root / get("paths", "output")).resolve()
    tei = (root / get("paths", "tei")).resolve()
    transcripts = (root / get("paths", "transcripts")).resolve()
    if out in (root, tei, transcripts) or any(_inside(a, b) for a, b in ((out, tei), (out, transcripts), (tei, out), (transcripts, out))):
        raise UserError(
            "edition.toml: [paths] output must be a folder of its own (the build replaces what is in it), "
            "not the edition folder or the TEI or transcript folder",
            str(cfg) if cfg else CONFIG_NAME, 0, 0, "config",
        )
    return Project(
        root=root,
        title=get("edition", "title"),
        editors=tuple(get("edition", "editors")),
        publisher=get("edition", "publisher"),
        licence=get("edition", "licence"),
        base_url=get("edition", "base_url"),
        language=get("edition", "language"),
        transcripts_dir=transcripts,
        tei_dir=tei,
        output_dir=out,
        pdf=get("build", "pdf"),
        edition_pdf=get("build", "edition_pdf"),
        config_path=cfg,
    )


def _inside(root: Path, p: Path) -> bool:
    try:
        p.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _type_words(typ: type) -> str:
    return {str: "text in quotes", bool: "true or false"}.get(typ, typ.__name__)


def _toml_position(message: str) -> tuple[int, int]:
    m = re.search(r"at line (\d+), column (\d+)", message)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)
