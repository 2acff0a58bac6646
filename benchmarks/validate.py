"""How fast is `edition validate`? Prints files/s and MB/s against the bare parse time, and where the time goes.

    python benchmarks/validate.py [--small N] [--large-mb M] [--repeat R]

Two corpora, built in a temporary folder from a valid test fixture:
* one large file: many documents' bodies in one TEI file (a few MB);
* N small files (default 1,000): copies with their own document ids (TEI/@xml:id, project idno), the same
  people under the same ids in every file, as an edition has them (R17 and R18 find nothing).
For each: the bare hardened parse (reading the file included), schema only (--no-rules), schema + rules,
all through ``Validator.validate_files`` as ``edition validate`` runs them (cross-file rules included);
compiled schemas are loaded before timing. Then the parts of schema + rules, each timed on its own: parse,
XSD (lxml on the parsed trees), rules (``check_document`` on the parsed trees) and the rest (reading the
file, the XInclude check, diagnostics, the cross-file rules: the total less the three). Times are CPU
seconds of this process (time.process_time: the machine may be shared), the best of --repeat runs.
Memory: resident size after each quarter of the small files, against the size before (a flat line: no growth).
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition_tools.validate import Validator  # noqa: E402
from edition_tools.validate.rules import check_document  # noqa: E402
from edition_tools.xmlio import parse_file  # noqa: E402

FIXTURE = ROOT / "tests" / "data" / "validate" / "valid" / "memorandum.xml"


def copy_of(src: str, i: int) -> str:
    """The fixture as document ``i`` of an edition: its own TEI/@xml:id and project idno."""
    return src.replace('xml:id="doc-memo-1958"', f'xml:id="doc-memo-1958-{i}"').replace("test-memo-1958", f"test-memo-{i}")


def build(folder: Path, n_small: int, large_mb: float) -> tuple[list[Path], Path]:
    src = FIXTURE.read_text(encoding="utf-8")
    small = []
    for i in range(n_small):
        p = folder / f"doc{i:04d}.xml"
        p.write_text(copy_of(src, i), encoding="utf-8")
        small.append(p)
    # one large file: the header once, then the body div repeated (ids renamed)
    head, rest = src.split("<body>", 1)
    div = rest.split("</body>", 1)[0]
    parts, size, i = [], 0, 0
    while size < large_mb * 1024 * 1024:
        d = re.sub(r'xml:id="(s1[ab]|fn1)"', lambda m: f'xml:id="{m.group(1)}-{i}"', div)
        d = re.sub(r'"#(s1[ab])"', lambda m: f'"#{m.group(1)}-{i}"', d)
        parts.append(d)
        size += len(d)
        i += 1
    large = folder / "large.xml"
    large.write_text(head + "<body>" + "".join(parts) + "</body>\n  </text>\n</TEI>\n", encoding="utf-8")
    return small, large


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def rss_mb() -> float:
    """Resident size now (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / (1024 * 1024)
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parts(v: Validator, files: list[Path], repeat: int) -> tuple[float, float]:
    """CPU seconds of the XSD check, then of the rules, on freshly parsed trees (as in a run: a tree
    is checked once; a second check of the same tree is faster), the best of ``repeat``."""
    t_xsd = t_check = float("inf")
    for _ in range(repeat):
        trees = [parse_file(f) for f in files]
        t = time.process_time()
        for tree, f in zip(trees, files):
            v.checker.check(tree, str(f), None)
        t_xsd = min(t_xsd, time.process_time() - t)
        t = time.process_time()
        for tree, f in zip(trees, files):
            check_document(tree, str(f), None, date_window=v.date_window)
        t_check = min(t_check, time.process_time() - t)
    return t_xsd, t_check


def report(label: str, files: list[Path], repeat: int) -> None:
    total = sum(f.stat().st_size for f in files) / (1024 * 1024)
    schema_only, with_rules = Validator(rules=False), Validator(rules=True)
    for v in (schema_only, with_rules):  # warm: compile and fill caches before timing; the corpus must be valid
        assert v.validate_files(files, progress=False) == [], "benchmark corpus must be valid"
    t_parse = timed(lambda: [parse_file(f) for f in files], repeat)  # read + hardened parse, as validate does
    t_schema = timed(lambda: schema_only.validate_files(files, progress=False), repeat)
    t_rules = timed(lambda: with_rules.validate_files(files, progress=False), repeat)
    n = len(files)
    print(f"\n{label}: {n} file(s), {total:.1f} MB")
    print(f"  {'':22} {'seconds':>8} {'files/s':>9} {'MB/s':>7} {'x parse':>8}")
    for name, t in (("parse only", t_parse), ("schema (--no-rules)", t_schema), ("schema + rules", t_rules)):
        print(f"  {name:22} {t:8.3f} {n / t:9.1f} {total / t:7.1f} {t / t_parse:8.2f}")
    t_xsd, t_check = parts(with_rules, files, repeat)
    rest = t_rules - t_parse - t_xsd - t_check
    print(f"  parts of schema + rules: parse {t_parse / t_parse:.2f}, XSD {t_xsd / t_parse:.2f}, rules {t_check / t_parse:.2f}, "
          f"the rest {rest / t_parse:.2f} x parse ({1e6 * rest / n:.0f} us per file)")


def memory(files: list[Path]) -> None:
    v = Validator()
    v.validate_files(files[:10], progress=False)
    steps = []
    start = rss_mb()
    quarter = max(1, len(files) // 4)
    for k in range(0, len(files), quarter):
        v.validate_files(files[k:k + quarter], progress=False)
        steps.append(rss_mb() - start)
    print("\nmemory: resident size after each quarter of the small files, against before (MB): " + ", ".join(f"{s:+.1f}" for s in steps))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large-mb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = build(Path(tmp), args.small, args.large_mb)
        memory(small)  # first: before the timing runs hold parsed trees
        report("one large file", [large], args.repeat)
        report("small files", small, args.repeat)


if __name__ == "__main__":
    main()
