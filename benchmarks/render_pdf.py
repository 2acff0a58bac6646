"""PDF time per page and per document (TEI -> print-view HTML -> WeasyPrint PDF).

Wall-clock time ("s/page") and the process's CPU time ("cpu/page") are both shown: on a shared
machine the CPU figure is the steadier one.

    .venv/bin/python benchmarks/render_pdf.py [--quick]

Prints three tables:

1. one document at several sizes (the body of ``tests/data/pdf/commission-record.tei.xml`` repeated),
   to show how time grows with length: HTML time, PDF time (layout, footnote check, writing), pages,
   time per page, footnotes and repair rounds;
2. the FRUS development documents (``tests/data/external/frus``), converted to TEI first, one PDF each;
3. one edition PDF of those documents (title page, contents, all documents), and whether a second
   run gives identical bytes.
"""

from __future__ import annotations

import argparse
import copy
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition_tools.render.html import Renderer  # noqa: E402
from edition_tools.render.pdf import html_to_pdf_report, write_edition_pdf_report  # noqa: E402
from edition_tools.xmlio import XML_ID, parse_file, qn, serialize, write_atomic, xpath  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "pdf" / "commission-record.tei.xml"
FRUS = ROOT / "tests" / "data" / "external" / "frus"


def scaled_document(copies: int) -> bytes:
    """The sample with its division's content repeated ``copies`` times (ids dropped from the copies)."""
    tree = parse_file(SAMPLE)
    div = xpath(tree.getroot(), "//tei:body/tei:div")[0]
    children = [c for c in div if c.tag != qn("tei:head")]
    for _ in range(copies - 1):
        for child in children:
            clone = copy.deepcopy(child)
            for el in clone.iter():
                if isinstance(el.tag, str) and el.get(XML_ID):
                    del el.attrib[XML_ID]
            div.append(clone)
    return serialize(tree)


def time_one(renderer: Renderer, tei_path: Path, work: Path) -> dict:
    t0 = time.perf_counter()
    html = renderer.render_document_html(parse_file(tei_path), view="print")
    t1, c1 = time.perf_counter(), time.process_time()
    pdf, report = html_to_pdf_report(html, work, source=tei_path)
    t2, c2 = time.perf_counter(), time.process_time()
    return {"html": t1 - t0, "pdf": t2 - t1, "cpu": c2 - c1, "pages": report.pages, "notes": report.footnotes,
            "rounds": report.repair_rounds, "misplaced": len(report.misplaced), "bytes": len(pdf)}


def row(label: str, r: dict) -> str:
    per_page = r["pdf"] / max(1, r["pages"])
    cpu_page = r["cpu"] / max(1, r["pages"])
    return (f"{label:<28} {r['html'] * 1000:8.0f} {r['pdf']:8.2f} {r['pages']:6d} {per_page:9.3f} {cpu_page:9.3f}"
            f" {r['notes']:6d} {r['rounds']:7d} {r['misplaced']:9d}")


HEADER = f"{'document':<28} {'html ms':>8} {'pdf s':>8} {'pages':>6} {'s/page':>9} {'cpu/page':>9} {'notes':>6} {'repairs':>7} {'misplaced':>9}"


def convert_frus(out: Path, limit: int | None) -> list[Path]:
    try:
        from edition_tools.convert.api import convert_file
    except ImportError as exc:  # the converter is another part of the toolkit
        print(f"(FRUS documents skipped: the converter cannot be imported: {exc})")
        return []
    sources = sorted(FRUS.glob("*.txt"))[:limit]
    converted, failed = [], 0
    for src in sources:
        try:
            result = convert_file(src, out, force=True)
        except Exception as exc:  # keep measuring the others; say how many failed
            print(f"  conversion failed: {src.name}: {type(exc).__name__}: {exc}")
            failed += 1
            continue
        if result.ok and result.output:
            converted.append(result.output)
        else:
            failed += 1
    print(f"converted {len(converted)} of {len(sources)} FRUS transcripts to TEI" + (f" ({failed} failed)" if failed else ""))
    return converted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer sizes and documents")
    args = parser.parse_args()
    sizes = [1, 4] if args.quick else [1, 4, 16]
    renderer = Renderer()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("1. one document at several sizes (body repeated)")
        print(HEADER)
        for copies in sizes:
            path = work / f"sample-x{copies}.xml"
            write_atomic(path, scaled_document(copies))
            print(row(f"sample x{copies}", time_one(renderer, path, work)), flush=True)

        print()
        print(f"2. FRUS development documents ({FRUS})")
        tei_dir = work / "frus"
        docs = convert_frus(tei_dir, 6 if args.quick else None) if FRUS.is_dir() else []
        results = []
        if docs:
            print(HEADER)
            for path in docs:
                r = time_one(renderer, path, work)
                results.append(r)
                print(row(path.stem[:28], r), flush=True)
            pages = sum(r["pages"] for r in results)
            pdf_time = sum(r["pdf"] for r in results)
            cpu_time = sum(r["cpu"] for r in results)
            print(f"total: {len(results)} documents, {pages} pages, PDF {pdf_time:.1f} s wall ({cpu_time:.1f} s CPU); "
                  f"{pdf_time / pages:.3f} s per page (median per document {statistics.median(r['pdf'] / r['pages'] for r in results):.3f}), "
                  f"{pdf_time / len(results):.2f} s per document; "
                  f"{sum(r['rounds'] > 0 for r in results)} documents needed a footnote repair, "
                  f"{sum(r['misplaced'] for r in results)} footnotes left off their call's page")

            print()
            print("3. edition PDF of these documents")
            t0, c0 = time.perf_counter(), time.process_time()
            first, report = write_edition_pdf_report(docs, work / "edition-1.pdf", renderer=renderer, title="FRUS development documents")
            t1, c1 = time.perf_counter(), time.process_time()
            second, _ = write_edition_pdf_report(docs, work / "edition-2.pdf", renderer=renderer, title="FRUS development documents")
            t2 = time.perf_counter()
            same = first.read_bytes() == second.read_bytes()
            print(f"edition: {len(docs)} documents, {report.pages} pages, {report.footnotes} footnotes, "
                  f"{report.repair_rounds} repair rounds, {len(report.misplaced)} footnotes left off their call's page, "
                  f"{first.stat().st_size / 1024:.0f} KiB; {t1 - t0:.1f} s wall ({c1 - c0:.1f} s CPU, "
                  f"{(c1 - c0) / max(1, report.pages):.3f} s CPU per page); second run {t2 - t1:.1f} s; "
                  f"identical bytes on re-run: {'yes' if same else 'NO'}")
        else:
            print("(no FRUS documents measured)")


if __name__ == "__main__":
    main()
