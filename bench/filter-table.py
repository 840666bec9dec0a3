# Prints the markdown table of docs/benchmarks.md "Filtered search" from the JSON lines of
# `vecstore bench --filter-selectivity ... --json FILE`: usage: python3 bench/filter-table.py FILE
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
strategies = ["prefilter", "flat", "index", "postfilter"]
def fmt(q):
    return f"{q:,.0f}" if q >= 100 else f"{q:.1f}"
print("| filter | share | passing | " + " | ".join(strategies) + " | planner (chosen) | fastest forced ≥ 0.95 / planner |")
print("|---|---|---|" + "---|" * len(strategies) + "---|---|")
keys = []
for r in rows:
    k = (r["filter"], r["selectivity"])
    if k not in keys: keys.append(k)
for k in keys:
    pts = {r["strategy"]: r for r in rows if (r["filter"], r["selectivity"]) == k}
    cells = []
    for s in strategies:
        p = pts.get(s)
        cells.append("-" if p is None else f"{fmt(p['qps'])} ({p['recall_at_10']:.3f})" + ("" if p["min_rows"] == p["expected_rows"] else " SHORT"))
    a = pts["auto"]
    r = a["ranking"]
    chosen = ("postfilter, then list" if "listed the passing rows" in r else "postfilter") if r.startswith("postfilter") \
        else "prefilter" if "one by one" in r else "flat" if "scan of every vector" in r else "index" if r.startswith("hnsw") or r.startswith("ivf") else r[:20]
    ok = [pts[s] for s in strategies if s in pts and pts[s]["recall_at_10"] >= 0.95 and pts[s]["min_rows"] == pts[s]["expected_rows"]]
    best = max(ok, key=lambda p: p["qps"]) if ok else None
    ratio = f"{best['qps']/a['qps']:.2f}× ({best['strategy']})" if best else "-"
    short = "" if a["min_rows"] == a["expected_rows"] else " SHORT"
    print(f"| {k[0]} | {k[1]:g} | {pts['auto']['passing_rows']:,} | " + " | ".join(cells) + f" | {fmt(a['qps'])} ({a['recall_at_10']:.3f}, {chosen}){short} | {ratio} |")
