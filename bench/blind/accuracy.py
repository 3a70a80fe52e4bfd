#!/usr/bin/env python3
"""Score `baocao parse --json` against a blind batch's truth files.

    .venv/bin/python bench/blind/accuracy.py [--batch bench/blind/A] [--config config.yaml] [--save out.json] [--load out.json]
        [--only scan,photo]

Drives the product only through its command line (CONTRACT.md): `baocao -c CONFIG parse --json FILE...`.
Prints per producer, per layout and per metric: right / wrong / missed / spurious, the share of stated figures
read right, spurious values as a share of all values read; for negatives whether each was flagged
(needs_review) or gave no figures; the review flag's two shares; the kind accuracy.
Positives are documents whose truth has "negative": null (reports and annexes of roster schools for 2024).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = ["sessions", "participants", "spokesperson", "key_staff", "key_staff_trained", "exhibitions",
        "fake_news_detected", "fake_news_handled"]


def run_parser(files, baocao, config, chunk=10):
    out = {}
    for i in range(0, len(files), chunk):
        part = files[i:i + chunk]
        res = subprocess.run([baocao, "-c", config, "parse", "--json", *map(str, part)], capture_output=True, text=True)
        try:
            items = json.loads(res.stdout)
            for f, item in zip(part, items, strict=True):
                out[f.name] = item
        except (json.JSONDecodeError, ValueError):
            for f in part:  # one at a time, so one bad file does not hide the others
                r = subprocess.run([baocao, "-c", config, "parse", "--json", str(f)], capture_output=True, text=True)
                try:
                    out[f.name] = json.loads(r.stdout)[0]
                except (json.JSONDecodeError, ValueError, IndexError):
                    out[f.name] = {"error": (r.stderr or r.stdout).strip()[-300:], "metrics": {}}
        print(f"  parsed {min(i + chunk, len(files))}/{len(files)}", file=sys.stderr, flush=True)
    return out


def same(t, v):
    if isinstance(t, bool) or isinstance(v, bool):
        return isinstance(v, bool) and isinstance(t, bool) and t == v
    try:
        return float(t) == float(v)
    except (TypeError, ValueError):
        return False


def table(title, rows, cols=("right", "wrong", "missed", "spurious")):
    print(f"\n{title}")
    w = max([len(str(k)) for k in rows] + [10])
    print(f"  {'':<{w}}  " + "  ".join(f"{c:>8}" for c in cols) + f"  {'right%':>7}  {'spur%':>6}")
    tot = Counter()
    for k in sorted(rows):
        c = rows[k]
        tot.update(c)
        print(f"  {k:<{w}}  " + "  ".join(f"{c[x]:>8}" for x in cols) + f"  {pct(c['right'], c['stated']):>7}  {pct(c['spurious'], c['given']):>6}")
    print(f"  {'TOTAL':<{w}}  " + "  ".join(f"{tot[x]:>8}" for x in cols) + f"  {pct(tot['right'], tot['stated']):>7}  {pct(tot['spurious'], tot['given']):>6}")
    return tot


def pct(a, b):
    return f"{100 * a / b:.0f}%" if b else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", default=str(ROOT / "bench/blind/A"))
    ap.add_argument("--config", default=str(ROOT / "config.yaml"))
    ap.add_argument("--baocao", default=str(ROOT / ".venv/bin/baocao"))
    ap.add_argument("--save", help="write the parser's raw output here (JSON)")
    ap.add_argument("--load", help="score a saved raw output instead of running the parser")
    ap.add_argument("--only", help="score only these producers (comma-separated, e.g. scan,photo)")
    args = ap.parse_args()
    batch = Path(args.batch)
    truths = {}
    for tf in sorted(batch.glob("*.truth.json")):
        t = json.loads(tf.read_text(encoding="utf-8"))
        truths[t["file"]] = t
    if args.only:
        wanted = set(args.only.split(","))
        truths = {f: t for f, t in truths.items() if t["producer"] in wanted}
    files = [batch / f for f in truths if (batch / f).exists()]
    if args.load:
        got = json.loads(Path(args.load).read_text(encoding="utf-8"))
    else:
        got = run_parser(files, args.baocao, args.config)
        if args.save:
            Path(args.save).write_text(json.dumps(got, ensure_ascii=False, indent=1), encoding="utf-8")

    by_prod, by_layout, by_metric = defaultdict(Counter), defaultdict(Counter), defaultdict(Counter)
    neg_rows, kind_conf = [], Counter()
    correct_reports = flagged_correct = 0
    bad_values = bad_flagged = 0
    school_ok = Counter()
    errors = []
    for name, t in truths.items():
        g = got.get(name) or {"metrics": {}, "error": "no output"}
        if "error" in g:
            errors.append((name, g["error"]))
        gm = {k: v for k, v in (g.get("metrics") or {}).items() if v is not None}
        flagged = bool(g.get("needs_review"))
        kind_conf[(t["kind"], g.get("kind", "(absent)"))] += 1
        prod, layout = t["producer"], t["layout"].split("+")[0]
        if t.get("negative"):
            neg_rows.append((name, t["negative"], t["kind"], g.get("kind", "(absent)"), flagged, len(gm),
                             (g.get("school") or {}).get("id"), g.get("cycle"), g.get("period")))
            # values from a negative are spurious for the 2024 cycle
            bad_values += len(gm)
            bad_flagged += flagged * len(gm)
            continue
        school_ok[(g.get("school") or {}).get("id") == t["school_id"]] += 1
        doc_ok = True
        for k in KEYS:
            tv, gv = t["metrics"].get(k), gm.get(k)
            c = Counter()
            if tv is not None:
                c["stated"] += 1
            if gv is not None:
                c["given"] += 1
            if tv is not None and gv is not None:
                c["right" if same(tv, gv) else "wrong"] += 1
            elif tv is not None:
                c["missed"] += 1
            elif gv is not None:
                c["spurious"] += 1
            if c["wrong"] or c["spurious"]:
                bad_values += 1
                bad_flagged += flagged
            if c["wrong"] or c["spurious"] or c["missed"]:
                doc_ok = False
            for d in (by_prod[prod], by_layout[layout], by_metric[k]):
                d.update(c)
        if doc_ok:
            correct_reports += 1
            flagged_correct += flagged

    npos = sum(1 for t in truths.values() if not t.get("negative"))
    print(f"batch {batch}: {len(truths)} documents, {npos} positives, {len(neg_rows)} negatives")
    tot = table("PER PRODUCER (positives)", by_prod)
    table("PER LAYOUT (positives)", by_layout)
    table("PER METRIC (positives)", by_metric)
    print(f"\nFigures right: {tot['right']}/{tot['stated']} = {pct(tot['right'], tot['stated'])} of stated figures;"
          f" spurious {tot['spurious']}/{tot['given']} = {pct(tot['spurious'], tot['given'])} of values read (positives)")
    print(f"School id right on positives: {school_ok[True]}/{sum(school_ok.values())}")

    print("\nNEGATIVES (ok = flagged or no figures)")
    by_neg = defaultdict(Counter)
    for _name, neg, _tk, _gk, flagged, nvals, sid, cyc, _per in neg_rows:
        c = by_neg[neg]
        c["n"] += 1
        c["flagged"] += flagged
        c["no_figures"] += nvals == 0
        c["ok"] += flagged or nvals == 0
        c["values"] += nvals
        c["cycle_null"] += cyc is None
        c["school_null"] += sid is None
    cols = ["n", "ok", "flagged", "no_figures", "values", "cycle_null", "school_null"]
    print("  " + f"{'':<22}" + "".join(f"{c:>12}" for c in cols))
    allc = Counter()
    for neg in sorted(by_neg):
        allc.update(by_neg[neg])
        print("  " + f"{neg:<22}" + "".join(f"{by_neg[neg][c]:>12}" for c in cols))
    print("  " + f"{'TOTAL':<22}" + "".join(f"{allc[c]:>12}" for c in cols))
    not_ok = [r for r in neg_rows if not (r[4] or r[5] == 0)]
    for r in not_ok:
        print(f"    not ok: {r[0]} ({r[1]}): {r[5]} values, kind {r[3]}, cycle {r[7]}, period {r[8]}")

    print("\nREVIEW FLAG")
    print(f"  fully correct reports flagged: {flagged_correct}/{correct_reports} = {pct(flagged_correct, correct_reports)} (goal <= 10%)")
    print(f"  wrong or spurious values flagged: {bad_flagged}/{bad_values} = {pct(bad_flagged, bad_values)} (goal >= 95%)")

    print("\nKIND (truth -> parser)")
    right = sum(n for (a, b), n in kind_conf.items() if a == b)
    for (a, b), n in sorted(kind_conf.items()):
        print(f"  {a:>8} -> {b:<10} {n}")
    print(f"  kind accuracy: {right}/{sum(kind_conf.values())} = {pct(right, sum(kind_conf.values()))}")
    if errors:
        print(f"\nPARSE ERRORS: {len(errors)}")
        for n, e in errors[:20]:
            print(f"  {n}: {e[:160]}")


if __name__ == "__main__":
    main()
