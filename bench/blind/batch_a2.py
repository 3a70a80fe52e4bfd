"""Batch A2 (tuning, seed 31): plan, build and render (SPEC.md section 7). Called from generate.py:

    .venv/bin/python bench/blind/generate.py --batch A2 --out bench/blind/A2        (seed 31 by default)

Uses generate.py's writers unchanged; what differs from batches A and B is here: content from content_a2.py,
pandoc gets the merged headers flattened (one header row: a clerk typing Markdown), TCVN3 documents get the
symbols a .VnTime typist types ([x], ...), reportlab gets landscape widths scaled to the portrait page, scans
are JPEG q40-55 inside the PDF, and every photo shows the whole document on one page.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import content as C
import content_a2 as A
import generate as G

PRODUCERS = {  # producer: (count, extension)
    "pydocx": (13, "docx"), "pydocx-tcvn3": (8, "docx"), "lo-docx": (10, "docx"), "lo-doc": (9, "doc"),
    "lo-odt": (9, "odt"), "lo-pdf": (10, "pdf"), "pandoc-docx": (9, "docx"), "pandoc-odt": (9, "odt"),
    "chromium-pdf": (12, "pdf"), "npm-docx": (12, "docx"), "reportlab": (11, "pdf"), "scan": (10, "pdf"), "photo": (8, "jpg"),
}
NEG_KINDS = ["plan", "minutes", "letter", "other-topic", "last-year", "near-name"]
NEG_PER_KIND = 4
ANNEX_ONLY = 10
DOCX_WRITERS = ("pydocx", "pydocx-tcvn3", "npm-docx")


def plan_batch(rng):
    jobs = [{"producer": p, "ext": e} for p, (n, e) in PRODUCERS.items() for _ in range(n)]
    rng.shuffle(jobs)
    idx = {p: [i for i, j in enumerate(jobs) if j["producer"] == p] for p in PRODUCERS}
    # negatives: 4 of each family; two on scans, two on photos (short ones: a letter, a near name)
    kinds = [k for k in NEG_KINDS for _ in range(NEG_PER_KIND)]
    fixed = {idx["photo"][0]: "letter", idx["photo"][1]: "near-name", idx["scan"][0]: "last-year", idx["scan"][1]: "plan"}
    for i, k in fixed.items():
        kinds.remove(k)
        jobs[i]["neg"] = k
    rest = [i for i in range(len(jobs)) if i not in fixed and jobs[i]["producer"] not in ("scan", "photo")]
    rng.shuffle(kinds)
    for i, k in zip(sorted(rng.sample(rest, len(kinds))), kinds, strict=True):
        jobs[i]["neg"] = k
    free = [i for i in range(len(jobs)) if "neg" not in jobs[i]]
    ann = [next(i for i in free if jobs[i]["producer"] == "photo"), next(i for i in free if jobs[i]["producer"] == "scan")]
    ann += rng.sample([i for i in free if i not in ann and jobs[i]["producer"] not in ("scan", "photo")], ANNEX_ONLY - 2)
    for i in ann:
        jobs[i]["annex_only"] = True
    full, short = list(A.LAYOUTS) + ["annex-h", "h-units"], list(A.PHOTO_LAYOUTS)
    rng.shuffle(full)
    rng.shuffle(short)
    kf = ks = 0
    for j in jobs:
        if j.get("annex_only") or j.get("neg") in ("plan", "minutes", "letter", "other-topic"):
            continue
        if j["producer"] == "photo":
            j["layout"] = short[ks % len(short)]
            ks += 1
        else:
            j["layout"] = full[kf % len(full)]
            kf += 1
    # a horizontal annex goes on a landscape page in the docx writers: give them most of those
    pos = [j for j in jobs if "layout" in j and j["producer"] != "photo"]
    for j in [j for j in pos if j["layout"] == "annex-h" and j["producer"] not in DOCX_WRITERS]:
        other = next((o for o in pos if o["producer"] in DOCX_WRITERS and o["layout"] not in ("annex-h",) and not o.get("neg")
                      and not o.get("moved")), None)
        if other and rng.random() < 0.75:
            j["layout"], other["layout"] = other["layout"], j["layout"]
            other["moved"] = True
    return jobs


def build(job, rng, roster):
    short = job["producer"] == "photo"
    narrow = job["producer"] == "reportlab"  # its writer keeps 11 pt headers: a wide table gets short titles
    neg = job.get("neg")
    if neg in ("plan", "minutes", "letter", "other-topic"):
        return A.build_negative(rng, roster, neg)
    if neg == "last-year":
        return A.build_report(rng, roster, job["layout"], year=2023, short=short, narrow=narrow)
    if neg == "near-name":
        return A.build_report(rng, roster, job["layout"], near=True, short=short, narrow=narrow)
    if job.get("annex_only"):
        return A.build_annex_only(rng, roster, short=short, narrow=narrow)
    return A.build_report(rng, roster, job["layout"], short=short, narrow=narrow)


# ------------------------------------------------------------------ per-producer adjustments of the blocks
def flat_titles(head):
    """A merged header of any depth as one row: each column's titles top to bottom, joined by ' - '."""
    if not head:
        return head
    ncol = sum(c[1] for c in head[0])
    grid = [[None] * ncol for _ in head]
    for ri, hr in enumerate(head):
        ci = 0
        for text, cs, rs in hr:
            while grid[ri][ci] is not None:
                ci += 1
            for rr in range(ri, ri + rs):
                for cc in range(ci, ci + cs):
                    grid[rr][cc] = text
            ci += cs
    out = []
    for cc in range(ncol):
        parts = []
        for rr in range(len(head)):
            if grid[rr][cc] not in parts:
                parts.append(grid[rr][cc])
        out.append(" - ".join(parts))
    return [[(t, 1, 1) for t in out]]


def md_text(t):
    t = t.replace("_", "\\_")
    if re.match(r"^[a-zđ]\)\s", t):
        return t[0] + "\\" + t[1:]
    return G.md_escape(t) if re.match(r"^([-+]|\(\d+\)|\d+[.)])(\s|$)", t) else t


def for_pandoc(blocks):
    out = []
    for b in blocks:
        if b[0] == "table":
            tb = dict(b[1])
            tb["head"] = flat_titles(tb["head"])
            tb["rows"] = [[[x.replace("_", "\\_") for x in c] if isinstance(c, list) else c.replace("_", "\\_") for c in r] for r in tb["rows"]]
            out.append(("table", tb))
        elif b[0] == "p":
            out.append(("p", md_text(b[1])))
        else:
            out.append(b)
    return out


LEGACY_SUBST = {"☒": "[x]", "☑": "[x]", "☐": "[ ]", "✓": "x", "…": "...", "–": "-", "“": '"', "”": '"'}


def legacy_text(t):
    if isinstance(t, list):
        return [legacy_text(x) for x in t]
    for a, b in LEGACY_SUBST.items():
        t = t.replace(a, b)
    return t


def for_tcvn3(blocks):
    """A .VnTime typist has no check-box glyphs: '[x]', 'x', '...'."""
    out = []
    for b in blocks:
        if b[0] in ("p", "h", "i", "kg"):
            out.append((b[0], legacy_text(b[1])))
        elif b[0] == "title":
            out.append(("title", legacy_text(b[1])))
        elif b[0] == "table":
            tb = dict(b[1])
            tb["head"] = [[(legacy_text(c[0]), c[1], c[2]) for c in r] for r in tb["head"]]
            tb["rows"] = [[legacy_text(c) for c in r] for r in tb["rows"]]
            out.append(("table", tb))
        elif b[0] == "headerb":
            h = dict(b[1])
            h["right"] = [legacy_text(x) for x in h["right"]]
            out.append(("headerb", h))
        else:
            out.append(b)
    return out


def for_reportlab(blocks):
    out = []
    for b in blocks:
        if b[0] == "table" and b[1].get("widths") and sum(b[1]["widths"]) > 166:
            tb = dict(b[1])
            f = 165 / sum(tb["widths"])
            tb["widths"] = [round(w * f, 1) for w in tb["widths"]]
            out.append(("table", tb))
        else:
            out.append(b)
    return out


# ------------------------------------------------------------------ render
def run(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{args.batch}:{args.seed}")
    roster = C.load_roster()
    css = G.B_CSS
    jobs = plan_batch(rng)
    only = set(args.only.split(",")) if args.only else None
    tmp = Path(tempfile.mkdtemp(prefix="blind-a2-"))
    lo_jobs, node_jobs = [], []
    for idx, job in enumerate(jobs, 1):
        drng = random.Random(f"{args.batch}:{args.seed}:{idx}")
        blocks, truth = build(job, drng, roster)
        prod = job["producer"]
        if "landscape" in truth.get("features", []) and prod not in DOCX_WRITERS:
            truth["features"].remove("landscape")  # only the docx writers turn the page; the others just break it
        name = f"{args.batch}{idx:03d}_{prod}"
        truth.update({"producer": prod, "file": f"{name}.{job['ext']}", "batch": args.batch, "seed": args.seed})
        if only and prod not in only:
            continue
        target = out / truth["file"]
        if prod == "pydocx":
            G.write_pydocx(blocks, target, drng)
        elif prod == "pydocx-tcvn3":
            mode = ["style", "defaults", "runs", "style"][idx % 4]
            truth["layout"] += f"+tcvn3-{mode}"
            G.write_pydocx(for_tcvn3(blocks), target, drng, legacy=mode)
        elif prod.startswith("lo-"):
            h = tmp / f"{name}.html"
            h.write_text(G.to_html(blocks, extra_css=css), encoding="utf-8")
            lo_jobs.append((h, job["ext"], target))
        elif prod.startswith("pandoc-"):
            md = tmp / f"{name}.md"
            md.write_text(G.to_markdown(for_pandoc(blocks), batch_b=True), encoding="utf-8")
            subprocess.run(["pandoc", "-f", "markdown", "-o", str(target), str(md)], check=True)
        elif prod == "chromium-pdf":
            h = tmp / f"{name}.html"
            h.write_text(G.to_html(blocks, font=drng.choice(["Times New Roman", "Liberation Serif", "DejaVu Serif"]), extra_css=css), encoding="utf-8")
            G.html_to_pdf(h, target)
        elif prod == "npm-docx":
            node_jobs.append({"blocks": blocks, "out": str(target)})
        elif prod == "reportlab":
            G.write_reportlab(for_reportlab(blocks), target, drng)
        elif prod in ("scan", "photo"):
            h = tmp / f"{name}.html"
            h.write_text(G.to_html(blocks, size=13 if prod == "scan" else 11, extra_css=css), encoding="utf-8")
            pdf = tmp / f"{name}.pdf"
            G.html_to_pdf(h, pdf)
            pd = tmp / name
            pd.mkdir()
            if prod == "scan":
                dpi = drng.choice([150, 170, 200])
                imgs = [G.scanify(p, drng, dpi) for p in G.pdf_pages(pdf, dpi, pd)]
                imgs[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=imgs[1:], quality=drng.randint(40, 55))
                truth["layout"] += f"+{dpi}dpi"
            else:
                for size in (10, 9, 8):
                    if G.pdf_page_count(pdf) == 1:
                        break
                    h.write_text(G.to_html(blocks, size=size, extra_css=css), encoding="utf-8")
                    G.html_to_pdf(h, pdf)
                pages = G.pdf_pages(pdf, 150, pd)
                if len(pages) > 1:
                    raise SystemExit(f"{name}: a photo must show the whole document (page 1 of {len(pages)})")
                im = G.photoify(pages[0], drng)
                im.save(target, "JPEG", quality=drng.randint(66, 82))
        (out / f"{name}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
        print(name, truth["kind"], truth["layout"], flush=True)
    by_fmt = {}
    for h, ext, target in lo_jobs:
        by_fmt.setdefault(ext, []).append((h, target))
    for ext, items in by_fmt.items():
        od = tmp / f"lo-{ext}"
        od.mkdir(exist_ok=True)
        fmt = {"docx": "docx:MS Word 2007 XML", "doc": "doc:MS Word 97", "odt": "odt", "pdf": "pdf:writer_pdf_Export"}[ext]
        with tempfile.TemporaryDirectory() as prof:
            subprocess.run(["soffice", f"-env:UserInstallation=file://{prof}", "--headless", "--infilter=HTML (StarWriter)", "--convert-to", fmt,
                            "--outdir", str(od)] + [str(h) for h, _ in items], check=True, capture_output=True, timeout=1800)
        for h, target in items:
            shutil.move(str(od / f"{h.stem}.{ext}"), target)
    if node_jobs:
        jf = tmp / "node.json"
        jf.write_text(json.dumps(node_jobs, ensure_ascii=False), encoding="utf-8")
        js = tmp / "make.js"
        js.write_text(G.NODE_SCRIPT, encoding="utf-8")
        subprocess.run(["node", str(js), str(jf)], check=True, env={"NODE_PATH": str(G.HERE / "node_modules"), "PATH": "/usr/bin:/bin"})
    shutil.rmtree(tmp, ignore_errors=True)
