"""How ``edition build`` scales: cold build, no-change rebuild, one-file-changed rebuild, memory,
and the speed-up of ``--jobs 2`` over ``--jobs 1``, for editions of N documents.

    python benchmarks/build.py                      # N = 100 and 1,000
    python benchmarks/build.py --sizes 100,1000,10000
    python benchmarks/build.py --sizes 20 --pdf     # with the per-document PDFs

The edition of N documents is made from the sample transcripts (this repository's two, in the
web-record and pdf-text layouts, and the plain memorandum that ``edition new`` copies), varied so
that no two documents are alike: each copy gets its own identifier, a sentence naming its number,
and a different number of repeated paragraphs. Every build runs in a fresh process, as a user runs
it, and prints what it measured.

The edition PDF (one PDF of every document) is left out: it is one WeasyPrint layout of the whole
edition and grows with N by design. Per-document PDFs are left out unless ``--pdf`` is given
(WeasyPrint takes about a second a document).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = [
    (ROOT / "transcripts" / "000_aa32d76ad1862673.txt", None),
    (ROOT / "transcripts" / "002_d39848a8c61f49d7.txt", None),
    (ROOT / "edition_tools" / "scaffold" / "transcripts" / "memo-1958-03-14.txt",
     ROOT / "edition_tools" / "scaffold" / "transcripts" / "memo-1958-03-14.meta.toml"),
]

#: Runs one build in this process and prints its report with the peak memory of this process
#: (the pipeline, its cache and the site-wide indexes) and of its worker processes.
DRIVER = """
import json, resource, sys
from edition_tools.build import BuildOptions, build
from edition_tools.project import load_project
folder, jobs, pdf, clean = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4] == "1"
# keep going: a content problem in a generated document must not stop the measurement (it is counted)
report = build(load_project(folder), BuildOptions(jobs=jobs, pdf=pdf, edition_pdf=False, clean=clean, keep_going=True, progress=False))
d = report.as_dict()
d.pop("diagnostics")
d["diagnostic_codes"] = sorted({x.code for x in report.diagnostics})
d["peak_kb_main"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
d["peak_kb_workers"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
d["cpu"] = sum(getattr(resource.getrusage(w), f) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime"))
print(json.dumps(d))
"""


def vary(text: str, i: int, rng: random.Random) -> str:
    """A copy of a transcript that differs from the others: a sentence naming its number in the
    longest paragraph, and 0–2 body paragraphs repeated."""
    lines = text.split("\n")
    body = [k for k, ln in enumerate(lines) if len(ln) > 150 and ln.rstrip().endswith(".")]
    if body:
        longest = max(body, key=lambda k: len(lines[k]))
        lines[longest] = lines[longest].rstrip() + f" This is copy number {i} of the sample, made for a benchmark."
        for _ in range(i % 3):
            k = rng.choice(body)
            lines.insert(k + 1, "")
            lines.insert(k + 2, lines[k])
    return "\n".join(lines)


def vary_tei(data: str, i: int) -> str:
    """A copy of a TEI document with its own project identifier and a sentence naming its number."""
    data, _ = re.subn(r'(<idno type="project">)[^<]*(</idno>)', rf"\g<1>bench-{i:05d}\g<2>", data, count=1)
    body = data.find("<body")
    head, rest = data[:body], data[body:]
    rest, ps = re.subn(r"(<p\b[^>]*>)", rf"\1This is copy number {i}, made for a benchmark. ", rest, count=1)
    if body < 0 or not ps:
        sys.exit("a TEI sample needs a <body> with a <p>")
    data = head + rest
    return data


def make_edition(folder: Path, n: int, tei_samples: list[Path] | None = None) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "transcripts").mkdir(parents=True)
    (folder / "edition.toml").write_text(f'[edition]\ntitle = "Benchmark edition of {n} documents"\n', encoding="utf-8")
    if tei_samples:
        (folder / "tei").mkdir()
        datas = [p.read_text(encoding="utf-8") for p in tei_samples]
        for i in range(n):
            (folder / "tei" / f"doc{i:05d}.xml").write_text(vary_tei(datas[i % len(datas)], i), encoding="utf-8")
        return
    rng = random.Random(n)
    texts = [(p.read_text(encoding="utf-8"), meta.read_text(encoding="utf-8") if meta else "") for p, meta in SAMPLES]
    for i in range(n):
        text, meta = texts[i % len(texts)]
        name = f"doc{i:05d}"
        (folder / "transcripts" / f"{name}.txt").write_text(vary(text, i, rng), encoding="utf-8")
        # its own identifier, so the cross-document rule (identifiers unique in the edition) holds
        (folder / "transcripts" / f"{name}.meta.toml").write_text(meta + f'\nidno = "bench-{i:05d}"\n', encoding="utf-8")


def snapshot_code(dest: Path) -> Path:
    """A copy of the package, stylesheets and schema, so that editing the working tree while the
    benchmark runs does not change the code it measures (which would rightly make builds redo work)."""
    for name in ("edition_tools", "xslt", "schema"):
        if (dest / name).exists():
            shutil.rmtree(dest / name)
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return dest


CODE = ROOT


def run_build(folder: Path, jobs: int, pdf: bool, clean: bool = False) -> dict:
    t0 = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(CODE))
    proc = subprocess.run(
        [sys.executable, "-c", DRIVER, str(folder), str(jobs), "1" if pdf else "0", "1" if clean else "0"],
        capture_output=True, text=True, cwd=CODE, env=env,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"the build failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report["wall"] = wall
    return report


def change_one_document(folder: Path) -> Path:
    """Add a word to the middle document's first paragraph of text, as an editor would."""
    teis = sorted((folder / "tei").glob("*.xml"))
    target = teis[len(teis) // 2]
    data = target.read_text(encoding="utf-8")
    body = data.index("<body")
    new, count = re.subn(r"(<p\b[^>]*>)", r"\1Edited: ", data[body:], count=1)
    assert count == 1, f"no <p> in the body of {target}"
    target.write_text(data[:body] + new, encoding="utf-8")
    return target


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB"


def line(label: str, r: dict) -> str:
    stages = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r["timings"].items()) if v >= 0.005)
    return (f"  {label:<28} {r['wall']:8.2f} s wall, {r['cpu']:.2f} s CPU ({r['seconds']:.2f} s in build: {stages or 'nothing to do'}); "
            f"peak {mb(r['peak_kb_main'])} main, {mb(r['peak_kb_workers'])} per worker")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="comma-separated edition sizes (default 100,1000)")
    ap.add_argument("--jobs", type=int, default=2, help="jobs for the cold build (default 2)")
    ap.add_argument("--speedup-max", type=int, default=1000,
                    help="measure --jobs 2 against --jobs 1 up to this size (two more full builds)")
    ap.add_argument("--pdf", action="store_true", help="also make the per-document PDFs")
    ap.add_argument("--workdir", type=Path, default=None, help="where to make the editions (default: a temporary folder)")
    ap.add_argument("--from-tei", type=Path, nargs="+", default=None, metavar="TEI",
                    help="make the edition from these TEI files instead of the sample transcripts (no conversion)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="edition-bench-"))
    global CODE
    CODE = snapshot_code(work / "code")
    print(f"edition build benchmark: sizes {sizes}, cold build with --jobs {args.jobs}, "
          f"PDFs {'on' if args.pdf else 'off'}, edition PDF off, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print("documents from " + (", ".join(map(str, args.from_tei)) if args.from_tei else "the sample transcripts (converted in the cold build)"))
    print(f"editions in {work}; the code measured is a copy in {CODE}")
    rows = []
    for n in sizes:
        folder = work / f"n{n}"
        t0 = time.perf_counter()
        make_edition(folder, n, args.from_tei)
        print(f"\nN = {n:,} (generated in {time.perf_counter() - t0:.1f} s)")
        cold = run_build(folder, args.jobs, args.pdf)
        print(line("cold build" + ("" if args.from_tei else " (with conversion)"), cold))
        if cold["diagnostic_codes"]:
            print(f"  (diagnostics of the kinds {', '.join(cold['diagnostic_codes'])}; {cold['errors']} errors, {cold['warnings']} warnings)")
        same = run_build(folder, args.jobs, args.pdf)
        assert same["rendered"] == 0 and same["validated"] == 0, same
        print(line("no-change rebuild", same))
        change_one_document(folder)
        one = run_build(folder, args.jobs, args.pdf)
        assert one["rendered"] == 1 and one["site_written"], one
        print(line("one file changed", one))
        row = {"n": n, "cold": cold["wall"], "nochange": same["wall"], "nochange_in_build": same["seconds"],
               "one": one["wall"], "peak_main_mb": cold["peak_kb_main"] / 1024, "peak_worker_mb": cold["peak_kb_workers"] / 1024}
        if n <= args.speedup_max:
            j1 = run_build(folder, 1, args.pdf, clean=True)
            print(line("full rebuild --jobs 1", j1))
            j2 = run_build(folder, 2, args.pdf, clean=True)
            print(line("full rebuild --jobs 2", j2))
            row["speedup"] = j1["wall"] / j2["wall"]
            print(f"  speed-up of --jobs 2 over --jobs 1: {row['speedup']:.2f}x")
        rows.append(row)
    print("\nsummary (seconds; per-document cost = cold build / N)")
    print(f"{'N':>7} {'cold':>9} {'per doc':>9} {'no-change':>10} {'one changed':>12} {'peak main':>10} {'worker':>8} {'j2/j1':>6}")
    for r in rows:
        sp = f"{r['speedup']:.2f}x" if "speedup" in r else "-"
        print(f"{r['n']:>7,} {r['cold']:>9.1f} {r['cold'] / r['n'] * 1000:>7.0f}ms {r['nochange']:>10.2f} {r['one']:>12.2f} "
              f"{r['peak_main_mb']:>8.0f}MB {r['peak_worker_mb']:>6.0f}MB {sp:>6}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
