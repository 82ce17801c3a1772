#!/usr/bin/env bash
# locust-benchmarks/compare.sh — side-by-side comparison of Locust for Java with wrk, Python Locust and Gatling,
# on a bench kit (BENCH, required): an nginx target pinned to CPU 1, every generator pinned to CPU 0 by the kit's
# run-tool.sh, requests counted by the target (nginx stub_status). See docs/performance.md, "Bench kit".
#
# Usage (from anywhere; builds the jars if missing):
#   BENCH=<bench kit dir> locust-benchmarks/compare.sh [ROUNDS=3] [SECONDS=20]
# The bench kit directory provides: target.sh (start|stop the nginx target on 127.0.0.1:$TARGET_PORT),
# run-tool.sh NAME CMD... (runs CMD pinned to CPU 0 and prints one "RESULT name=... rps=..." line), wrk.sh,
# locust-rps.sh, locust-mem.sh (Python Locust runs) and, for GATLING=1, gatling.sh.
#
# Per round, interleaved so that drifts of a shared machine hit every tool alike:
#   wrk -t1 -c50 (15 s) | locust HttpUser 50u | locust FastHttpUser 50u | bin/locust HttpHello 50u   (SECONDS each)
#   | bin/locust HttpHello 50u for LONG=40 s, steady window from LONG_WARMUP=15 s (after the JIT warm-up)
#   | with GATLING=1 also: Gatling 50u 60 s | bin/locust 50u 60 s, both measured over the last ~20 s
#   | with TOOLS including oursworker: the ourslong run by a worker of a master pinned to CPU 1 (the worker's
#   overhead: compare with ourslong of the same round)
#   (TOOLS="wrk locust fast ours ourslong oursworker gatling ours60" picks the runs of a round)
# then, when MEM=1 (default), 10,000 mostly idle users (GET /hello, then wait 30 s), -r 2000, 45 s:
#   bin/locust HttpIdle (1-user baseline + MEM_REPS x 5,000 and 10,000 users; once with bin/locust's heap
#   sizing and once with -Xmx128m: MEM_HEAPS="default 128m") | locust FastIdle and HttpIdle (locust-mem.sh,
#   10,000 users with a 1-user baseline, and 5,000 users, 1 run each); slope = (RSS(10k) - RSS(5k)) / 5,000
# then, when BIG=1 (default 0), the 100,000-user run (see docs/performance.md).
# Ends with one markdown table (median [min..max] over repetitions) and the ratios to our figures.
#
# Env: BENCH (required), PYTHON (default python3), MEM=1, MEM_REPS=2, BIG=0, BIG_USERS=100000, BIG_RATE=5000,
#      JAVA_OPTS_EXTRA (added to LOCUSTJ_JAVA_OPTS, which bin/locust passes to the JVM), LOG (RESULT lines).
# Our "full rate" time: first 0.5-s interval, counted from the process launch, from which the target's rate stays
# >= 90 % of the run's steady median rate for 2 s (computed the same way for every tool).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
BENCH="${BENCH:-}"
if [[ -z "$BENCH" || ! -x "$BENCH/run-tool.sh" || ! -x "$BENCH/target.sh" ]]; then
  echo "usage: BENCH=<bench kit dir with target.sh and run-tool.sh> $0 [ROUNDS] [SECONDS]" >&2
  exit 2
fi
ROUNDS="${1:-3}"; SECS="${2:-20}"
LOG="${LOG:-/tmp/bench-results/compare-$(date +%Y%m%d-%H%M%S).log}"
JAR="$HERE/target/locust-benchmarks.jar"
PORT="${TARGET_PORT:-8080}"
HOST="http://127.0.0.1:$PORT"
PY="${PYTHON:-python3}"
# Netty's native epoll transport loads a JNI library: JDK 24+ warns without this flag (bin/locust does not add it)
export LOCUSTJ_JAVA_OPTS="--enable-native-access=ALL-UNNAMED ${JAVA_OPTS_EXTRA:-}"
mkdir -p "$(dirname "$LOG")"

if [[ ! -f "$ROOT/locust-cli/target/locust.jar" || ! -f "$JAR" ]]; then
  (cd "$ROOT" && ./mvnw -q -o package -DskipTests -pl locust-cli,locust-benchmarks -am) || exit 1
fi

TOOLS="${TOOLS-wrk locust fast ours ourslong}"
[[ "${GATLING:-0}" == 1 ]] && TOOLS="$TOOLS gatling ours60"
kv() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# full_rate OUTDIR RPS -> "full_rate_after_launch_s=.. full_rate_after_first_s=.."
full_rate() {
  "$PY" - "$1/samples.csv" "$2" <<'PY'
import sys
path, steady = sys.argv[1], float(sys.argv[2] or 0)
rows = []
with open(path) as f:
    head = f.readline().strip().split(",")
    for line in f:
        v = line.strip().split(",")
        if len(v) == len(head):
            r = dict(zip(head, map(float, v)))
            if r["req"] >= 0:
                rows.append(r)
try:
    launch = float(open(path + ".launch").read())
except OSError:
    launch = rows[0]["t"]
rate = [((rows[i]["req"] - rows[i - 1]["req"] - 1) / (rows[i]["t"] - rows[i - 1]["t"]), rows[i]["t"])
        for i in range(1, len(rows))]
first = next((i for i, (r, _) in enumerate(rate) if r > 0), None)
out = "full_rate_after_launch_s=NA full_rate_after_first_s=NA"
if first is not None and steady > 0:
    t_first = rate[first - 1][1] if first > 0 else rows[0]["t"]
    need = 4  # 4 intervals of 0.5 s
    for i in range(first, len(rate) - need):
        if all(r >= 0.9 * steady for r, _ in rate[i:i + need]):
            t = rate[i - 1][1] if i > 0 else rows[0]["t"]  # the interval starts at the previous poll
            out = f"full_rate_after_launch_s={t - launch:.1f} full_rate_after_first_s={t - t_first:.1f}"
            break
print(out)
PY
}

# own_rps OUTDIR -> the Aggregated req/s of the final console table (Locust and ours print the same table)
own_rps() {
  local agg
  agg=$(cat "$1/stdout.log" "$1/stderr.log" | grep -E '^ +Aggregated .*\|' | head -1)
  awk -F'|' '{split($3,a," "); print a[1]}' <<<"$agg"
}

# spawn_log OUTDIR -> seconds between the "Ramping to" and "All users spawned" log lines (NA if absent)
spawn_log() {
  "$PY" - "$1/stderr.log" "$1/stdout.log" <<'PY'
import re, sys, datetime
t = {}
for p in sys.argv[1:]:
    for line in open(p, errors="replace"):
        m = re.match(r"\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\]", line)
        if not m:
            continue
        ts = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S,%f").timestamp()
        if "Ramping to" in line and "ramp" not in t:
            t["ramp"] = ts
        if "All users spawned" in line and "done" not in t:
            t["done"] = ts
print(round(t["done"] - t["ramp"], 2) if len(t) == 2 else "NA")
PY
}

# own_total OUTDIR -> the requests the tool itself counted (Locust/ours: Aggregated # reqs; wrk; Gatling), or NA
own_total() {
  local n
  n=$(cat "$1/stdout.log" "$1/stderr.log" | grep -E '^ +Aggregated .*\|' | head -1 | awk '{print $2}')
  [[ -z "$n" ]] && n=$(grep -o '[0-9]* requests in' "$1/stdout.log" | awk '{print $1}')
  [[ -z "$n" ]] && n=$(grep '> Global' "$1/stdout.log" | tail -1 | awk -F'|' '{gsub(/[ ,]/, "", $2); print $2}')
  echo "${n:-NA}"
}

# adds full-rate times, our own req/s and a check for foreign traffic to a RESULT line: the target is shared, so
# foreign_requests = requests the target counted minus those the tool counted (should be ~0; wrk counts only
# completed requests, so a few dozen there are normal)
augment() {
  local line="$1" out rps own total
  out=$(kv "$line" out); rps=$(kv "$line" rps); own=$(own_total "$out"); total=$(kv "$line" total_requests)
  local foreign=NA
  [[ "$own" =~ ^[0-9]+$ && "$total" =~ ^[0-9]+$ ]] && foreign=$((total - own))
  echo "$line $(full_rate "$out" "$rps") own_rps=$(own_rps "$out") own_total=$own foreign_requests=$foreign"
}

# ours NAME CLASS USERS RATE SECONDS [REACH] [WARMUP]
ours() {
  QUIET=1 REACH="${6:-0}" WARMUP="${7:-5}" MAX_SECONDS=$(( $5 + 60 )) "$BENCH/run-tool.sh" "$1" \
    "$ROOT/bin/locust" -f "$JAR" "$2" --headless -u "$3" -r "$4" -t "${5}s" --host "$HOST" --only-summary \
    | grep '^RESULT'
}

# ours_worker NAME CLASS USERS RATE SECONDS WARMUP: the generator is a worker (run-tool pins it to CPU 0); its
# master (headless, --expect-workers 1, on 127.0.0.1:5599) runs in the same process group re-pinned to CPU 1
ours_worker() {
  QUIET=1 WARMUP="$6" MAX_SECONDS=$(( $5 + 60 )) "$BENCH/run-tool.sh" "$1" sh -c '
    taskset -c 1 "$0" -f "$1" "$2" --master --headless -u "$3" -r "$4" -t "$5s" --host "$6" --only-summary \
      --expect-workers 1 --master-bind-host 127.0.0.1 --master-bind-port 5599 &
    "$0" -f "$1" "$2" --worker --master-host 127.0.0.1 --master-port 5599 --only-summary
    wait' "$ROOT/bin/locust" "$JAR" "$2" "$3" "$4" "$5" "$HOST" | grep '^RESULT'
}

"$BENCH/target.sh" start >&2
[[ " $TOOLS " == *" gatling "* ]] && { (cd /tmp && "$BENCH/gatling.sh" build >&2) || exit 1; }
{
  echo "# $(date -u '+%Y-%m-%d %H:%M:%S UTC'); $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'); kernel $(uname -r)"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# ours: bin/locust (LOCUSTJ_JAVA_OPTS=$LOCUSTJ_JAVA_OPTS), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  for r in $(seq "$ROUNDS"); do
    echo "# round $r, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    for tool in $TOOLS; do
      case "$tool" in
        wrk) while read -r l; do augment "$l"; done < <("$BENCH/wrk.sh" 1 50 15 | grep '^RESULT') ;;
        locust) while read -r l; do augment "$l"; done < <("$BENCH/locust-rps.sh" HttpHello 50 "$SECS" 1 | grep '^RESULT') ;;
        fast) while read -r l; do augment "$l"; done < <("$BENCH/locust-rps.sh" FastHello 50 "$SECS" 1 | grep '^RESULT') ;;
        ours) augment "$(ours locustj-HttpHello-u50 HttpHello 50 50 "$SECS") rep=$r" ;;
        # the same for LONG seconds, steady window after LONG_WARMUP s: the rate after the JIT warm-up on one core
        # the same as ourslong, run by a worker (pinned to CPU 0 like every generator) of a master on CPU 1
        oursworker) augment "$(ours_worker "locustj-worker-HttpHello-u50-${LONG:-40}s" HttpHello 50 50 \
                    "${LONG:-40}" "${LONG_WARMUP:-15}") rep=$r" ;;
        ourslong) augment "$(ours "locustj-HttpHello-u50-${LONG:-40}s" HttpHello 50 50 "${LONG:-40}" 0 \
                    "${LONG_WARMUP:-15}") rep=$r" ;;
        # Gatling and ours for 60 s, both measured over the last ~20 s (as in baseline.md)
        gatling) while read -r l; do augment "$l"; done < <("$BENCH/gatling.sh" run 50 60 1 | grep '^RESULT') ;;
        ours60) augment "$(ours locustj-HttpHello-u50-60s HttpHello 50 50 60 0 40) rep=$r" ;;
        *) echo "unknown tool $tool" >&2 ;;
      esac
      sleep 2
    done
  done
  if [[ "${MEM:-1}" == 1 ]]; then
    echo "# memory, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    # MEM_HEAPS: "default" = bin/locust's heap flags; "128m" etc. = the same runs with -Xmx128m
    for heap in ${MEM_HEAPS:-default 128m}; do
      saved="$LOCUSTJ_JAVA_OPTS"; tag=""
      if [[ "$heap" != default ]]; then LOCUSTJ_JAVA_OPTS="$LOCUSTJ_JAVA_OPTS -Xmx$heap"; tag="-xmx$heap"; fi
      export LOCUSTJ_JAVA_OPTS
      base=$(ours "locustj-HttpIdle$tag-baseline-u1" HttpIdle 1 1 10 0 1)
      base_mb=$(kv "$base" time_maxrss_mb)
      echo "$base users=1 heap=$heap"
      for i in $(seq "${MEM_REPS:-2}"); do
        for u in ${MEM_USERS:-5000 10000}; do
          sleep 2
          line=$(ours "locustj-HttpIdle$tag-mem-u$u-r2000" HttpIdle "$u" 2000 45 "$u" 1)
          out=$(kv "$line" out); peak=$(kv "$line" time_maxrss_mb)
          echo "$line users=$u rate=2000 heap=$heap rss_per_user_kb=$(awk -v p="$peak" -v u="$u" \
            'BEGIN{printf "%.1f", p*1024/u}')" \
            "baseline_rss_mb=$base_mb marginal_rss_per_user_kb=$(awk -v p="$peak" -v b="$base_mb" -v u="$u" \
            'BEGIN{printf "%.1f", (p-b)*1024/(u-1)}') spawn_log_s=$(spawn_log "$out") rep=$i"
        done
      done
      LOCUSTJ_JAVA_OPTS="$saved"; export LOCUSTJ_JAVA_OPTS
    done
    "$BENCH/locust-mem.sh" FastIdle 10000 2000 45 1 | grep '^RESULT'
    BASELINE=0 "$BENCH/locust-mem.sh" FastIdle 5000 2000 45 1 | grep '^RESULT'
    "$BENCH/locust-mem.sh" HttpIdle 10000 2000 45 1 | grep '^RESULT'
    BASELINE=0 "$BENCH/locust-mem.sh" HttpIdle 5000 2000 45 1 | grep '^RESULT'
  fi
  if [[ "${BIG:-0}" == 1 ]]; then
    u="${BIG_USERS:-100000}"; rate="${BIG_RATE:-5000}"
    echo "# $u users (HttpIdleClose, -Xmx2g), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    line=$(LOCUSTJ_JAVA_OPTS="$LOCUSTJ_JAVA_OPTS -Xmx2g" ours "locustj-HttpIdleClose-u$u-r$rate" HttpIdleClose \
      "$u" "$rate" "${BIG_SECONDS:-60}" "$u" 1)
    out=$(kv "$line" out)
    echo "$line users=$u rate=$rate spawn_log_s=$(spawn_log "$out") own_rps=$(own_rps "$out")" \
      "fails=$(cat "$out/stdout.log" "$out/stderr.log" | grep -E '^ +Aggregated .*\|' | head -1 | awk '{print $3}')"
  fi
  echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2> >(grep -v '^\[run-tool\]' >&2) | tee "$LOG"

echo
"$PY" - "$LOG" <<'PY'
import statistics, sys
groups = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        kv = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
        groups.setdefault(kv["name"], []).append(kv)

def nums(rs, k):
    out = []
    for r in rs:
        try:
            out.append(float(r.get(k, "")))
        except ValueError:
            pass
    return out

def fmt(rs, k):
    v = nums(rs, k)
    if not v:
        return ""
    f = (lambda x: f"{x:,.0f}") if max(abs(x) for x in v) >= 100 else (lambda x: f"{x:.1f}")
    m = statistics.median(v)
    return f"{f(m)} [{f(min(v))}..{f(max(v))}]" if len(v) > 1 else f(m)

cols = [("rps", "req/s (server, steady)"), ("own_rps", "tool's own req/s"), ("tool_cpu_pct", "gen CPU %"),
        ("cpu1_busy_pct", "target CPU %"), ("time_maxrss_mb", "max RSS MB"), ("peak_threads", "threads"),
        ("full_rate_after_launch_s", "full rate after launch s"),
        ("foreign_requests", "foreign reqs at target"), ("marginal_rss_per_user_kb", "marginal KB/user"),
        ("spawn_log_s", "spawn (log) s"), ("reach10000_after_first_s", "10k first reqs after 1st s"),
        ("reach10000_after_launch_s", "10k first reqs after launch s"),
        ("reach5000_after_first_s", "5k first reqs after 1st s")]
cols = [(k, h) for k, h in cols if any(k in r for rs in groups.values() for r in rs)]
print("| run | n | " + " | ".join(h for _, h in cols) + " |")
print("|---|---|" + "---|" * len(cols))
for name, rs in groups.items():
    print(f"| {name} | {len(rs)} | " + " | ".join(fmt(rs, k) for k, _ in cols) + " |")

def med(name, k):
    v = nums(groups.get(name, []), k)
    return statistics.median(v) if v else None

import os
long_name = f"locustj-HttpHello-u50-{os.environ.get('LONG', '40')}s"
wk = [float(r["rps"]) for r in groups.get("locustj-worker-" + long_name[len("locustj-"):], [])]
lg = [float(r["rps"]) for r in groups.get(long_name, [])]
if wk and lg:
    print()
    print(f"- worker / local (steady req/s, same round): " + ", ".join(f"{w / l:.3f}" for w, l in zip(wk, lg))
          + f"; medians {statistics.median(wk):,.0f} / {statistics.median(lg):,.0f} = "
          + f"{statistics.median(wk) / statistics.median(lg):.3f}")
for ours_name in ("locustj-HttpHello-u50", long_name):
    ours = med(ours_name, "rps")
    if not ours:
        continue
    print()
    print(f"{ours_name}:")
    for name, label in [("locust-FastHello-u50", "Locust FastHttpUser"), ("locust-HttpHello-u50", "Locust HttpUser"),
                        ("wrk-c50", "wrk")]:
        other = med(name, "rps")
        if other:
            print(f"- ours / {label}: {ours / other:.2f}x (median req/s {ours:,.0f} vs {other:,.0f})")
    # ratios per round (each round ran the tools back to back)
    rr = {}
    for name in (ours_name, "locust-FastHello-u50", "locust-HttpHello-u50", "wrk-c50"):
        rr[name] = [float(r["rps"]) for r in groups.get(name, [])]
    n = min(len(v) for v in rr.values()) if all(rr.values()) else 0
    for i in range(n):
        o = rr[ours_name][i]
        print(f"- round {i + 1}: ours/Fast {o / rr['locust-FastHello-u50'][i]:.1f}x, "
              f"ours/HttpUser {o / rr['locust-HttpHello-u50'][i]:.1f}x, ours/wrk {100 * o / rr['wrk-c50'][i]:.0f} %")
slopes = []
for name in groups:
    if "-mem-u10000-" in name and name.replace("-mem-u10000-", "-mem-u5000-") in groups:
        hi, lo = med(name, "time_maxrss_mb"), med(name.replace("-mem-u10000-", "-mem-u5000-"), "time_maxrss_mb")
        slopes.append(f"- {name.replace('-mem-u10000', '')}: slope (RSS 10k - RSS 5k) / 5,000 = "
                      f"{(hi - lo) * 1024 / 5000:.1f} KB/user (medians {lo:.0f} -> {hi:.0f} MB)")
if slopes:
    print()
    print("\n".join(slopes))
g, o60 = nums(groups.get("gatling-u50-60s", []), "rps"), nums(groups.get("locustj-HttpHello-u50-60s", []), "rps")
if g and o60:
    print()
    print(f"- ours / Gatling, 60-s runs, last ~20 s: {statistics.median(o60) / statistics.median(g):.2f}x "
          f"(median req/s {statistics.median(o60):,.0f} vs {statistics.median(g):,.0f})")
    for i in range(min(len(g), len(o60))):
        print(f"- round {i + 1}: ours/Gatling {o60[i] / g[i]:.2f}x")
PY
