"""HTML rendering speed against a bare lxml parse + serialize of the same files.

    .venv/bin/python benchmarks/render.py [--quick]

Times are CPU seconds of this process (best of several runs), except the site builds (wall
time, since --jobs 2 uses other processes). Prints, for one large TEI file at several sizes (to show that time grows linearly) and for
1,000 small files: the parse+serialize baseline, the HTML render of one view (annotate, XSLT,
HTML serialization; parsing excluded on both sides), the ratio, and the time of a whole site build.
For each large file it also prints where the render's time goes (copy, annotate, XSLT, HTML
serialization) and a floor: a bare identity XSLT on the same tree plus the HTML serialization of
its result, i.e. what libxslt and libxml2 cost by themselves before the stylesheets do any work.
Both parts also print what ``edition render`` costs per document (Renderer.render_file: parse,
marks, the reading, diplomatic and review pages, the summary for the index, registers and search,
and writing the files), whole and per page.
Then runs benchmarks/render_pdf.py if it exists (PDF time per page).
"""

from __future__ import annotations

import argparse
import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lxml import etree  # noqa: E402

from edition_tools.render import htmlio  # noqa: E402
from edition_tools.render.html import ACCESS_CONTROL, Renderer, annotate, render_site  # noqa: E402
from edition_tools.render.summary import summarize_prepared  # noqa: E402
from edition_tools.xmlio import TEI_NS, parse_file, serialize, write_atomic  # noqa: E402

DOCS = ROOT / "tests" / "data" / "render" / "docs"
#: the cheapest transform libxslt can run over a whole document: copy every node
IDENTITY_XSLT = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:template match="@* | node()"><xsl:copy><xsl:apply-templates select="@* | node()"/></xsl:copy></xsl:template>'
    '</xsl:stylesheet>'), access_control=ACCESS_CONTROL)
SEED_DOCS = ["interventions.xml", "speech.xml", "opener-closer.xml", "header-full.xml", "foreign-frus-memo.xml"]


def large_document(target_bytes: int) -> bytes:
    """A report whose body repeats the divisions of the test documents until it has the size."""
    base = parse_file(DOCS / "header-full.xml").getroot()
    body = base.find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    for child in list(body):
        body.remove(child)
    pieces = []
    for name in SEED_DOCS:
        for div in parse_file(DOCS / name).getroot().iter(f"{{{TEI_NS}}}div"):
            for el in div.iter():
                if el.get("{http://www.w3.org/XML/1998/namespace}id"):
                    del el.attrib["{http://www.w3.org/XML/1998/namespace}id"]
            pieces.append(div)
    size = len(serialize(base))
    step = sum(len(etree.tostring(p)) for p in pieces)
    copies = max(1, (target_bytes - size) // step)
    for _ in range(copies):
        for p in pieces:
            body.append(copy.deepcopy(p))
    return serialize(base)


def best_of(fn, repeat: int) -> float:
    """Best CPU time of this process (steadier than wall time on a shared machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def render_parts(renderer: Renderer, tree) -> dict[str, float]:
    """CPU time of each step of render_document_html on ``tree`` (best of 3)."""
    root = tree.getroot()
    prepared = annotate(copy.deepcopy(root))
    params = {"view": etree.XSLT.strparam("reading")}
    page = renderer._transform(prepared, **params).getroot()
    return {
        "copy": best_of(lambda: copy.deepcopy(root), 3),
        "annotate": best_of(lambda: annotate(copy.deepcopy(root)), 3) - best_of(lambda: copy.deepcopy(root), 3),
        "XSLT": best_of(lambda: renderer._transform(prepared, **params), 3),
        "HTML serialization": best_of(lambda: htmlio.serialize_html(page), 3),
    }


def floor(tree) -> tuple[float, float]:
    """CPU time of a bare identity XSLT on ``tree`` and of the HTML serialization of its result."""
    result = IDENTITY_XSLT(tree)
    return (best_of(lambda: IDENTITY_XSLT(tree), 3),
            best_of(lambda: etree.tostring(result.getroot(), method="html", encoding="utf-8"), 3))


def bench_large(renderer: Renderer, tmp: Path, sizes_mb: list[float]) -> None:
    print("large document, one view (reading); CPU time, best of 3")
    print(f"{'size':>8} {'elements':>9} {'parse':>8} {'serialize':>10} {'render':>8} {'render/serialize':>17} {'render/(parse+ser.)':>20} {'ms per MB':>10}")
    for mb in sizes_mb:
        path = tmp / f"large-{mb}.xml"
        write_atomic(path, large_document(int(mb * 1024 * 1024)))
        tree = parse_file(path)
        n = sum(1 for _ in tree.iter())
        t_parse = best_of(lambda: parse_file(path), 3)
        t_ser = best_of(lambda: serialize(tree, indent=False), 3)
        t_render = best_of(lambda: renderer.render_document_html(tree, view="reading"), 3)
        print(f"{path.stat().st_size / 1e6:7.2f}M {n:9d} {t_parse * 1000:7.0f}ms {t_ser * 1000:9.0f}ms {t_render * 1000:7.0f}ms "
              f"{t_render / t_ser:16.1f}x {t_render / (t_parse + t_ser):19.1f}x {t_render * 1000 / (path.stat().st_size / 1e6):10.0f}")
        parts = render_parts(renderer, tree)
        print("          render = " + ", ".join(f"{name} {t * 1000:.0f}ms" for name, t in parts.items()))
        t_identity, t_identity_html = floor(tree)
        t_floor = t_identity + t_identity_html
        print(f"          floor: identity XSLT {t_identity * 1000:.0f}ms + HTML serialization of its result "
              f"{t_identity_html * 1000:.0f}ms = {t_floor * 1000:.0f}ms ({t_floor / (t_parse + t_ser):.1f}x parse+ser.; "
              f"render is {t_render / t_floor:.1f}x the floor)")
        out = tmp / f"pages-{mb}"
        t_file = best_of(lambda: renderer.render_file(path, out), 3)
        t_summary = best_of(lambda: summarize_prepared(annotate(copy.deepcopy(tree.getroot())), path, "large"), 3) - parts["copy"] - parts["annotate"]
        print(f"          edition render of the file (parse, marks, 3 pages, summary, writing): {t_file * 1000:.0f}ms = "
              f"{t_file / (t_parse + t_ser):.1f}x parse+ser., {t_file / 3 * 1000:.0f}ms per page "
              f"({t_file / 3 / (t_parse + t_ser):.1f}x); of which the summary {t_summary * 1000:.0f}ms")


def bench_small(renderer: Renderer, tmp: Path, count: int) -> None:
    folder = tmp / "small"
    folder.mkdir()
    seeds = [(DOCS / n).read_bytes() for n in SEED_DOCS]
    paths = []
    for i in range(count):
        p = folder / f"doc-{i:04d}.xml"
        p.write_bytes(seeds[i % len(seeds)])
        paths.append(p)
    size = sum(p.stat().st_size for p in paths)
    trees = [parse_file(p) for p in paths]
    t_parse = best_of(lambda: [parse_file(p) for p in paths], 2)
    t_ser = best_of(lambda: [serialize(t, indent=False) for t in trees], 2)
    t_render = best_of(lambda: [renderer.render_document_html(t, view="reading") for t in trees], 2)
    print(f"\n{count} small documents ({size / 1e6:.1f} MB), one view each; CPU time, best of 2")
    print(f"  parse {t_parse * 1000:.0f} ms, serialize {t_ser * 1000:.0f} ms, render {t_render * 1000:.0f} ms "
          f"({t_render / count * 1000:.2f} ms per document): render/serialize {t_render / t_ser:.1f}x, "
          f"render/(parse+serialize) {t_render / (t_parse + t_ser):.1f}x")
    pages = tmp / "small-pages"
    t_files = best_of(lambda: [renderer.render_file(p, pages) for p in paths], 2)
    print(f"  edition render of each file (parse, marks, 3 pages, summary, writing): {t_files * 1000:.0f} ms "
          f"({t_files / count * 1000:.2f} ms per document) = {t_files / (t_parse + t_ser):.1f}x parse+serialize, "
          f"{t_files / 3 / (t_parse + t_ser):.1f}x per page")
    for jobs in (1, 2):
        out = tmp / f"site-{jobs}"
        t0 = time.perf_counter()
        files = render_site(paths, out, jobs=jobs)
        t = time.perf_counter() - t0
        print(f"  whole site (3 views per document, index, registers, search), --jobs {jobs}: {t:.1f} s wall, {len(files)} files")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes (for a smoke run)")
    ap.add_argument("--no-pdf", action="store_true", help="leave out benchmarks/render_pdf.py")
    args = ap.parse_args()
    t0 = time.perf_counter()
    renderer = Renderer()
    print(f"stylesheets compiled in {(time.perf_counter() - t0) * 1000:.0f} ms (once per run)\n")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        bench_large(renderer, tmp, [0.5, 1, 2] if args.quick else [1, 2, 4, 8])
        bench_small(renderer, tmp, 100 if args.quick else 1000)
    pdf_bench = ROOT / "benchmarks" / "render_pdf.py"
    if pdf_bench.exists() and not args.no_pdf:
        print("\nPDF (benchmarks/render_pdf.py):", flush=True)
        subprocess.run([sys.executable, str(pdf_bench)] + (["--quick"] if args.quick else []), check=False)


if __name__ == "__main__":
    main()
