"""Benchmark of the example build: time per stage and peak memory, median of several runs.

    make bench                      # 2028, 3 runs
    python scripts/bench.py --year 2025 --runs 5

Each run is a fresh Python process (so imports, caches and memory are measured as a user
sees them) that builds the report into a temporary folder and reports the stage timings of
reportgen.build.Progress and its peak resident memory. Targets live here, not in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from reportgen.build import BuildOptions, build_report
t_import = time.perf_counter() - t0
opts = BuildOptions(data_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2]), jaar=int(sys.argv[3]),
                    quiet=True)
t1 = time.perf_counter()
result = build_report(opts)
total = time.perf_counter() - t1
pages = None
try:
    from pypdf import PdfReader
    pages = len(PdfReader(str(result.pdf_path)).pages)
except Exception:
    pass
print(json.dumps({"import": t_import, "stages": result.timings, "total": total,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pages": pages}))
"""

# What we aim for on the reference machine (2 cores): WeasyPrint needs ~0.2 s per page, the
# rest of the pipeline should stay small next to it.
TARGETS = {"total_s": 30.0, "non_pdf_share": 0.35, "peak_rss_mb": 1200}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2028)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", type=Path, default=ROOT / "data")
    args = ap.parse_args()

    runs = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run([sys.executable, "-c", CHILD, str(args.data), tmp,
                                   str(args.year)], capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(f"run {i + 1}/{args.runs}: {runs[-1]['total']:.2f} s", file=sys.stderr)

    stages = list(runs[0]["stages"])
    med = {s: statistics.median(r["stages"].get(s, 0.0) for r in runs) for s in stages}
    total = statistics.median(r["total"] for r in runs)
    imp = statistics.median(r["import"] for r in runs)
    rss = max(r["peak_rss_mb"] for r in runs)
    pages = runs[0]["pages"]
    print(f"reportgen benchmark — year {args.year}, {args.runs} runs, median seconds")
    print(f"{'stage':<10} {'seconds':>8}")
    print(f"{'import':<10} {imp:8.2f}")
    for s in stages:
        print(f"{s:<10} {med[s]:8.2f}")
    rest = statistics.median(r["total"] - sum(r["stages"].values()) for r in runs)
    print(f"{'other':<10} {rest:8.2f}   (importing the stage libraries, lock, cleanup)")
    print(f"{'total':<10} {total:8.2f}   ({pages} pages, {total / pages:.2f} s/page)" if pages
          else f"{'total':<10} {total:8.2f}")
    print(f"peak memory: {rss:.0f} MB")
    non_pdf = (total - med.get("pdf", 0.0)) / total if total else 0.0
    ok = (total <= TARGETS["total_s"] and non_pdf <= TARGETS["non_pdf_share"]
          and rss <= TARGETS["peak_rss_mb"])
    print(f"targets: total <= {TARGETS['total_s']:.0f} s, non-PDF share <= "
          f"{TARGETS['non_pdf_share']:.0%} (now {non_pdf:.0%}), peak <= "
          f"{TARGETS['peak_rss_mb']} MB -> {'OK' if ok else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
