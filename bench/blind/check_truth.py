#!/usr/bin/env python3
"""Round-trip check of a blind batch: every figure of a truth file must be in the document's text.

    .venv/bin/python bench/blind/check_truth.py --batch bench/blind/B [--ocr] [--dump DIR]

The text comes from tools independent of the writers: pandoc (docx), LibreOffice (doc, odt -> txt),
pdftotext (PDF with a text layer), Tesseract `vie` (scans and photos, with --ocr; OCR misreads are
reported apart, as warnings). A count passes when one of its written forms (7, 07, 1.250, 1250, 1,250;
0 also as "Không") stands in the text as a whole number, with a word of its metric ("buổi", "lượt", "chủ chốt",
"triển lãm", "tin giả" ...) on the same line, up to four lines above or two below it (LibreOffice's text
export puts each table cell on its own line) (a one-row-per-school table, whose labels
sit in the header far above, is only checked for the number). A yes/no figure passes when the text speaks of
"phát ngôn" (in a one-row-per-school table the two words may sit on two lines of the header).
The school's name (as the header writes it, words in order: it may wrap) and the document's number must be in the text too.
Exit status 1 when any of these is missing from a document with a text layer.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path


def forms(v):
    out = {str(v)}
    if v < 10:
        out.add(f"{v:02d}")
    if v >= 1000:
        out |= {f"{v:,}".replace(",", "."), f"{v:,}"}
    return out


CONTEXT = {  # accent-free words, one of which stands near a metric's number
    "sessions": r"buoi|tuyen truyen",
    "participants": r"luot|tham gia|tham du",
    "key_staff": r"chu chot",
    "key_staff_trained": r"tap huan|chu chot|boi duong",
    "exhibitions": r"trien lam",
    "fake_news_detected": r"tin gia|xau doc|sai lech|phat hien",
    "fake_news_handled": r"tin gia|xau doc|sai lech|xu ly",
}


def plain(s):
    """Lower case, no accents, đ -> d."""
    import unicodedata
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return "".join(c for c in s if unicodedata.category(c) != "Mn")


def in_order(words, flat, gap=240):
    """The words in this order, each within gap characters of the one before (a name wrapped onto two lines
    of a header column, with the other column's text between them in a PDF's layout)."""
    sep = r"(?!\w).{0," + str(gap) + r"}?(?<!\w)"
    return re.search(r"(?<!\w)" + sep.join(map(re.escape, words)) + r"(?!\w)", flat) is not None


def present(v, text, key=None):
    """Whether v stands in text; with key, also whether a word of the metric stands within two lines of it."""
    lines = text.splitlines()
    pats = [rf"(?<!\d)(?<!\d[.,]){re.escape(f)}(?!\d)(?![.,]\d)" for f in forms(v)]
    if v == 0:
        pats.append(r"\bkhông\b")
    for i, line in enumerate(lines):
        if any(re.search(p, line, re.I) for p in pats):
            if key is None or re.search(CONTEXT[key], plain(" ".join(" ".join(lines[max(0, i - 4):i + 3]).split()))):
                return True
    return False


def from_tcvn3(text):
    """TCVN3 glyph codes back to Unicode (DOMAIN.md 2.1), for the words around the numbers."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import TCVN3
    back = {v: k for k, v in TCVN3.items()}
    return "".join(back.get(c, c) for c in text)


def text_of(path, tmp, ocr):
    ext = path.suffix.lower()
    if ext == ".docx":
        out = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", str(path)], capture_output=True, text=True, check=True).stdout
        if "[TABLE]" in out:  # a wide table with a multi-paragraph cell does not fit pandoc's 72 columns: give it room
            out = subprocess.run(["pandoc", "-t", "plain", "--wrap=none", "--columns=400", str(path)], capture_output=True, text=True, check=True).stdout
        return out
    if ext in (".doc", ".odt"):  # pandoc's ODT reader drops table header rows: LibreOffice reads both
        txt = tmp / (path.stem + ".txt")
        if not txt.exists():
            raise RuntimeError(f"{path.name} not converted")
        return txt.read_text(encoding="utf-8", errors="replace")
    if ext == ".pdf" and "_scan" not in path.name:
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    if not ocr:
        return None
    if ext == ".pdf":
        d = tmp / path.stem
        d.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", str(path), str(d / "p")], check=True)
        imgs = sorted(d.glob("p*.png"))
    else:
        imgs = [path]
    return "\n".join(subprocess.run(["tesseract", str(i), "-", "-l", "vie", "--psm", "4"], capture_output=True, text=True).stdout
                     for i in imgs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", required=True)
    ap.add_argument("--ocr", action="store_true", help="also OCR scans and photos (slow)")
    ap.add_argument("--dump", help="write each document's extracted text here")
    args = ap.parse_args()
    batch = Path(args.batch)
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(batch.glob("*.truth.json"))]
    tmp = Path(tempfile.mkdtemp(prefix="check-"))
    docs = [batch / t["file"] for t in truths if t["file"].endswith((".doc", ".odt"))]
    if docs:
        with tempfile.TemporaryDirectory() as prof:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "txt:Text (encoded):UTF8",
                            "--outdir", str(tmp)] + [str(d) for d in docs], check=True, capture_output=True, timeout=900)
    dump = Path(args.dump) if args.dump else None
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
    errors, warnings, checked, skipped = [], [], 0, 0
    for t in truths:
        path = batch / t["file"]
        text = text_of(path, tmp, args.ocr)
        if text is None:
            skipped += 1
            continue
        if dump:
            (dump / (path.name + ".txt")).write_text(text, encoding="utf-8")
        if "tcvn3" in t["producer"]:
            text = from_tcvn3(text)
        ocr = t["producer"] in ("scan", "photo")
        flat = plain(" ".join(text.split()))
        if t.get("school_name") and not in_order(plain(t["school_name"]).split(), flat):
            (warnings if ocr else errors).append(f"{t['file']}: school name {t['school_name']!r} not in the text")
        if t.get("document_number") and plain(t["document_number"]).replace(" ", "") not in flat.replace(" ", ""):
            (warnings if ocr else errors).append(f"{t['file']}: number {t['document_number']!r} not in the text")
        wide = "horizontal-table" in t.get("features", []) or t["layout"].startswith("table-horizontal")
        for k, v in t["metrics"].items():
            checked += 1
            if isinstance(v, bool):
                ok = "phat ngon" in plain(" ".join(text.split())) or (wide and "ngon" in plain(text))
            else:
                ok = present(v, text, None if wide else k)
            if not ok:
                (warnings if ocr else errors).append(f"{t['file']}: {k}={v} not found in the text" + ("" if wide else " near a word of its metric"))
    for w in warnings:
        print("warning (OCR):", w)
    for e in errors:
        print("MISSING:", e)
    print(f"{len(truths)} documents, {checked} figures checked, {skipped} documents skipped (no text layer; use --ocr), "
          f"{len(errors)} missing, {len(warnings)} OCR warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
