"""Time the compiled summary for 500 synthetic schools against writing the same rows as CSV.

Run: .venv/bin/python bench/summary_bench.py [--schools 500]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.summary import write_summary  # noqa: E402
from daemon.summary.sample import sample_data  # noqa: E402

TARGET_SECONDS = 5.0


def write_csv(data, path: Path) -> None:  # type: ignore[no-untyped-def]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "level", "status", "submitted_at", *(m.key for m in data.metrics)])
        for s in data.schools:
            writer.writerow(
                [
                    s.id,
                    s.name,
                    s.level,
                    s.status,
                    s.submitted_at,
                    *(s.metrics.get(m.key) for m in data.metrics),
                ]
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=500)
    args = parser.parse_args()
    data = sample_data(args.schools)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        write_csv(data, out / "baseline.csv")
        baseline = time.perf_counter() - start
        start = time.perf_counter()
        files = write_summary(data, out / "summary")
        elapsed = time.perf_counter() - start
        sizes = ", ".join(f"{p.suffix[1:]} {p.stat().st_size // 1024} kB" for p in files.all())
    verdict = "OK" if elapsed < TARGET_SECONDS else "TOO SLOW"
    print(f"schools: {args.schools}")
    print(f"baseline (same rows as CSV): {baseline * 1000:.1f} ms")
    print(
        f"summary (docx + xlsx + json + png): {elapsed:.2f} s = {elapsed / max(baseline, 1e-9):.0f}x baseline "
        f"[target < {TARGET_SECONDS:.0f} s: {verdict}]"
    )
    print(f"files: {sizes}")
    return 0 if elapsed < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
