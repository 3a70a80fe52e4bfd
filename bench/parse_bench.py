"""Parse speed per kind of file and peak memory on a big scan, against plain text extraction of the same files.

Run: .venv/bin/python bench/parse_bench.py [--quick]
Targets: docx median < 50 ms; text PDF < 150 ms/page; OCR < 5 s/page; peak RSS < 300 MB on a 25 MB scanned PDF.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from docx import Document  # noqa: E402

from parsers import parse_attachment  # noqa: E402
from tests.parsers.conftest import CORPUS, office_spec  # noqa: E402

SPEC = office_spec()
KINDS = {
    # kind: (files, repetitions, target per page in seconds)
    "docx": (["th-him-lam-template.docx", "thcs-tran-can-reworded-table.docx", "mn-hoa-ban-prose-only.docx",
              "th-be-van-dan-tcvn3.docx"], 25, 0.050),
    "pdf-text": (["th-thanh-binh-libreoffice.pdf", "thcs-nam-thanh-reportlab.pdf"], 15, 0.150),
    "ocr": (["thcs-thanh-binh-photo.jpg", "th-tan-thanh-scan.pdf"], 1, 5.0),
    "converted": (["th-so-1-na-nhan-word97.doc"], 2, None),
}  # fmt: skip


def pages(name: str, data: bytes) -> int:
    if name.endswith(".pdf"):
        return len(pdfium.PdfDocument(data))
    return 1


def baseline(name: str, data: bytes) -> None:
    """What a naive reader does with the same file: text only, no structure, no checks."""
    if name.endswith(".docx"):
        "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    elif name.endswith(".pdf"):
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "".join(page.extract_text() or "" for page in pdf.pages)
        if not text.strip():  # a scan: plain tesseract on each rendered page
            for page in pdfium.PdfDocument(data):
                plain_ocr(page.render(scale=300 / 72, grayscale=True).to_pil())
    elif name.endswith(".jpg"):
        from PIL import Image

        plain_ocr(Image.open(io.BytesIO(data)))
    elif name.endswith(".doc"):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "a.doc"
            src.write_bytes(data)
            subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/p", "--headless", "--convert-to", "txt",
                            "--outdir", tmp, str(src)], capture_output=True, check=True)  # fmt: skip


def plain_ocr(image: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.png"
        image.save(path)  # type: ignore[attr-defined]
        subprocess.run(["tesseract", str(path), "stdout", "-l", "vie"], capture_output=True, check=True)


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def speed(quick: bool) -> None:
    print(
        f"{'kind':10} {'files':>5} {'runs':>5} {'median':>9} {'p95':>9} {'per page':>9} {'baseline':>9}  target"
    )
    for kind, (names, reps, target) in KINDS.items():
        reps = max(1, reps // 5) if quick else reps
        ours, base, per_page = [], [], []
        for name in names:
            data = (CORPUS / name).read_bytes()
            n_pages = pages(name, data)
            parse_attachment(data, filename=name, spec=SPEC)  # warm caches and imports
            runs = timed(lambda d=data, n=name: parse_attachment(d, filename=n, spec=SPEC), reps)
            ours += runs
            per_page += [r / n_pages for r in runs]
            base += timed(lambda d=data, n=name: baseline(n, d), max(1, reps // 3))
        med_page = statistics.median(per_page)
        verdict = (
            ""
            if target is None
            else ("ok" if med_page < target else "MISSED") + f" (< {target * 1000:.0f} ms/page)"
        )
        print(f"{kind:10} {len(names):>5} {len(ours):>5} {ms(statistics.median(ours))} {ms(p95(ours))} "
              f"{ms(med_page)} {ms(statistics.median(base))}  {verdict}")  # fmt: skip


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f}ms"


def big_scan(path: Path, target_mb: float) -> int:
    """A scanned PDF of about target_mb: report pages rendered at 300 dpi in colour, as office copiers do."""
    from PIL import Image, ImageFilter

    src = pdfium.PdfDocument((CORPUS / "th-thanh-binh-libreoffice.pdf").read_bytes())
    pages_: list[Image.Image] = []
    size = 0
    while size < target_mb * 1024 * 1024:
        page = src[len(pages_) % len(src)]
        img = page.render(scale=300 / 72).to_pil().convert("RGB")
        noise = Image.effect_noise(img.size, 30).convert("RGB")
        img = Image.blend(img, noise, 0.12).filter(ImageFilter.GaussianBlur(0.5))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=92)
        size += len(buf.getvalue())
        pages_.append(img)
    pages_[0].save(path, "PDF", resolution=300, save_all=True, append_images=pages_[1:], quality=92)
    return len(pages_)


def memory(target_mb: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        n = big_scan(path, target_mb)
        size = path.stat().st_size / 1024 / 1024
        code = (
            "import json,resource,sys,time;sys.path.insert(0,sys.argv[2]);"
            "from parsers import parse_attachment;from tests.parsers.conftest import office_spec;"
            "d=open(sys.argv[1],'rb').read();t=time.perf_counter();"
            "r=parse_attachment(d,filename='scan.pdf',spec=office_spec());"
            # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec
            "hwm=int([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]);"
            "print(json.dumps({'s':time.perf_counter()-t,'self':hwm,"
            "'kids':resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,'metrics':len(r[0].metrics)}))"
        )
        out = subprocess.run([sys.executable, "-c", code, str(path), str(ROOT)], capture_output=True, text=True,
                             check=True)  # fmt: skip
        got = json.loads(out.stdout.strip().splitlines()[-1])
        peak = got["self"] / 1024
        verdict = "ok" if peak < 300 else "MISSED"
        print(f"\nscanned PDF {size:.1f} MB, {n} pages: {got['s']:.1f} s ({got['s'] / n:.1f} s/page), "
              f"metrics read {got['metrics']}")  # fmt: skip
        print(
            f"peak RSS of the parsing process (VmHWM) {peak:.0f} MB ({verdict}, target < 300 MB); "
            f"tesseract helpers <= {got['kids'] / 1024:.0f} MB (ru_maxrss, which includes what they inherit)"
        )
    print(
        f"(this bench process itself peaked at {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and a 6 MB scan")
    args = parser.parse_args()
    speed(args.quick)
    memory(6 if args.quick else 25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
