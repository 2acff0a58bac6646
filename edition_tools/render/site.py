"""The site-wide pages, built in Python from the documents' summaries (linear time):
``index.html`` (documents by date), ``persons.html``, ``places.html``, ``terms.html``,
``search.html`` with ``search-index.js``, and the assets (CSS, the search script).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..diagnostics import UserError
from ..xmlio import write_atomic
from .htmlio import h, serialize_html
from .search import build_search_index, search_index_script

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
#: files of assets/ copied into every site (print.css belongs to the PDF output)
SITE_ASSETS = ("edition.css", "search.js")


def _sort_key_date(s: dict):
    return (s["date"] == "", s["date"], s["title"].casefold(), s["slug"])


def page(title: str, site_title: str, current: str, *content, lang: str = "en", scripts: tuple[str, ...] = ()):
    """A site page: header with navigation, main landmark, footer."""
    nav_items = [("index.html", "Documents"), ("persons.html", "Persons"), ("places.html", "Places"),
                 ("terms.html", "Terms"), ("search.html", "Search")]
    nav_list = h("ul")
    for href, label in nav_items:
        a = h("a", {"href": href}, text=label)
        if href == current:
            a.set("aria-current", "page")
        nav_list.append(h("li", None, a))
    head = h("head", None,
             h("meta", {"charset": "utf-8"}),
             h("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}),
             h("title", None, text=f"{title} | {site_title}" if title != site_title else title),
             h("link", {"rel": "stylesheet", "href": "assets/edition.css"}))
    body = h("body", {"class": "site-page"},
             h("a", {"class": "skip-link", "href": "#main"}, text="Skip to the content"),
             h("header", {"class": "site-header"},
               h("p", {"class": "site-title"}, h("a", {"href": "index.html"}, text=site_title)),
               h("nav", {"class": "site-nav", "aria-label": "Site"}, nav_list)),
             h("main", {"id": "main"}, h("h1", None, text=title), *content),
             h("footer", {"class": "site-footer"}, h("p", None, text=site_title + ".")))
    for src in scripts:
        body.append(h("script", {"src": src}, text=""))
    return h("html", {"lang": lang}, head, body)


def _doc_link(s: dict, anchor: str = "", text: str | None = None):
    href = s["pages"]["reading"] + (f"#{anchor}" if anchor else "")
    return h("a", {"href": href}, text=text if text is not None else s["title"])


def type_label(div_type: str) -> str:
    """``recordOfConversation`` -> ``record of conversation``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", div_type).lower()


def index_page(summaries: list[dict], site_title: str):
    items = h("ol", {"class": "document-list"})
    for s in sorted(summaries, key=_sort_key_date):
        meta = h("p", {"class": "doc-date"})
        if s["date"]:
            meta.append(h("time", {"datetime": s["date"]}, text=s["date"]))
        else:
            meta.text = "Undated"
        if s.get("type"):
            meta.append(h("span", {"class": "doc-type"}, text=" · " + type_label(s["type"])))
        views = h("p", {"class": "doc-views"}, h("a", {"href": s["pages"]["reading"]}, text="Reading view"), " · ",
                  h("a", {"href": s["pages"]["diplomatic"]}, text="Diplomatic view"))
        if "review" in s["pages"]:
            views.append(h("span", None, text=" · "))
            views.append(h("a", {"href": s["pages"]["review"]}, text="Review view"))
        li = h("li", {"class": "document-entry", "id": f"doc-{s['slug']}"},
               h("h2", None, _doc_link(s)), meta)
        if s["abstract"]:
            li.append(h("p", {"class": "doc-abstract"}, text=s["abstract"]))
        li.append(views)
        items.append(li)
    intro = h("p", None, text=f"{len(summaries)} document{'s' if len(summaries) != 1 else ''}, by date.")
    return page(site_title, site_title, "index.html", intro, items)


def _merge_entities(summaries: list[dict]):
    """(kind, id) -> {name, names, docs: [(summary, anchors, speaks)]}, linear in the summaries."""
    merged: dict[tuple[str, str], dict] = {}
    for s in sorted(summaries, key=_sort_key_date):
        for e in s["entities"]:
            key = (e["kind"], e["id"])
            m = merged.get(key)
            if m is None:
                m = merged[key] = {"kind": e["kind"], "id": e["id"], "name": e["name"], "names": [], "docs": []}
            for n in e["names"]:
                if n not in m["names"]:
                    m["names"].append(n)
            m["docs"].append((s, e["anchors"], e["speaks"]))
    return merged


def _occurrence_list(docs):
    ul = h("ul", {"class": "occurrences"})
    for s, anchors, speaks in docs:
        li = h("li", None, _doc_link(s, anchors[0] if anchors else (speaks[0] if speaks else "")))
        parts = []
        if anchors:
            parts.append(f"mentioned in {len(anchors)} passage{'s' if len(anchors) != 1 else ''}")
        if speaks:
            parts.append(f"speaks in {len(speaks)} passage{'s' if len(speaks) != 1 else ''}")
        if parts:
            li.append(h("span", {"class": "occ-count"}, text=" (" + "; ".join(parts) + ")"))
        if speaks:
            li.append(h("span", {"class": "speaks"}, text=" speaks: "))
            for i, anchor in enumerate(speaks):
                if i:
                    li.append(h("span", None, text=", "))
                li.append(_doc_link(s, anchor, f"¶ {anchor}"))
        ul.append(li)
    return ul


def register_page(summaries, site_title: str, kinds: tuple[str, ...], title: str, filename: str):
    merged = _merge_entities(summaries)
    sections = []
    labels = {"person": "Persons", "org": "Organisations", "place": "Places"}
    for kind in kinds:
        entries = sorted((m for (k, _), m in merged.items() if k == kind), key=lambda m: (m["name"].casefold(), m["id"]))
        section = h("section", {"class": f"register register-{kind}", "aria-labelledby": f"reg-{kind}"},
                    h("h2", {"id": f"reg-{kind}"}, text=f"{labels[kind]} ({len(entries)})"))
        dl = h("ul", {"class": "register-list"})
        for m in entries:
            li = h("li", {"id": f"{kind}-{m['id']}", "class": "register-entry"},
                   h("span", {"class": "reg-name"}, text=m["name"]))
            variants = [n for n in m["names"] if n != m["name"]]
            if variants:
                li.append(h("span", {"class": "reg-variants"}, text=" (in the texts: " + "; ".join(variants) + ")"))
            li.append(_occurrence_list(m["docs"]))
            dl.append(li)
        if not entries:
            dl = h("p", None, text="None recorded.")
        section.append(dl)
        sections.append(section)
    return page(title, site_title, filename, *sections)


#: names of the language tags most likely in the edition (the stylesheets name the same ones)
LANGUAGE_NAMES = {
    "ru-latn": "Russian (romanised)", "ru": "Russian", "en": "English", "es": "Spanish", "fr": "French",
    "de": "German", "it": "Italian", "pt": "Portuguese", "la": "Latin", "el": "Greek", "pl": "Polish",
    "cs": "Czech", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "vi": "Vietnamese", "ar": "Arabic",
    "he": "Hebrew",
}


def language_name(tag: str) -> str:
    return LANGUAGE_NAMES.get(tag.lower()) or LANGUAGE_NAMES.get(tag.lower().split("-")[0]) or tag


def terms_page(summaries, site_title: str):
    by_lang: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in sorted(summaries, key=_sort_key_date):
        for t in s["terms"]:
            by_lang[t["lang"]][t["term"]].append((s, t["anchors"]))
    content = [h("p", None, text="Words of the original language cited in the texts, by language.")]
    for lang in sorted(by_lang):
        section = h("section", {"class": "register register-terms", "aria-labelledby": f"lang-{lang}"},
                    h("h2", {"id": f"lang-{lang}"}, text=f"{language_name(lang)} ({lang})"))
        ul = h("ul", {"class": "register-list"})
        for term in sorted(by_lang[lang], key=str.casefold):
            li = h("li", {"class": "register-entry"}, h("i", {"lang": lang, "class": "foreign"}, text=term))
            ul_docs = h("ul", {"class": "occurrences"})
            for s, anchors in by_lang[lang][term]:
                ul_docs.append(h("li", None, _doc_link(s, anchors[0] if anchors else "")))
            li.append(ul_docs)
            ul.append(li)
        section.append(ul)
        content.append(section)
    if not by_lang:
        content.append(h("p", None, text="None recorded."))
    return page("Original-language terms", site_title, "terms.html", *content)


def search_page(site_title: str):
    form = h("form", {"class": "search-form", "role": "search", "action": "search.html", "method": "get"},
             h("label", {"for": "q"}, text="Words to find"),
             h("input", {"type": "search", "id": "q", "name": "q", "autocomplete": "off"}),
             h("button", {"type": "submit"}, text="Search"))
    status = h("p", {"id": "search-status", "role": "status", "aria-live": "polite"})
    results = h("ol", {"id": "search-results", "class": "search-results"})
    noscript = h("noscript", None, h("p", None, text="Search needs JavaScript. Every document is listed on the Documents page."))
    return page("Search", site_title, "search.html", form, status, results, noscript,
                scripts=("search-index.js", "assets/search.js"))


def write_site(summaries: list[dict], out_dir: Path, *, site_title: str = "Edition") -> list[Path]:
    slugs: dict[str, str] = {}
    for s in summaries:
        if s["slug"] in slugs:
            raise UserError(f"two documents would both be written as {s['slug']}.html: {slugs[s['slug']]} and {s['source']}; rename one",
                            s["source"])
        slugs[s["slug"]] = s["source"]
    pages = {
        "index.html": index_page(summaries, site_title),
        "persons.html": register_page(summaries, site_title, ("person", "org"), "Persons and organisations", "persons.html"),
        "places.html": register_page(summaries, site_title, ("place",), "Places", "places.html"),
        "terms.html": terms_page(summaries, site_title),
        "search.html": search_page(site_title),
    }
    written = []
    for name, root in pages.items():
        write_atomic(out_dir / name, serialize_html(root))
        written.append(out_dir / name)
    index = build_search_index(sorted(summaries, key=_sort_key_date))
    write_atomic(out_dir / "search-index.js", search_index_script(index))
    written.append(out_dir / "search-index.js")
    for asset in SITE_ASSETS:
        target = out_dir / "assets" / asset
        write_atomic(target, (ASSETS_DIR / asset).read_bytes())
        written.append(target)
    return written


# ---------------------------------------------------------------------- whole site

_WORKER = None


def _init_worker(options: dict) -> None:
    global _WORKER
    from .html import Renderer

    _WORKER = Renderer(**options)


def _render_one(job: tuple[str, str]):
    tei_path, out_dir = job
    try:
        files, summary = _WORKER.render_file(tei_path, out_dir)
    except UserError as exc:
        return None, None, exc.as_diagnostic()
    return [str(f) for f in files], summary, None


def render_documents(tei_paths: list[Path], out_dir: Path, *, jobs: int = 1, options: dict | None = None,
                     label: str = "rendering"):
    """Render every document; yield (files, summary, diagnostic) in input order."""
    from ..parallel import run_many

    items = [(str(p), str(out_dir)) for p in tei_paths]
    yield from run_many(_render_one, items, jobs=jobs, label=label, initializer=_init_worker, initargs=(options or {},))


def render_site(tei_paths: list[Path], out_dir: Path, *, jobs: int = 1, **options) -> list[Path]:
    """Documents and site pages. The first document that cannot be rendered raises UserError."""
    from .html import document_slug

    seen: dict[str, Path] = {}
    for p in tei_paths:
        slug = document_slug(p)
        if slug in seen:
            raise UserError(f"two documents would both be written as {slug}.html: {seen[slug]} and {p}; rename one", str(p))
        seen[slug] = Path(p)
    written: list[Path] = []
    summaries = []
    for files, summary, diag in render_documents(tei_paths, out_dir, jobs=jobs, options=options):
        if diag is not None:
            raise UserError(diag.message, diag.path, diag.line, diag.column, diag.code)
        written.extend(Path(f) for f in files)
        summaries.append(summary)
    site_title = options.get("site_title", "Edition")
    written.extend(write_site(summaries, out_dir, site_title=site_title))
    return written

