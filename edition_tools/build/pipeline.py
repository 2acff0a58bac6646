"""``edition build``: transcripts → TEI → validated → HTML site and PDFs, doing only what changed.

The pipeline, in order:

1. **convert** every transcript that has no TEI yet (a TEI file is never overwritten: it may hold
   hand edits; a transcript changed since its TEI was made is reported instead);
2. **validate** every TEI file whose content, or whose schema and rules, changed since the last
   build, then the rules that look across documents; with errors the build stops here unless
   ``keep_going``;
3. **render** each changed document (HTML pages, summary, PDF), in worker processes;
4. rebuild the **site-wide pages** (index, registers, search index) from the cached summaries when
   any summary changed, and the **edition PDF** when any document changed.

What is up to date is decided from the cache (:mod:`.cache`): stat first, content hashes only when
a file's size or time changed, and no XML parsing on a build with nothing to do.

Interruption: every output is written to a temporary file and renamed; a document's cache record is
updated only after all its outputs exist; the cache itself is saved every few seconds and on
Ctrl-C. A lock file in the output folder says a build is running; when a build finds it left over by
a killed build, it removes stray temporary files, and the records that were never saved make it redo
exactly the unfinished work.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from .. import __version__
from ..diagnostics import Diagnostic, UserError
from ..parallel import default_jobs, run_many
from ..project import Project
from ..xmlio import XMLInputError
from .cache import CACHE_NAME, SUMMARY_FOLDER, BuildCache, SummaryStore, combine
from .lock import BuildLock, sweep_temporary_files
from .tools import TEI_SUFFIX, TRANSCRIPT_SUFFIXES, Converted, Rendered, Toolchain

#: Seconds between cache saves during a long build (so a killed build keeps most of its work).
SAVE_EVERY = 5.0
#: ... or this many times as long as the last save took, if that is longer (large caches)
SAVE_COST_FACTOR = 10
#: A transcript counts as newer than its TEI only beyond this margin (a fresh checkout writes
#: files in quick succession, in no meaningful order).
MTIME_SLACK_NS = 2_000_000_000

PDF_FOLDER = "pdf"
#: From this many documents on, the edition PDF (laid out again after every change) gets a warning.
EDITION_PDF_LARGE = 50
EDITION_PDF = "edition.pdf"

Hook = Callable[[str, str], None]


@dataclass
class BuildOptions:
    jobs: int = field(default_factory=default_jobs)
    clean: bool = False
    keep_going: bool = False
    #: None: the project's setting
    pdf: bool | None = None
    edition_pdf: bool | None = None
    #: None: a progress bar when stderr is a terminal
    progress: bool | None = None


@dataclass
class BuildReport:
    """What a build did, for the summary line, ``--format json`` and tests."""

    project: Project
    documents: int = 0
    #: files looked at: TEI documents, and transcripts that could not be converted
    files: int = 0
    converted: list[str] = field(default_factory=list)
    validated: int = 0
    rendered: int = 0
    pdfs: int = 0
    removed: int = 0
    site_pages: int = 0
    site_written: bool = False
    edition_pdf: str | None = None
    #: "" when the build ran to the end; otherwise why it stopped before rendering
    stopped: str = ""
    seconds: float = 0.0
    #: seconds spent in each stage
    timings: dict[str, float] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        return self.errors == 0 and not self.stopped

    @property
    def did_nothing(self) -> bool:
        return not (self.converted or self.validated or self.rendered or self.removed or self.site_written or self.pdfs or self.edition_pdf)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "edition": str(self.project.root),
            "output": str(self.project.output_dir),
            "index": str(self.project.index_html) if self.project.index_html.exists() else None,
            "documents": self.documents,
            "files": self.files,
            "converted": self.converted,
            "validated": self.validated,
            "rendered": self.rendered,
            "pdfs": self.pdfs,
            "removed": self.removed,
            "site_written": self.site_written,
            "edition_pdf": self.edition_pdf,
            "stopped": self.stopped or None,
            "errors": self.errors,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "timings": {k: round(v, 3) for k, v in self.timings.items()},
            "diagnostics": [d.as_dict() for d in self.diagnostics],
        }


def build(
    project: Project,
    options: BuildOptions | None = None,
    *,
    toolchain: Toolchain | None = None,
    hook: Hook | None = None,
) -> BuildReport:
    """Build ``project`` and return what was done. ``hook(event, name)`` is called after each
    unit of work (``"converted"``, ``"validated"``, ``"rendered"``, ``"site"``, ``"edition_pdf"``)."""
    options = options or BuildOptions()
    started = time.perf_counter()
    out = project.output_dir
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the output folder: {exc.strerror}", str(out)) from None
    with BuildLock(out) as lock:
        if lock.interrupted:
            sweep_temporary_files([out, project.tei_dir])
        if options.clean:
            clean_output(out)
        run = _Build(project, options, toolchain or Toolchain(), BuildCache.load(out), hook)
        try:
            run.run()
        except BaseException:
            # keep what was finished; unfinished documents have no record and are redone
            run.cache.save()
            raise
        if run.cache.dirty:
            run.cache.save()
    run.report.seconds = time.perf_counter() - started
    return run.report


def clean_output(out: Path) -> None:
    """Empty the output folder before a full rebuild. Only a folder the build made (it holds the
    cache) or an empty one is emptied: anything else is refused rather than deleted."""
    entries = [p for p in out.iterdir() if p.name != BuildLock.NAME]
    if entries and not (out / CACHE_NAME).exists():
        raise UserError(
            "the output folder holds files but no build cache, so it was not made by `edition build`; "
            "--clean will not delete it: choose another [paths] output or empty it yourself",
            str(out),
        )
    import shutil

    for p in entries:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()


class _Build:
    def __init__(self, project: Project, options: BuildOptions, tools: Toolchain, cache: BuildCache, hook: Hook | None):
        self.project = project
        self.options = options
        self.tools = tools
        self.cache = cache
        self.hook = hook
        self.report = BuildReport(project)
        self.pdf = project.pdf if options.pdf is None else options.pdf
        self.edition_pdf = project.edition_pdf if options.edition_pdf is None else options.edition_pdf
        self.jobs = max(1, options.jobs)
        self._token = f"{os.getpid()}-{id(self)}"
        self._root_prefix = str(project.root) + os.sep
        self.summaries = SummaryStore(project.output_dir / SUMMARY_FOLDER)
        self._last_save = time.monotonic()
        self._save_every = SAVE_EVERY
        if not cache.path.exists():
            # the cache marks the output folder as the build's own (see clean_output)
            cache.save()

    # ------------------------------------------------------------------ helpers

    def rel(self, path: Path) -> str:
        """A path as the cache keys it: relative to the edition folder."""
        s = str(path)
        if s.startswith(self._root_prefix):  # the common case, without pathlib (this runs per file)
            return s[len(self._root_prefix):]
        p = Path(path)
        return p.resolve().relative_to(self.project.root).as_posix() if _inside(p, self.project.root) else s

    def out_rel(self, path: Path) -> str:
        return Path(path).resolve().relative_to(self.project.output_dir).as_posix()

    def _event(self, event: str, name: str) -> None:
        now = time.monotonic()
        if now - self._last_save > self._save_every:
            self.cache.save()
            # saving a large cache costs time: keep it under a tenth of the build
            self._last_save = time.monotonic()
            self._save_every = max(SAVE_EVERY, SAVE_COST_FACTOR * (self._last_save - now))
        if self.hook is not None:
            self.hook(event, name)

    def _progress(self, n: int) -> bool | None:
        return False if self.options.progress is False else (None if self.options.progress is None else n > 0)

    # ------------------------------------------------------------------ the run

    def run(self) -> None:
        clock = _Clock(self.report.timings)
        with clock("check"):
            keys = self.stage_keys()
        with clock("convert"):
            teis = self.convert_stage()
        with clock("check"):
            self.report.documents = len(teis)
            self.report.files = len(teis) + self._failed_conversions
            self._used_files.update(str(t) for t in teis)
            hashes = {self.rel(t): self.cache.hash_file(t) for t in teis}
            docs = {k: t for k, t in zip(hashes, teis) if hashes[k] is not None}
            self.remove_vanished(set(docs))
            if not docs and not self.report.diagnostics:
                self.report.diagnostics.append(Diagnostic(
                    self.display(self.project.root), 0, 0, "warning",
                    f"nothing to build: no transcripts (*.txt) in {self.display(self.project.transcripts_dir)}/ "
                    f"and no TEI files (*.xml) in {self.display(self.project.tei_dir)}/", "no-documents",
                    "put transcripts in the transcripts folder (edition new makes an example edition)",
                ))
        with clock("validate"):
            self.validate_stage(docs, hashes, keys["validate"])
        if self.report.errors and not self.options.keep_going:
            n = self.report.errors
            self.report.stopped = f"{n} error{'s' if n != 1 else ''}: nothing was rendered (fix them, or build with --keep-going)"
            return
        self._render_key = keys["render"]
        with clock("render"):
            self.render_stage(docs, hashes, keys["render"])
        with clock("site"):
            self.site_stage(docs, keys["render"])
        with clock("edition_pdf"):
            self.edition_pdf_stage(docs, hashes, keys["render"])
        self.cache.forget_missing(self._used_files)

    def stage_keys(self) -> dict[str, str]:
        files = self.tools.stage_files()
        settings = {
            "title": self.project.title, "editors": list(self.project.editors), "publisher": self.project.publisher,
            "licence": self.project.licence, "base_url": self.project.base_url, "language": self.project.language,
        }
        self._settings = settings
        self._used_files: set[str] = set()
        keys = {}
        for stage in ("validate", "render"):
            paths = files.get(stage, [])
            self._used_files.update(str(p) for p in paths)
            keys[stage] = combine(__version__, stage, self.cache.hash_files(paths), settings if stage == "render" else None)
        return keys

    # ------------------------------------------------------------------ 1. convert

    def conversion_defaults(self) -> dict[str, Any]:
        """What edition.toml says that belongs in every new TEI header (a sidecar may override it)."""
        p = self.project
        out: dict[str, Any] = {}
        if p.editors:
            out["editors"] = list(p.editors)
        if p.publisher:
            out["publisher"] = p.publisher
        if p.licence:
            out["licence"] = p.licence
        return out

    def convert_stage(self) -> list[Path]:
        project, cache = self.project, self.cache
        transcripts = _find(project.transcripts_dir, TRANSCRIPT_SUFFIXES)
        tei_dirs: dict[Path, Path] = {}
        sources: dict[str, dict] = cache.edition.setdefault("sources", {})
        todo: list[tuple[Path, Path, Path | None, dict]] = []
        seen: set[str] = set()
        defaults = self.conversion_defaults()
        self._failed_conversions = 0
        for src in transcripts:
            key = self.rel(src)
            seen.add(key)
            meta = self.tools.sidecar(src)
            parent = src.parent
            if parent not in tei_dirs:
                tei_dirs[parent] = project.tei_dir / parent.relative_to(project.transcripts_dir)
            tei = self.tools.tei_path(src, tei_dirs[parent])
            self._used_files.update(str(p) for p in (src, meta, tei) if p)
            src_hash = combine(cache.hash_file(src), cache.hash_file(meta) if meta else None)
            tei_hash = cache.hash_file(tei)
            rec = sources.get(key)
            if tei_hash is None:
                todo.append((src, tei.parent, meta, defaults))
                continue
            if rec is None or rec.get("tei_file") != self.rel(tei):
                stale = _mtime_ns(src, meta) > _mtime_ns(tei) + MTIME_SLACK_NS
                rec = {"src": src_hash, "tei": tei_hash, "tei_file": self.rel(tei), "stale": stale}
            elif rec["src"] != src_hash:
                rec = {**rec, "src": src_hash, "tei": tei_hash, "stale": True}
            elif rec["tei"] != tei_hash:
                rec = {**rec, "tei": tei_hash, "stale": False}
            if sources.get(key) != rec:
                sources[key] = rec
                cache.mark_dirty()
            if rec["stale"]:
                self.report.diagnostics.append(Diagnostic(
                    self.display(src), 0, 0, "warning",
                    f"the transcript changed after its TEI {self.display(tei)} was made; the TEI was kept "
                    "(it may hold hand edits)",
                    "transcript-newer",
                    f"to convert it again: edition convert {self.display(src)} -o {self.display(tei.parent)} --force",
                ))
        for key in [k for k in sources if k not in seen]:
            del sources[key]
            cache.mark_dirty()
        if todo:
            results: Iterable[Converted] = run_many(
                _convert_one, todo, jobs=self.jobs, label="converting",
                progress=self._progress(len(todo)), initializer=_init_worker, initargs=(self.tools, None),
            )
            for src, res in zip((t[0] for t in todo), results):
                self.report.diagnostics.extend(self.displayed(res.diagnostics))
                if res.ok and res.output is not None and Path(res.output).exists():
                    self.report.converted.append(self.display(res.output))
                    meta = self.tools.sidecar(src)
                    sources[self.rel(src)] = {
                        "src": combine(cache.hash_file(src), cache.hash_file(meta) if meta else None),
                        "tei": cache.hash_file(Path(res.output)), "tei_file": self.rel(Path(res.output)), "stale": False,
                    }
                    cache.mark_dirty()
                else:
                    self._failed_conversions += 1
                    if not any(d.severity == "error" for d in res.diagnostics):
                        self.report.diagnostics.append(Diagnostic(
                            self.display(src), 0, 0, "error", "the transcript could not be converted", "convert-failed"))
                self._event("converted", self.rel(src))
        return _find(project.tei_dir, (TEI_SUFFIX,))

    # ------------------------------------------------------------------ 2. validate

    def validate_stage(self, docs: dict[str, Path], hashes: dict[str, str | None], vkey: str) -> None:
        cache = self.cache
        todo = [k for k in docs if not _fresh(cache.docs.get(k, {}).get("validate"), vkey, hashes[k])]
        if todo:
            ready = self._prepare("validate", vkey)
            results = run_many(
                _validate_one, [docs[k] for k in todo], jobs=self.jobs, label="validating",
                progress=self._progress(len(todo)), initializer=_init_worker, initargs=(self.tools, "validate", ready),
            )
            for key, (diags, facts) in zip(todo, results):
                rec = cache.docs.setdefault(key, {})
                rec["validate"] = {
                    "key": vkey, "tei": hashes[key], "diags": [self._stored(d) for d in diags],
                    "facts": facts, "facts_key": combine(facts),
                }
                cache.mark_dirty()
                self.report.validated += 1
                self._event("validated", key)
        # the rules across documents run on the cached facts of every document, and only when a
        # document's facts changed (editing a paragraph does not change them)
        cross_key = combine(vkey, [(k, cache.docs[k]["validate"]["facts_key"]) for k in sorted(docs)])
        cross = cache.edition.get("cross")
        if not cross or cross.get("key") != cross_key:
            facts = [cache.docs[k]["validate"]["facts"] for k in sorted(docs)]
            diags = _cross_validate(self.tools, facts) if docs else []
            cross = {"key": cross_key, "diags": [self._stored(d) for d in diags]}
            cache.edition["cross"] = cross
            cache.mark_dirty()
        for key in sorted(docs):
            self.report.diagnostics.extend(self._loaded(d) for d in cache.docs[key]["validate"]["diags"])
        self.report.diagnostics.extend(self._loaded(d) for d in cross["diags"])

    # ------------------------------------------------------------------ 3. render documents

    def render_stage(self, docs: dict[str, Path], hashes: dict[str, str | None], rkey: str) -> None:
        cache, out = self.cache, self.project.output_dir
        pdf_dir = out / PDF_FOLDER if self.pdf else None
        todo = []
        exists, base = os.path.exists, str(out) + os.sep  # strings, not pathlib: this runs per output file
        for key in docs:
            rec = cache.docs[key].get("render")
            if (
                _fresh(rec, rkey, hashes[key])
                and bool(rec.get("pdf")) == self.pdf
                and all(exists(base + o) for o in rec["outputs"])
                and (not rec.get("pdf") or exists(base + rec["pdf"]))
            ):
                continue
            todo.append(key)
        if todo:
            todo = self._without_page_clashes(docs, todo)
        if todo:
            ready = self._prepare(("render", self._settings), rkey)
            results: Iterable[Rendered] = run_many(
                _render_one, [(docs[k], out, pdf_dir) for k in todo], jobs=self.jobs, label="rendering",
                progress=self._progress(len(todo)), initializer=_init_worker, initargs=(self.tools, ("render", self._settings), ready),
            )
            for key, res in zip(todo, results):
                self.report.diagnostics.extend(self.displayed(res.diagnostics))
                old = cache.docs[key].pop("render", None)
                if res.ok and res.summary is not None:
                    outputs = sorted(self.out_rel(p) for p in res.outputs)
                    cache.docs[key]["render"] = {
                        "key": rkey, "tei": hashes[key], "outputs": outputs,
                        "pdf": self.out_rel(res.pdf) if res.pdf else None,
                        "summary_key": self.summaries.put(res.summary),
                    }
                    self.report.rendered += 1
                    self.report.pdfs += 1 if res.pdf else 0
                    if old:
                        self._remove_unclaimed(old, cache.docs[key]["render"])
                elif old:
                    # no stale pages of a document that no longer renders
                    self._remove_unclaimed(old, {})
                cache.mark_dirty()
                self._event("rendered", key)

    def _without_page_clashes(self, docs: dict[str, Path], todo: list[str]) -> list[str]:
        """Two TEI files whose pages would have the same name (``a/x.xml`` and ``b/x.xml``): the
        first keeps the name, the others are reported and not rendered."""
        owner: dict[str, str] = {}
        clashing: set[str] = set()
        for key in sorted(docs):
            slug = self.tools.page_name(docs[key])
            first = owner.setdefault(slug, key)
            if first != key:
                clashing.add(key)
                self.cache.docs[key].pop("render", None)
                self.report.diagnostics.append(Diagnostic(
                    self.display(docs[key]), 0, 0, "error",
                    f"its pages would be written over those of {self.display(docs[first])} (both are named {slug})",
                    "page-clash", "rename one of the two files",
                ))
        return [k for k in todo if k not in clashing]

    def remove_vanished(self, current: set[str]) -> None:
        """Documents whose TEI is gone lose their pages and their cache record."""
        for key in [k for k in self.cache.docs if k not in current]:
            rec = self.cache.docs.pop(key)
            self._remove_unclaimed(rec.get("render") or {}, {})
            self.report.removed += 1
            self.cache.mark_dirty()

    def _remove_unclaimed(self, old: dict, new: dict) -> None:
        keep = set(new.get("outputs", [])) | ({new["pdf"]} if new.get("pdf") else set())
        gone = set(old.get("outputs", [])) | ({old["pdf"]} if old.get("pdf") else set())
        site = set((self.cache.edition.get("site") or {}).get("outputs", []))
        for rel in sorted(gone - keep - site):
            try:
                (self.project.output_dir / rel).unlink()
            except FileNotFoundError:
                pass

    # ------------------------------------------------------------------ 4. edition-wide outputs

    def _prepare(self, stage, key: str) -> str:
        """Set the tools up for ``stage`` in this process (once per build and stage key); return
        the token that lets forked workers see they inherited them."""
        ready = f"{self._token}-{key}"
        _init_worker(self.tools, stage, ready)
        return ready

    def _ensure_render_tools(self) -> None:
        self._prepare(("render", self._settings), self._render_key)

    def site_stage(self, docs: dict[str, Path], rkey: str, retry: bool = True) -> None:
        cache, out = self.cache, self.project.output_dir
        rendered = [k for k in sorted(docs) if cache.docs.get(k, {}).get("render")]
        key = combine(rkey, [(k, cache.docs[k]["render"]["summary_key"]) for k in rendered])
        site = cache.edition.get("site")
        if site and site.get("key") == key and all((out / o).exists() for o in site["outputs"]):
            self.report.site_pages = len(site["outputs"])
            return
        summaries = [self.summaries.get(cache.docs[k]["render"]["summary_key"]) for k in rendered]
        if any(s is None for s in summaries):
            # a summary file was lost: render those documents again, then the site
            lost = [k for k, s in zip(rendered, summaries) if s is None]
            for k in lost:
                cache.docs[k].pop("render", None)
            self.render_stage({k: docs[k] for k in lost}, {k: self.cache.hash_file(docs[k]) for k in lost}, rkey)
            return self.site_stage(docs, rkey, retry=False) if retry else None
        self._ensure_render_tools()
        try:
            written = self.tools.render_site(summaries, out)
        except UserError as exc:
            cache.edition.pop("site", None)
            self.report.diagnostics.append(self._displayed_one(exc.as_diagnostic()))
            return
        outputs = sorted(self.out_rel(p) for p in written)
        if site:
            claimed = {o for k in rendered for o in cache.docs[k]["render"]["outputs"]}
            for rel in sorted(set(site.get("outputs", [])) - set(outputs) - claimed):
                try:
                    (out / rel).unlink()
                except FileNotFoundError:
                    pass
        cache.edition["site"] = {"key": key, "outputs": outputs}
        cache.mark_dirty()
        self.summaries.keep({cache.docs[k]["render"]["summary_key"] for k in rendered})
        self.report.site_written = True
        self.report.site_pages = len(outputs)
        self._event("site", "site")

    def edition_pdf_stage(self, docs: dict[str, Path], hashes: dict[str, str | None], rkey: str) -> None:
        cache, out = self.cache, self.project.output_dir
        target = out / EDITION_PDF
        rec = cache.edition.get("edition_pdf")
        if not self.edition_pdf or not docs:
            if rec:
                target.unlink(missing_ok=True)
                cache.edition.pop("edition_pdf")
                cache.mark_dirty()
            return
        keys = [k for k in sorted(docs) if cache.docs.get(k, {}).get("render")]
        key = combine(rkey, [(k, hashes[k]) for k in keys])
        if rec and rec.get("key") == key and target.exists():
            return
        if len(keys) >= EDITION_PDF_LARGE:
            self.report.diagnostics.append(Diagnostic(
                self.display(target), 0, 0, "warning",
                f"the edition PDF holds {len(keys):,} documents and is laid out again after every change; "
                "its layout time grows faster than the number of documents (many minutes beyond a few dozen)",
                "edition-pdf-large",
                "set edition_pdf = false under [build] in edition.toml, and make it when needed with --pdf",
            ))
        self._ensure_render_tools()
        try:
            self.tools.render_edition_pdf([docs[k] for k in keys], target, self.project.title)
        except (UserError, XMLInputError) as exc:
            d = exc.as_diagnostic() if isinstance(exc, UserError) else _xml_diag(exc)
            self.report.diagnostics.append(self._displayed_one(d))
            return
        cache.edition["edition_pdf"] = {"key": key}
        cache.mark_dirty()
        self.report.edition_pdf = self.display(target)
        self._event("edition_pdf", EDITION_PDF)

    # ------------------------------------------------------------------ diagnostics and paths

    def display(self, path: Path | str) -> str:
        """A path as the user should see it: relative to the current folder when inside it."""
        p = Path(path)
        if not p.is_absolute():
            p = self.project.root / p
        return display_path(p)

    def _displayed_one(self, d: Diagnostic) -> Diagnostic:
        return self.displayed([d])[0]

    def displayed(self, diags: Iterable[Diagnostic]) -> list[Diagnostic]:
        return [dataclasses.replace(d, path=self.display(d.path)) if d.path and not d.path.startswith("<") else d for d in diags]

    def _stored(self, d: Diagnostic) -> dict:
        rec = d.as_dict()
        p = Path(d.path)
        if d.path and p.is_absolute() and _inside(p, self.project.root):
            rec["path"] = self.rel(p)
        return rec

    def _loaded(self, rec: dict) -> Diagnostic:
        d = Diagnostic(**rec)
        return dataclasses.replace(d, path=self.display(d.path)) if d.path and not d.path.startswith("<") else d


# ---------------------------------------------------------------------- helpers


class _Clock:
    """Adds the time spent in ``with clock(name):`` blocks to ``timings[name]``."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextlib.contextmanager
    def __call__(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def display_path(p: Path) -> str:
    """Relative to the current folder when the path is inside it, else absolute."""
    s, here = str(p), os.getcwd() + os.sep
    return s[len(here):] if s.startswith(here) else s


def _find(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Files ending in ``suffixes`` under ``folder`` (none when it does not exist), sorted, skipping
    hidden files and folders and the sidecars."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, str]] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.endswith(suffixes) and not name.startswith(".") and not name.endswith(".meta.toml"):
                found.append((dirpath, name))
    found.sort()
    return [Path(os.path.join(d, n)) for d, n in found]


def _fresh(rec: dict | None, key: str, tei_hash: str | None) -> bool:
    return bool(rec) and rec.get("key") == key and rec.get("tei") == tei_hash


def _mtime_ns(*paths: Path | None) -> int:
    return max((os.stat(p).st_mtime_ns for p in paths if p is not None), default=0)


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(path).resolve().relative_to(root)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------- worker side

_TOOLS: Toolchain | None = None
#: What ``_TOOLS`` is set up for. The build sets the tools up in its own process first, so worker
#: processes forked from it inherit the compiled schema and stylesheets instead of compiling them again.
_READY: str | None = None


def _init_worker(tools: Toolchain, stage, ready: str | None = None) -> None:
    global _TOOLS, _READY
    if ready is not None and _READY == ready and _TOOLS is not None:
        return  # set up already, here or in the parent process before it forked this one
    _TOOLS = tools
    if stage == "validate":
        tools.setup_validate()
    elif isinstance(stage, tuple) and stage[0] == "render":
        tools.setup_render(stage[1])
    _READY = ready


def _convert_one(item: tuple[Path, Path, Path | None, dict]) -> Converted:
    src, out_dir, meta, defaults = item
    assert _TOOLS is not None
    try:
        return _TOOLS.convert(src, out_dir, meta, defaults)
    except UserError as exc:
        return Converted(src, None, False, [exc.as_diagnostic()])
    except XMLInputError as exc:
        return Converted(src, None, False, [_xml_diag(exc)])
    except Exception as exc:  # a converter bug must not stop the other documents
        return Converted(src, None, False, [_internal(src, "converting", exc)])


def _validate_one(tei: Path) -> tuple[list[Diagnostic], Any]:
    assert _TOOLS is not None
    try:
        return _TOOLS.validate(tei)
    except UserError as exc:
        return [exc.as_diagnostic()], None
    except XMLInputError as exc:
        return [_xml_diag(exc)], None
    except Exception as exc:
        return [_internal(tei, "validating", exc)], None


def _render_one(item: tuple[Path, Path, Path | None]) -> Rendered:
    tei, out_dir, pdf_dir = item
    assert _TOOLS is not None
    try:
        return _TOOLS.render(tei, out_dir, pdf_dir)
    except UserError as exc:
        return Rendered(tei, False, diagnostics=[exc.as_diagnostic()])
    except XMLInputError as exc:
        return Rendered(tei, False, diagnostics=[_xml_diag(exc)])
    except Exception as exc:
        return Rendered(tei, False, diagnostics=[_internal(tei, "rendering", exc)])


def _cross_validate(tools: Toolchain, facts: list[Any]) -> list[Diagnostic]:
    try:
        return tools.cross_validate(facts)
    except (UserError, XMLInputError) as exc:
        return [exc.as_diagnostic() if isinstance(exc, UserError) else _xml_diag(exc)]
    except Exception as exc:
        return [_internal(Path("<edition>"), "checking the rules across documents in", exc)]


def _xml_diag(exc: XMLInputError) -> Diagnostic:
    return Diagnostic(exc.path or "<input>", exc.line, exc.column, "error", exc.message, exc.code)


def _internal(path: Path, doing: str, exc: Exception) -> Diagnostic:
    return Diagnostic(
        str(path), 0, 0, "error", f"internal error while {doing} this file: {type(exc).__name__}: {exc}", "internal",
        "please report this with the file",
    )
