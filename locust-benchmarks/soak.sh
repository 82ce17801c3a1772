#!/usr/bin/env bash
# Soak run: 1,000 users with mixed names (two fixed, a few hundred /item/N) against the demo target on 127.0.0.1,
# with the web UI on and /stats/requests polled every second; samples the resident memory and the thread count of
# the locust process from /proc every 10 s and prints a summary at the end.
#
# Usage: locust-benchmarks/soak.sh [DURATION=30m]   (Locust's timespan: 90s, 3m, 1h30m)
# Environment: SOAK_USERS (1000), SOAK_RATE (100/s), SOAK_NAMES (300 ids), SOAK_TARGET_PORT (18181),
# SOAK_WEB_PORT (18189), SOAK_OUT (the sample file; default soak-<UTC time>.tsv in the working directory),
# LOCUSTJ_JAVA_OPTS (passed to bin/locust). Builds the jars only when one is missing (./mvnw package -DskipTests).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
. bin/find-java.sh
locustj_find_java || exit 1

duration=${1:-30m}
case "$duration" in
  *[!0-9hms]* | "") echo "soak.sh: bad duration '$duration' (e.g. 90s, 3m, 1h30m)" >&2; exit 2 ;;
esac
seconds=0
rest=$duration
for unit in h m s; do
  if [[ "$rest" =~ ^([0-9]+)$unit(.*)$ ]]; then
    n=${BASH_REMATCH[1]}; rest=${BASH_REMATCH[2]}
    case $unit in h) seconds=$((seconds + n * 3600)) ;; m) seconds=$((seconds + n * 60)) ;; s) seconds=$((seconds + n)) ;; esac
  fi
done
[[ "$rest" =~ ^[0-9]+$ ]] && seconds=$((seconds + rest)) && rest=""
if [ -n "$rest" ] || [ "$seconds" -le 0 ]; then
  echo "soak.sh: bad duration '$duration' (e.g. 90s, 3m, 1h30m)" >&2; exit 2
fi

users=${SOAK_USERS:-1000}
rate=${SOAK_RATE:-100}
target_port=${SOAK_TARGET_PORT:-18181}
web_port=${SOAK_WEB_PORT:-18189}
out=${SOAK_OUT:-$PWD/soak-$(date -u +%Y%m%dT%H%M%SZ).tsv}
jars=(locust-cli/target/locust.jar examples/target/examples.jar locust-benchmarks/target/locust-benchmarks.jar)
for j in "${jars[@]}"; do
  if [ ! -f "$j" ]; then
    echo "Building (./mvnw -q package -DskipTests) ..."
    ./mvnw -q -B package -DskipTests
    break
  fi
done

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$JAVA_HOME/bin/java" -cp locust-cli/target/locust.jar:examples/target/examples.jar \
  dev.locustj.examples.demo.DemoTarget "$target_port" >"$work/target.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  (exec 3<>/dev/tcp/127.0.0.1/"$target_port") 2>/dev/null && break
  sleep 0.1
done

SOAK_NAMES=${SOAK_NAMES:-300} bin/locust -f locust-benchmarks/target/locust-benchmarks.jar MixedNames \
  --host "http://127.0.0.1:$target_port" --web-host 127.0.0.1 --web-port "$web_port" --autostart --autoquit 0 \
  -u "$users" -r "$rate" -t "$duration" --csv "$work/soak" >"$work/locust.out" 2>"$work/locust.err" &
locust=$!
pids+=("$locust")

# the web UI poller: one GET /stats/requests a second; after the first answer, counts those that are not 200
# (a poll that fails because the run has just ended is not counted)
(
  ok=0; bad=0
  while kill -0 "$locust" 2>/dev/null; do
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$web_port/stats/requests" || true)
    if [ "$code" = 200 ]; then
      ok=$((ok + 1))
    elif [ "$ok" -gt 0 ] && kill -0 "$locust" 2>/dev/null; then
      bad=$((bad + 1))
    fi
    echo "$ok $bad" >"$work/polls"
    sleep 1
  done
) &
pids+=($!)

printf 'elapsed_s\trss_kb\tthreads\theap_used_kb\n' >"$out"
start=$(date +%s)
deadline=$((start + seconds + 120)) # the run's own -t ends it; this bounds a run that would not end
while kill -0 "$locust" 2>/dev/null && [ "$(date +%s)" -lt "$deadline" ]; do
  for _ in $(seq 1 10); do # the first sample 10 s after the launch, then one every 10 s
    kill -0 "$locust" 2>/dev/null || break
    sleep 1
  done
  if [ -r "/proc/$locust/status" ]; then
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$locust/status" 2>/dev/null || true)
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$locust/status" 2>/dev/null || true)
    # the Java heap in use (young + old, jstat's EU + OU + S0U + S1U), to tell live data from heap the JVM committed
    heap=$("$JAVA_HOME/bin/jstat" -gc "$locust" 2>/dev/null | awk 'NR == 2 { printf "%.0f", $4 + $6 + $8 + $3 }' || true)
    if [ -n "$rss" ]; then printf '%s\t%s\t%s\t%s\n' "$(( $(date +%s) - start ))" "$rss" "$threads" "${heap:--}" >>"$out"; fi
  fi
done
if kill -0 "$locust" 2>/dev/null; then
  echo "soak.sh: locust did not end within -t + 120 s; stopping it" >&2
  kill "$locust" 2>/dev/null || true
fi
set +e
wait "$locust"
rc=$?
set -e

echo "soak: $duration, $users users, target 127.0.0.1:$target_port, web UI 127.0.0.1:$web_port; samples in $out"
awk -F'\t' 'NR == 2 { fr = $2; ft = $3 } NR > 1 { if ($2 > mr) mr = $2; if ($3 > mt) mt = $3; lr = $2; lt = $3;
  n++; if ($1 >= 60 && !sr) { sr = $2; st = $3; ss = $1 } if ($4 != "-") { h[++hn] = $4; if ($4 > mh) mh = $4 } }
  END { if (!n) { print "no sample"; exit }
        printf "RSS MB: first %.0f, at %d s %.0f, last %.0f, max %.0f\n", fr/1024, ss, sr/1024, lr/1024, mr/1024;
        if (hn) { lo1 = h[1]; for (i = 1; i <= hn / 2; i++) if (h[i] < lo1) lo1 = h[i];
                  lo2 = h[hn]; for (i = int(hn / 2) + 1; i <= hn; i++) if (h[i] < lo2) lo2 = h[i];
                  printf "heap used MB: lowest in the first half %.0f, lowest in the second half %.0f, max %.0f\n",
                    lo1/1024, lo2/1024, mh/1024 }
        printf "threads: first %d, at %d s %d, last %d, max %d (%d samples)\n", ft, ss, st, lt, mt, n }' "$out"
read -r polls_ok polls_bad <"$work/polls" 2>/dev/null || { polls_ok=0; polls_bad=0; }
echo "web UI polls: $polls_ok answered 200, $polls_bad did not"
if [ -f "$work/soak_stats.csv" ]; then
  awk -F',' '$2 == "Aggregated" { printf "requests: %s, failures: %s (404s of ids above the catalogue), names: %d\n",
    $3, $4, rows } $1 != "Type" && $2 != "Aggregated" { rows++ }' "$work/soak_stats.csv"
fi
grep -E "WARN|ERROR" "$work/locust.err" | grep -v "DEBUG" | head -5 || true
echo "locust exit code: $rc"
