"""Batch E (a third final evaluation batch, seed 71): its plan and its documents (content_e.py); SPEC.md section 10.

generate.py dispatches here for `--batch E` (plan(rng) -> jobs, build(job, rng, roster) -> (blocks, truth),
EXTRA_CSS, SCAN_DPI) and renders the blocks with its writers, as for batches C and D (scans as JPEG q40-55 inside
the PDF, photos JPEG q66-82, one page). EXTRA_CSS shades the header rows of the HTML-made tables.
"""
from __future__ import annotations

import content_e as CE

SEED = 71
PRODUCERS = {  # producer: (count, extension) -- batch A's proportions, 90 documents
    "pydocx": (9, "docx"), "pydocx-tcvn3": (6, "docx"), "lo-docx": (7, "docx"), "lo-doc": (6, "doc"),
    "lo-odt": (6, "odt"), "lo-pdf": (7, "pdf"), "pandoc-docx": (6, "docx"), "pandoc-odt": (6, "odt"),
    "chromium-pdf": (8, "pdf"), "npm-docx": (8, "docx"), "reportlab": (8, "pdf"), "scan": (6, "pdf"), "photo": (7, "jpg"),
}
SCAN_DPI = [150, 170]
NEG_COUNTS = {"plan": 4, "last-year": 3, "minutes": 3, "letter": 3, "other-topic": 3, "near-name": 4}   # 20 negatives
ANNEX_ONLY = 6
EXTRA_CSS = ("table.k{border-collapse:collapse;width:92%;margin:4pt 0 4pt 0.6cm}table.k td,table.k th{border:none;padding:1pt 4pt;"
             "text-align:left;vertical-align:top}table.g th{background:#d9d9d9}")


def plan(rng):
    jobs = [{"producer": p, "ext": e} for p, (n, e) in PRODUCERS.items() for _ in range(n)]
    rng.shuffle(jobs)
    idx = {p: [i for i, j in enumerate(jobs) if j["producer"] == p] for p in PRODUCERS}
    neg_at = {idx["scan"][0], idx["photo"][0]}
    rest = [i for i in range(len(jobs)) if i not in neg_at and jobs[i]["producer"] not in ("scan", "photo")]
    total = sum(NEG_COUNTS.values())
    neg_at |= set(rng.sample(rest, total - len(neg_at)))
    kinds = [k for k, n in NEG_COUNTS.items() for _ in range(n)]
    rng.shuffle(kinds)
    for i, k in zip(sorted(neg_at), kinds, strict=True):
        jobs[i]["neg"] = k
    free = [i for i in range(len(jobs)) if "neg" not in jobs[i]]
    ann = [next(i for i in free if jobs[i]["producer"] == "photo"), next(i for i in free if jobs[i]["producer"] == "scan")]
    ann += rng.sample([i for i in free if i not in ann and jobs[i]["producer"] not in ("scan", "photo")], ANNEX_ONLY - 2)
    for i in ann:
        jobs[i]["annex_only"] = True
    full, short = list(CE.LAYOUTS), list(CE.PHOTO_LAYOUTS)
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
    return jobs


def build(job, rng, roster):
    prod = job["producer"]
    short = prod == "photo"
    neg = job.get("neg")
    if neg in ("plan", "minutes", "letter", "other-topic"):
        return CE.build_negative(rng, roster, neg, short=short)
    if neg == "last-year":
        return CE.build_report(rng, roster, job["layout"], year=2023, short=short, producer=prod)
    if neg == "near-name":
        return CE.build_report(rng, roster, job["layout"], near=True, short=short, producer=prod)
    if job.get("annex_only"):
        return CE.build_annex_only(rng, roster, short=short, producer=prod)
    return CE.build_report(rng, roster, job["layout"], short=short, producer=prod)
