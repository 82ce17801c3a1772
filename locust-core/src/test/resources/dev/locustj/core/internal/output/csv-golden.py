# Independent golden for the CSV files: Python's csv module and Python value types (OUT-20..23).
import csv, io, hashlib, json
from datetime import datetime, timezone
PCTS = [0.50, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0]
def labels():
    return [f"{int(p * 100) if (p * 100).is_integer() else round(100 * p, 6)}%" for p in PCTS]
def pct(b, p):
    xs = sorted(k for k, c in b.items() for _ in range(c))
    return xs[min(int(len(xs) * p), len(xs) - 1)] if xs else 0
def med(e):
    xs = sorted(k for k, c in e["b"].items() for _ in range(c))
    if not xs: return 0
    m = xs[(len(xs) - 1) // 2]
    if m > e["mx"]: m = e["mx"]
    elif e["mn"] is not None and m < e["mn"]: m = e["mn"]
    return m
E = [
 dict(method="POST", name="/fail", n=8, f=3, total=41.0, mn=0.5, mx=12, b={0:1,5:6,12:1}, cur=0.125, curf=0.375, tot=0.5, totf=0.1875),
 dict(method="GET", name="/fast", n=29, f=0, total=73204.7, mn=3, mx=15678.9, b={3:1,150:20,2500:7,16000:1}, cur=2.5, curf=0.0, tot=1.2345, totf=0.0),
 dict(method="CUSTOMVERB", name="/" + "x" * 90, n=1, f=1, total=99.6, mn=99.6, mx=99.6, b={100:1}, cur=0.0, curf=0.0, tot=0.01, totf=0.01),
 dict(method="GET", name="/zero", n=0, f=0, total=0, mn=None, mx=0, b={}, cur=0.0, curf=0.0, tot=0.0, totf=0.0),
]
T = dict(method="", name="Aggregated", n=38, f=4, total=73345.3, mn=0.5, mx=15678.9, b={0:1,3:1,5:6,12:1,100:1,150:20,2500:7,16000:1}, cur=2.625, curf=0.375, tot=1.7455, totf=0.1975)
def avg(e): return e["total"] / e["n"] if e["n"] else 0.0
def acl(e): return (e["n"] * 10) / e["n"] if e["n"] else 0
def pcts(e, current=False):
    if not e["n"]: return ["N/A"] * len(PCTS)
    return [0 if current else int(pct(e["b"], p)) for p in PCTS]
out = {}
s = io.StringIO(); w = csv.writer(s)
w.writerow(["Type","Name","Request Count","Failure Count","Median Response Time","Average Response Time","Min Response Time","Max Response Time","Average Content Size","Requests/s","Failures/s"] + labels())
for e in E + [T]:
    w.writerow([e["method"], e["name"], e["n"], e["f"], med(e), avg(e), e["mn"] or 0, e["mx"], acl(e), e["tot"], e["totf"]] + pcts(e))
out["stats"] = s.getvalue()
for full in (False, True):
    s = io.StringIO(); w = csv.writer(s)
    w.writerow(["Timestamp","User Count","Type","Name","Requests/s","Failures/s",*labels(),"Total Request Count","Total Failure Count","Total Median Response Time","Total Average Response Time","Total Min Response Time","Total Max Response Time","Total Average Content Size"])
    for e in (E if full else []) + [T]:
        w.writerow([1700000010, 12, e["method"] or "", e["name"], f"{e['cur']:2f}", f"{e['curf']:2f}"] + pcts(e, full) + [e["n"], e["f"], med(e), avg(e), e["mn"] or 0, e["mx"], acl(e)])
    out["history_full" if full else "history"] = s.getvalue()
def key(m, n, err): return hashlib.sha256(f"{m}.{n}.{err!r}".encode()).hexdigest()
def utc(t): return datetime.fromtimestamp(int(t), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if t is not None else ""
errs = {key("POST","/fail","CatchResponseError('got 500')"): ("POST","/fail","CatchResponseError('got 500')",3,1700000001.5,1700000009.2),
        key("GET","/x","ConnectionRefusedError(111, 'Connection refused')"): ("GET","/x","ConnectionRefusedError(111, 'Connection refused')",2,1700000002,None)}
s = io.StringIO(); w = csv.writer(s)
w.writerow(["Method","Name","Error","Occurrences","First Seen","Last Seen"])
for k in sorted(errs):
    m, n, err, o, fs, ls = errs[k]
    w.writerow([m, n, err, o, utc(fs), utc(ls)])
out["failures"] = s.getvalue()
s = io.StringIO(); w = csv.writer(s)
w.writerow(["Count","Message","Traceback","Nodes"])
w.writerow([2, 'bad, "very"', "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n", ", ".join(["local", "worker-b"])])
out["exceptions"] = s.getvalue()
print(json.dumps(out, indent=1))
