"""Writes reference Locust frames, encoded by Python Locust's own rpc.protocol.Message, one per line:
<case name> <hex payload>. Run with Debian's python3-locust:

    /usr/bin/python3 locust-runners/src/test/python/make_reference_frames.py \
        > locust-runners/src/test/resources/reference-frames.txt
"""
import sys
import time

from locust.rpc.protocol import Message
from locust.stats import RequestStats, StatsEntry

NODE = "vm_840a594c46ec445a93321174b02f4e8d"
cases = []


def add(name, type_, data, node=NODE):
    cases.append((name, Message(type_, data, node).serialize()))


add("client_ready_version", "client_ready", "2.12.1")
add("client_ready_minus_one", "client_ready", -1)
add("client_ready_empty", "client_ready", "")
add("ack", "ack", {"index": 0})
add("ack_300", "ack", {"index": 300})
add("heartbeat", "heartbeat", {"state": "ready", "current_cpu_usage": 0.0, "current_memory_usage": 56184832})
add("heartbeat_running", "heartbeat", {"state": "running", "current_cpu_usage": 12.5, "current_memory_usage": 1})
add("spawning", "spawning", None)
add("quit", "quit", None)
add("stop", "stop", None)
add("reconnect", "reconnect", None)
add("client_stopped", "client_stopped", None)
add("spawning_complete", "spawning_complete", {"user_classes_count": {"FakeUser": 1, "Other": 2}, "user_count": 3})
add("spawn", "spawn", {
    "timestamp": 1795371963.491422,
    "user_classes_count": {"FakeUser": 1, "Other": 0},
    "host": None,
    "stop_timeout": None,
    "parsed_options": {"num_users": 6, "spawn_rate": 3.0, "run_time": None, "tags": None, "exclude_tags": None,
                       "headless": True, "csv_prefix": "out", "host": "http://127.0.0.1:8089", "my_list": [1, 2]},
})
add("spawn_host_float_timeout", "spawn", {
    "timestamp": 1795371964.5, "user_classes_count": {"A": 3}, "host": "http://h", "stop_timeout": 2.5,
    "parsed_options": {}})
add("exception", "exception", {"msg": "ZeroDivisionError('division by zero')",
                               "traceback": '  File "x.py", line 1, in t\n    1/0\n'})
add("custom", "my_type", {"a": [1, 2.5, "x", None, True, False, b"\x00\x01"], "b": {"n": {"m": []}}})

# integer and string edge cases
for i, v in enumerate([0, 1, 127, 128, 255, 256, 65535, 65536, 2**32 - 1, 2**32, 2**63 - 1, 2**64 - 1,
                       -1, -32, -33, -128, -129, -32768, -32769, -2**31, -2**31 - 1, -2**63]):
    add("int_%d" % i, "v", v)
for i, v in enumerate([0.0, 3.0, -1.5, 1e300, 5e-324, float("inf"), 1795371963.491422]):
    add("float_%d" % i, "v", v)
for n in [0, 1, 31, 32, 255, 256, 65535, 65536]:
    add("str_%d" % n, "v", "x" * n)
add("str_unicode", "v", "h\u00e9llo \u2713 \U0001F600 \u4e2d")
add("str_unicode_300", "v", "\u00e9" * 300)
for n in [0, 1, 255, 256, 65536]:
    add("bin_%d" % n, "v", b"\x07" * n)
add("array_16", "v", list(range(16)))
add("array_65536", "v", [0] * 65536)
add("map_16", "v", {str(k): k for k in range(16)})
add("map_int_float_keys", "v", {150.0: 2, 140: 1, 16000.0: 1, -3: 0})
add("node_long", "v", None, node="h" * 300 + "_0123456789abcdef0123456789abcdef")

# a real stats report, built by Locust's own stats code (delta form, as a worker sends it)
stats = RequestStats()
t0 = 1795371963
for i, (m, n, rt, length) in enumerate([("GET", "/fast", 145, 10), ("GET", "/fast", 155.4, 20),
                                        ("GET", "/fast", 16000.7, 30), ("POST", "/fail", 3.5, 0),
                                        ("GET", "/none", None, 0)]):
    stats.log_request(m, n, rt, length)
stats.log_error("POST", "/fail", Exception("got 500"))
data = {"stats": stats.serialize_stats(), "stats_total": stats.total.get_stripped_report(),
        "errors": stats.serialize_errors(), "user_classes_count": {"FakeUser": 1}, "user_count": 1}
add("stats", "stats", data)
add("stats_empty", "stats", {"stats": [], "stats_total": StatsEntry(stats, "Aggregated", "").get_stripped_report(),
                             "errors": {}, "user_classes_count": {}, "user_count": 0})

for name, payload in cases:
    sys.stdout.write("%s %s\n" % (name, payload.hex()))
