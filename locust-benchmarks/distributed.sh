#!/usr/bin/env bash
# Distributed benchmarks: the master's CPU with many workers, a worker's overhead over a local run; see
# docs/performance.md, "Distributed: master and worker cost".
#
#   locust-benchmarks/distributed.sh [master|worker|all]     (from the repository root; default: all)
#
# master: MasterCost — a real master on 127.0.0.1 with WORKERS simulated workers (real JeroMQ DEALERs in a child
#         JVM, heartbeats every 1 s, a RequestStats.workerReport() of NAMES entries every 3 s); the master's own
#         process CPU over WINDOWS windows of WINDOW_S seconds (target: < 10 % of one core).
# worker: WorkerOverhead — the same HTTP test (USERS users, RPS_PER_USER each, GET $URL$URL_PATH) run PAIRS times
#         as a local run and, at the same time, as a worker (its master in a child JVM); CPU per request of each
#         and their ratio (target: <= +5 %).
#
# Environment (defaults): WORKERS=100 NAMES=100 RPS_PER_WORKER=1000 WINDOW_S=30 WINDOWS=3 WARMUP_S=15
#   URL=http://127.0.0.1:8080 URL_PATH=/hello GEN_CPU=(unset) USERS=50 RPS_PER_USER=20 PAIRS=3 RUN_WINDOW_S=30 RUN_WARMUP_S=20
#   MASTER_JAVA_OPTS=(unset): extra JVM options for the master's JVM only, e.g. a JFR recording of the steady part:
#   MASTER_JAVA_OPTS='-XX:StartFlightRecording=delay=40s,duration=60s,settings=profile,filename=/tmp/master.jfr'
# The worker runs need an HTTP target at $URL that answers GET $URL_PATH (e.g. the bench kit's nginx).
# Every run is bounded by `timeout`; children are ended by PID by the Java mains themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
. bin/find-java.sh
locustj_find_java >/dev/null || exit 1
JAVA_BIN="$JAVA_HOME/bin/java"
what=${1:-all}
CPFILE=$(mktemp)
trap 'rm -f "$CPFILE" "$CPFILE".*' EXIT
./mvnw -q -o -pl locust-benchmarks -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile="$CPFILE" >/dev/null
CP=locust-benchmarks/target/classes:$(cat "$CPFILE")
J=("$JAVA_BIN" --enable-native-access=ALL-UNNAMED -cp "$CP")
echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_BIN" -version 2>&1 | head -1)"

if [[ $what == master || $what == all ]]; then
    W=${WINDOW_S:-30}; N=${WINDOWS:-3}; WU=${WARMUP_S:-15}
    # shellcheck disable=SC2086 # MASTER_JAVA_OPTS is a list of options
    timeout $((W * N + WU + 200)) "$JAVA_BIN" ${MASTER_JAVA_OPTS:-} "${J[@]:1}" \
        dev.locustj.benchmarks.distributed.MasterCost \
        "${WORKERS:-100}" "${NAMES:-100}" "${RPS_PER_WORKER:-1000}" "$W" "$N" "$WU" 2>/dev/null \
        | grep -E '^(WINDOW|RESULT)'
fi

if [[ $what == worker || $what == all ]]; then
    # each pair runs the local and the worker process at the same time (same machine conditions), optionally both
    # pinned to CPU $GEN_CPU (the bench nginx is pinned to CPU 1; pinned runs were noisier here), then compares
    RW=${RUN_WINDOW_S:-30}; RWU=${RUN_WARMUP_S:-20}
    for i in $(seq "${PAIRS:-3}"); do
        for mode in local worker; do
            timeout $((RW + RWU + 90)) ${GEN_CPU:+taskset -c "$GEN_CPU"} "${J[@]}" \
                dev.locustj.benchmarks.distributed.WorkerOverhead "$mode" \
                "${URL:-http://127.0.0.1:8080}" "${URL_PATH:-/hello}" "${USERS:-50}" "${RPS_PER_USER:-20}" \
                "$RWU" "$RW" 2>/dev/null | grep -E '^RESULT' > "$CPFILE.$mode" &
        done
        wait
        cat "$CPFILE.local" "$CPFILE.worker"
        paste -d' ' "$CPFILE.local" "$CPFILE.worker" | sed -E 's/.*cpu_us_per_req=([0-9.]+).*cpu_us_per_req=([0-9.]+).*/\1 \2/' \
            | awk -v i="$i" '{ if (NF == 2 && $1 + 0 > 0) printf "PAIR %d worker_over_local=%.3f (%+.1f %%)\n", i, $2 / $1, ($2 / $1 - 1) * 100 }'
        rm -f "$CPFILE.local" "$CPFILE.worker"
    done
fi
