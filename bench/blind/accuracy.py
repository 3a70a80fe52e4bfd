#!/usr/bin/env python3
"""Score `baocao parse --json` against a blind batch's truth files.

    .venv/bin/python bench/blind/accuracy.py [--batch bench/blind/A] [--config config.yaml] [--save out.json] [--load out.json]
        [--only scan,photo]

Drives the product only through its command line (CONTRACT.md): `baocao -c CONFIG parse --json FILE...`.
Prints per producer, per layout and per metric: right / wrong / missed / spurious, the share of stated figures
read right, spurious values as a share of all values read; for negatives whether each was flagged
(needs_review) or gave no figures; the review flag's two shares; the kind accuracy.
Positives are documents whose truth has "negative": null (reports and annexes of roster schools for 2024).
When truth files carry the optional fields "level" and "features" (batch B), it also prints per level and per feature.

A negative's values are figures for the cycle (--cycle, default qcn-2024) the way daemon/decision/decide.py counts them: when
its parse names the cycle, or names none and has no cycle problem that stops it counting (wrong_year, other_topic),
since then the daemon takes the open cycle by date. A last year's or another topic's report so stopped gives no
figures for the cycle; the NEGATIVES table shows the rest in its own column (cycle_figs). A wrong or spurious value
counts as flagged by its report's flag (needs_review); its own doubt marker (provenance[key].doubtful, absent in
older outputs) is shown beside it.
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


# the parser's problem codes that keep a document with no cycle from counting for the open one (daemon/decision/decide.py)
BLOCKS_CYCLE = {"wrong_year", "other_topic"}


def for_cycle(g, cycle):
    """Whether a parse's figures would count for the cycle."""
    if g.get("cycle") is not None:
        return g.get("cycle") == cycle
    return not BLOCKS_CYCLE & set(g.get("problem_codes") or ())


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
    ap.add_argument("--cycle", default="qcn-2024", help="the cycle a positive's figures count for")
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
    by_level, by_feature = defaultdict(Counter), defaultdict(Counter)  # batch B's optional truth fields
    neg_rows, kind_conf = [], Counter()
    correct_reports = flagged_correct = 0
    bad = Counter()  # wrong or spurious values: n, by the report's flag, by their own marker, by either; per source
    cycle_ok = Counter()
    school_ok = Counter()
    errors = []
    for name, t in truths.items():
        g = got.get(name) or {"metrics": {}, "error": "no output"}
        if "error" in g:
            errors.append((name, g["error"]))
        gm = {k: v for k, v in (g.get("metrics") or {}).items() if v is not None}
        flagged = bool(g.get("needs_review"))
        prov = g.get("provenance") or {}
        source = "ocr" if g.get("text_source") == "ocr" else "text"

        def count_bad(key, flagged=flagged, prov=prov, source=source):
            own = bool((prov.get(key) or {}).get("doubtful"))
            for part in ("all", source):
                bad.update({(part, "n"): 1, (part, "report"): flagged, (part, "own"): own,
                            (part, "either"): flagged or own})
        kind_conf[(t["kind"], g.get("kind", "(absent)"))] += 1
        prod, layout = t["producer"], t["layout"].split("+")[0]
        if t.get("negative"):
            neg_rows.append((name, t["negative"], t["kind"], g.get("kind", "(absent)"), flagged, len(gm),
                             (g.get("school") or {}).get("id"), g.get("cycle"), g.get("period"),
                             for_cycle(g, args.cycle)))
            # a negative's figures for the cycle are spurious; values of a parse naming no cycle count for none
            for k in gm if for_cycle(g, args.cycle) else ():
                count_bad(k)
            continue
        cycle_ok[g.get("cycle") == args.cycle] += 1
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
                count_bad(k)
            if c["wrong"] or c["spurious"] or c["missed"]:
                doc_ok = False
            for d in (by_prod[prod], by_layout[layout], by_metric[k]):
                d.update(c)
            if t.get("level"):
                by_level[t["level"]].update(c)
            for f in t.get("features", []):
                by_feature[f].update(c)
        if doc_ok:
            correct_reports += 1
            flagged_correct += flagged

    npos = sum(1 for t in truths.values() if not t.get("negative"))
    print(f"batch {batch}: {len(truths)} documents, {npos} positives, {len(neg_rows)} negatives")
    tot = table("PER PRODUCER (positives)", by_prod)
    table("PER LAYOUT (positives)", by_layout)
    table("PER METRIC (positives)", by_metric)
    if by_level:
        table("PER SCHOOL LEVEL (positives; truth field 'level')", by_level)
    if by_feature:
        table("PER FEATURE (positives; truth field 'features'; a document counts under each of its features)", by_feature)
    print(f"\nFigures right: {tot['right']}/{tot['stated']} = {pct(tot['right'], tot['stated'])} of stated figures;"
          f" spurious {tot['spurious']}/{tot['given']} = {pct(tot['spurious'], tot['given'])} of values read (positives)")
    print(f"School id right on positives: {school_ok[True]}/{sum(school_ok.values())}")
    print(f"Cycle {args.cycle} named on positives: {cycle_ok[True]}/{sum(cycle_ok.values())}")

    print(f"\nNEGATIVES (ok = flagged or no figures for the cycle; cycle_figs = gives figures that count for {args.cycle})")
    by_neg = defaultdict(Counter)
    for _name, neg, _tk, _gk, flagged, nvals, sid, cyc, _per, counts in neg_rows:
        c = by_neg[neg]
        c["n"] += 1
        c["flagged"] += flagged
        c["no_figures"] += nvals == 0
        c["cycle_figs"] += nvals > 0 and counts
        c["ok"] += flagged or not (nvals > 0 and counts)
        c["values"] += nvals
        c["cycle_null"] += cyc is None
        c["school_null"] += sid is None
    cols = ["n", "ok", "flagged", "no_figures", "cycle_figs", "values", "cycle_null", "school_null"]
    print("  " + f"{'':<22}" + "".join(f"{c:>12}" for c in cols))
    allc = Counter()
    for neg in sorted(by_neg):
        allc.update(by_neg[neg])
        print("  " + f"{neg:<22}" + "".join(f"{by_neg[neg][c]:>12}" for c in cols))
    print("  " + f"{'TOTAL':<22}" + "".join(f"{allc[c]:>12}" for c in cols))
    not_ok = [r for r in neg_rows if not (r[4] or r[5] == 0 or not r[9])]
    for r in not_ok:
        print(f"    not ok: {r[0]} ({r[1]}): {r[5]} values, kind {r[3]}, cycle {r[7]}, period {r[8]}")
    for r in neg_rows:
        if r[5] and not r[4] and not r[9]:
            print(f"    ok, no figures for the cycle: {r[0]} ({r[1]}): {r[5]} values read for cycle {r[7]},"
                  f" period {r[8]}, stopped by {'/'.join(sorted(BLOCKS_CYCLE & set(got[r[0]].get('problem_codes') or ())))}")

    print("\nREVIEW FLAG")
    print(f"  fully correct reports flagged: {flagged_correct}/{correct_reports} = {pct(flagged_correct, correct_reports)} (goal <= 10%)")
    n = bad["all", "n"]
    print(f"  wrong or spurious values flagged: {bad['all', 'report']}/{n} = {pct(bad['all', 'report'], n)}"
          " (goal >= 95%; by the report's flag, per value, a negative's figures for the cycle included)")
    print(f"    by the value's own doubt marker: {bad['all', 'own']}/{n} = {pct(bad['all', 'own'], n)};"
          f" by either: {bad['all', 'either']}/{n} = {pct(bad['all', 'either'], n)}")
    for part in ("text", "ocr"):
        m = bad[part, "n"]
        print(f"    {part:>4}: {bad[part, 'either']}/{m} = {pct(bad[part, 'either'], m)} flagged"
              f" (report {bad[part, 'report']}, own {bad[part, 'own']})")

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
