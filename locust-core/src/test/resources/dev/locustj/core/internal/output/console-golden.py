# Independent golden for the console tables: Python's own % formatting with the templates of OUT-03..07 (docs/locust-compatibility.md).
PCTS = [0.50, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0]
def pct(buckets, p):
    xs = sorted(k for k, c in buckets.items() for _ in range(c))
    if not xs: return 0
    return xs[min(int(len(xs) * p), len(xs) - 1)]
def med(buckets, mn, mx):
    xs = sorted(k for k, c in buckets.items() for _ in range(c))
    if not xs: return 0
    m = xs[(len(xs) - 1) // 2]
    if m > mx: m = mx
    elif m < mn: m = mn
    return m
E = [
 dict(method="GET", name="/fast", n=29, f=0, total=73204.7, mn=3.0, mx=15678.9, b={3:1,150:20,2500:7,16000:1}, cur=2.5, curf=0.0, tot=1.2345, totf=0.0),
 dict(method="POST", name="/fail", n=8, f=3, total=41.0, mn=0.5, mx=12.0, b={0:1,5:6,12:1}, cur=0.125, curf=0.375, tot=0.5, totf=0.1875),
 dict(method="GET", name="/zero", n=0, f=0, total=0.0, mn=0, mx=0, b={}, cur=0.0, curf=0.0, tot=0.0, totf=0.0),
 dict(method="CUSTOMVERB", name="/" + "x" * 90, n=1, f=1, total=99.6, mn=99.6, mx=99.6, b={100:1}, cur=0.0, curf=0.0, tot=0.01, totf=0.01),
]
T = dict(method="", name="Aggregated", n=38, f=4, total=73345.3, mn=0.5, mx=15678.9, b={0:1,3:1,5:6,12:1,100:1,150:20,2500:7,16000:1}, cur=2.625, curf=0.375, tot=1.7455, totf=0.1975)
ERR = [(3, "POST /fail: got 500"), (2, "GET /x: ConnectionRefusedError(111, 'Connection refused')")]
def table(W, current):
    TW = 8
    out = []
    nc = (W - TW) + 4
    out.append(("%-" + str(TW) + "s %-" + str(nc) + "s %7s %12s |%7s %7s %7s%7s | %7s %11s")
               % ("Type", "Name", "# reqs", "# fails", "Avg", "Min", "Max", "Med", "req/s", "failures/s"))
    sep = f'{"-" * TW}|{"-" * nc}|{"-" * 7}|{"-" * 13}|{"-" * 7}|{"-" * 7}|{"-" * 7}|{"-" * 7}|{"-" * 8}|{"-" * 11}'
    out.append(sep)
    def row(e):
        timed = e["n"]
        avg = e["total"] / timed if timed else 0.0
        ratio = e["f"] / e["n"] if e["n"] else (1.0 if e["f"] else 0.0)
        rps, fps = (e["cur"], e["curf"]) if current else (e["tot"], e["totf"])
        return ("%-" + str(TW) + "s %-" + str(nc) + "s %7d %12s |%7d %7d %7d%7d | %7.2f %11.2f") % (
            (e["method"] and e["method"] + " " or ""), e["name"], e["n"], "%d(%.2f%%)" % (e["f"], ratio * 100),
            avg, e["mn"] or 0, e["mx"], med(e["b"], e["mn"], e["mx"]) or 0, rps or 0, fps or 0)
    for e in sorted(E, key=lambda e: (e["name"], e["method"])):
        out.append(row(e))
    out.append(sep)
    out.append(row(T))
    return out
def labels():
    return [f"{int(p * 100) if (p * 100).is_integer() else round(100 * p, 6)}%" for p in PCTS]
def ptable(W):
    TW = 8
    out = ["Response time percentiles (approximated)"]
    out.append((f"%-{TW}s %-{W}s %8s {' '.join(['%6s'] * len(PCTS))}") % (("Type", "Name") + tuple(labels()) + ("# reqs",)))
    sep = (f'{"-" * TW}|{"-" * W}|{"-" * 8}|{("-" * 6 + "|") * len(PCTS)}')[:-1]
    out.append(sep)
    tpl = f"%-{TW}s %-{W}s %8d {' '.join(['%6d'] * len(PCTS))}"
    for e in sorted(E, key=lambda e: (e["name"], e["method"])):
        if e["b"]:
            out.append(tpl % ((e["method"] or "", e["name"]) + tuple(pct(e["b"], p) for p in PCTS) + (e["n"],)))
    out.append(sep)
    out.append(tpl % ((T["method"] or "", T["name"]) + tuple(pct(T["b"], p) for p in PCTS) + (T["n"],)))
    return out
def errs(W):
    out = ["Error report", "%-18s %-100s" % ("# occurrences", "Error")]
    sep = f'{"-" * 18}|{"-" * ((80 + W) - 19)}'
    out.append(sep)
    for n, t in ERR:
        out.append("%-18i %-100s" % (n, t))
    out.append(sep)
    out.append("")
    return out
import json
print(json.dumps({str(W): {"current": table(W, True), "total": table(W, False), "pct": ptable(W), "err": errs(W)} for W in (80, 20, 0)}, indent=1))
