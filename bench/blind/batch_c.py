"""Batch C (the final evaluation batch, seed 47): its plan and its documents (content_c.py); SPEC.md section 8.

generate.py dispatches here for `--batch C` (plan(rng) -> jobs, build(job, rng, roster) -> (blocks, truth),
EXTRA_CSS for the HTML writers) and renders the blocks with its writers, as for batch B (scans as JPEG q40-55
inside the PDF, photos JPEG q66-82, one page).
"""
from __future__ import annotations

import content_c as CC

SEED = 47
PRODUCERS = {  # producer: (count, extension)
    "pydocx": (12, "docx"), "pydocx-tcvn3": (8, "docx"), "lo-docx": (9, "docx"), "lo-doc": (8, "doc"),
    "lo-odt": (8, "odt"), "lo-pdf": (9, "pdf"), "pandoc-docx": (8, "docx"), "pandoc-odt": (8, "odt"),
    "chromium-pdf": (10, "pdf"), "npm-docx": (10, "docx"), "reportlab": (10, "pdf"), "scan": (8, "pdf"), "photo": (8, "jpg"),
}
SCAN_DPI = [150, 170]   # 200 dpi pages of noisy grey JPEG would take the batch over 8 MB
NEG_KINDS = ["plan", "minutes", "letter", "other-topic", "last-year", "near-name"]
NEG_PER_KIND = 4        # 6 families x 4 = 24 negatives
ANNEX_ONLY = 8
# the borderless "Chỉ tiêu | Kết quả" list (table property "borderless")
EXTRA_CSS = "table.k{border-collapse:collapse;width:92%;margin:4pt 0 4pt 0.8cm}table.k td,table.k th{border:none;padding:1pt 4pt;text-align:left;vertical-align:top}"


def plan(rng):
    jobs = [{"producer": p, "ext": e} for p, (n, e) in PRODUCERS.items() for _ in range(n)]
    rng.shuffle(jobs)
    idx = {p: [i for i, j in enumerate(jobs) if j["producer"] == p] for p in PRODUCERS}
    # negatives: 4 of each family; one scan and two photos among them
    neg_at = {idx["scan"][0], idx["photo"][0], idx["photo"][1]}
    rest = [i for i in range(len(jobs)) if i not in neg_at and jobs[i]["producer"] not in ("scan", "photo")]
    neg_at |= set(rng.sample(rest, NEG_PER_KIND * len(NEG_KINDS) - len(neg_at)))
    kinds = [k for k in NEG_KINDS for _ in range(NEG_PER_KIND)]
    rng.shuffle(kinds)
    for i, k in zip(sorted(neg_at), kinds, strict=True):
        jobs[i]["neg"] = k
    # figures-only sheets: one photo, one scan, the rest among the other producers
    free = [i for i in range(len(jobs)) if "neg" not in jobs[i]]
    ann = [next(i for i in free if jobs[i]["producer"] == "photo"), next(i for i in free if jobs[i]["producer"] == "scan")]
    ann += rng.sample([i for i in free if i not in ann and jobs[i]["producer"] not in ("scan", "photo")], ANNEX_ONLY - 2)
    for i in ann:
        jobs[i]["annex_only"] = True
    # layouts round-robin over the documents that have one, so every layout has its share
    full, short = list(CC.LAYOUTS), list(CC.PHOTO_LAYOUTS)
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
    short = job["producer"] == "photo"
    neg = job.get("neg")
    if neg in ("plan", "minutes", "letter", "other-topic"):
        return CC.build_negative(rng, roster, neg)
    if neg == "last-year":
        return CC.build_report(rng, roster, job["layout"], year=2023, short=short)
    if neg == "near-name":
        return CC.build_report(rng, roster, job["layout"], near=True, short=short)
    if job.get("annex_only"):
        return CC.build_annex_only(rng, roster, short=short)
    return CC.build_report(rng, roster, job["layout"], short=short)
