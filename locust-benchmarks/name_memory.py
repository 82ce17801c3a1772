"""Bytes per request name held by Python Locust's RequestStats (the twin of NameMemory.java).

Usage: python3 name_memory.py [NAMES=100000] [REQUESTS_PER_NAME=3] [NEW_NAMES_PER_SECOND=10000]
Every name gets REQUESTS_PER_NAME requests (1..300 ms, fixed seed) in the second it first appears; the clock
advances one second per NEW_NAMES_PER_SECOND names (100,000 names in 10 s). Prints one RESULT line.
"""
import gc
import random
import sys
import time
import tracemalloc

from locust import stats as locust_stats

names = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
per_name = int(sys.argv[2]) if len(sys.argv) > 2 else 3
per_second = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000

now = [1_700_000_000.0]
locust_stats.time.time = lambda: now[0]  # the module reads time.time(); a manual clock like the Java twin's
rnd = random.Random(42)

stats = locust_stats.RequestStats(use_response_times_cache=True)  # as a runner's stats
gc.collect()
tracemalloc.start()
before, _ = tracemalloc.get_traced_memory()
for i in range(names):
    if i % per_second == 0 and i > 0:
        now[0] += 1.0
    name = "/item/%d" % i
    for _ in range(per_name):
        now[0] += 0.00001
        stats.log_request("GET", name, rnd.uniform(1, 300), 100)
gc.collect()
after, _ = tracemalloc.get_traced_memory()
held = after - before
print("RESULT tool=locust names=%d requests_per_name=%d bytes=%d bytes_per_name=%d"
      % ( names, per_name, held, held // names))
