#!/usr/bin/env bash
# locust-benchmarks/park-cost.sh [PAIRS=2] [HOST=http://127.0.0.1:8080] — CPU per request with and without users
# parking during their waits (core UserLoop: a user waiting >= locustj.user.parkThresholdMillis holds no thread).
# 5,000 HttpIdle users waiting BENCH_WAIT=0.5 s, 30 s, pinned to CPU 0, against an HTTP target at HOST that answers
# GET /hello (e.g. the bench kit's nginx, see docs/performance.md).
# Prints one line per run: threshold, requests, CPU seconds (user+sys, /usr/bin/time), us per request.
set -uo pipefail
cd "$(dirname "$0")/.."
export BENCH_WAIT=0.5
for _ in $(seq "${1:-2}"); do
  for threshold in 500 99999999; do
    out=$(mktemp); tf=$(mktemp)
    LOCUSTJ_JAVA_OPTS="-Dlocustj.user.parkThresholdMillis=$threshold" /usr/bin/time -f "%U %S" -o "$tf" \
      timeout 90 taskset -c 0 bin/locust -f locust-benchmarks/target/locust-benchmarks.jar HttpIdle --headless \
      -u 5000 -r 5000 -t 30s --host "${2:-http://127.0.0.1:8080}" --only-summary > "$out" 2>&1
    req=$(grep -E '^ +Aggregated' "$out" | head -1 | awk '{print $2}')
    cpu=$(awk '{print $1 + $2}' "$tf")
    echo "threshold_ms=$threshold requests=$req cpu_s=$cpu us_per_req=$(awk -v c="$cpu" -v r="$req" \
      'BEGIN { printf "%.1f", c * 1e6 / r }')"
    rm -f "$out" "$tf"
  done
done
