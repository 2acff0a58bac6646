"""How fast is `edition validate`? Prints files/s and MB/s against the bare parse time.

    python benchmarks/validate.py [--small N] [--large-mb M]

Two corpora, built in a temporary folder from the valid test fixtures (ids renamed per copy):
* one large file: many documents' bodies in one TEI file (a few MB);
* N small files (default 1,000).
For each: the bare hardened parse (reading the file included), schema only (--no-rules),
schema + rules; compiled schemas are loaded before timing. Times are CPU seconds of this process
(time.process_time: the machine may be shared), the best of --repeat runs. Memory: peak RSS growth
while checking the small files, in steps.
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
from edition_tools.xmlio import parse_file  # noqa: E402

FIXTURE = ROOT / "tests" / "data" / "validate" / "valid" / "memorandum.xml"


def copy_of(src: str, i: int) -> str:
    src = re.sub(r'xml:id="([^"]+)"', lambda m: f'xml:id="{m.group(1)}-{i}"', src)
    src = re.sub(r'"#([A-Za-z][\w.-]*)"', lambda m: f'"#{m.group(1)}-{i}"', src)
    src = re.sub(r'="#([\w.-]+) #([\w.-]+)"', lambda m: f'="#{m.group(1)}-{i} #{m.group(2)}-{i}"', src)
    return src.replace("test-memo-1958", f"test-memo-{i}")


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
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report(label: str, files: list[Path], repeat: int) -> None:
    total = sum(f.stat().st_size for f in files) / (1024 * 1024)
    t_parse = timed(lambda: [parse_file(f) for f in files], repeat)  # read + hardened parse, as validate does
    schema_only, with_rules = Validator(rules=False), Validator(rules=True)
    for v in (schema_only, with_rules):  # warm: compile and fill caches before timing
        assert v.validate_files(files[:1]) == [], "benchmark corpus must be valid"
    t_schema = timed(lambda: [schema_only.validate_file(f) for f in files], repeat)
    t_rules = timed(lambda: [with_rules.validate_file(f) for f in files], repeat)
    n = len(files)
    print(f"\n{label}: {n} file(s), {total:.1f} MB")
    print(f"  {'':22} {'seconds':>8} {'files/s':>9} {'MB/s':>7} {'x parse':>8}")
    for name, t in (("parse only", t_parse), ("schema (--no-rules)", t_schema), ("schema + rules", t_rules)):
        print(f"  {name:22} {t:8.3f} {n / t:9.1f} {total / t:7.1f} {t / t_parse:8.2f}")


def memory(files: list[Path]) -> None:
    v = Validator()
    v.validate_files(files[:10])
    steps = []
    start = rss_mb()
    for k in range(0, len(files), max(1, len(files) // 4)):
        v.validate_files(files[k:k + max(1, len(files) // 4)])
        steps.append(rss_mb() - start)
    print("\nmemory: peak RSS growth after each quarter of the small files (MB): " + ", ".join(f"{s:.1f}" for s in steps))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large-mb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = build(Path(tmp), args.small, args.large_mb)
        report("one large file", [large], args.repeat)
        report("small files", small, args.repeat)
        memory(small)


if __name__ == "__main__":
    main()
