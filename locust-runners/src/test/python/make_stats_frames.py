"""Writes worker `stats` frames, encoded by Python Locust's own rpc.protocol.Message, one per line:
<case name> <hex payload>. The master's streaming stats decoder is checked against the generic one on them
(StatsDecoderTest). Cases named bad_* carry values the merge rejects. Run with Debian's python3-locust:

    /usr/bin/python3 locust-runners/src/test/python/make_stats_frames.py \
        > locust-runners/src/test/resources/stats-frames.txt
"""
import random
import sys

from locust.rpc.protocol import Message
from locust.stats import RequestStats, StatsEntry

NODE = "vm_840a594c46ec445a93321174b02f4e8d"
cases = []
T0 = 1795371963


def add(name, data, node=NODE):
    cases.append((name, Message("stats", data, node).serialize()))


def report(stats, **extra):
    data = {"stats": stats.serialize_stats(), "stats_total": stats.total.get_stripped_report(),
            "errors": stats.serialize_errors(), "user_classes_count": {"FakeUser": 1}, "user_count": 1}
    data.update(extra)
    return data


def entry(**fields):
    """A serialized entry with every key, then the given changes (None values stay, "DROP" removes the key)."""
    e = StatsEntry(RequestStats(), "/e", "GET")
    e.num_requests = 3
    e.total_response_time = 300
    e.min_response_time = 50
    e.max_response_time = 150
    e.response_times = {50: 1, 100.0: 1, 150.0: 1}
    e.num_reqs_per_sec = {T0: 2, T0 + 1: 1}
    e.last_request_timestamp = T0 + 1.25
    e.start_time = T0 + 0.5
    d = e.serialize()
    for k, v in fields.items():
        if v == "DROP":
            d.pop(k, None)
        else:
            d[k] = v
    return d


def one(e, **extra):
    data = {"stats": [e], "stats_total": entry(name="Aggregated", method=""), "errors": {},
            "user_classes_count": {}, "user_count": 0}
    data.update(extra)
    return data


# real reports made by Locust's own stats code
rnd = random.Random(20261123)
stats = RequestStats()
for i in range(3000):
    name = "/p%d" % rnd.randrange(40)
    method = rnd.choice(["GET", "POST"])
    rt = rnd.choice([None, rnd.randrange(1, 20000), rnd.lognormvariate(4.5, 1.0), rnd.uniform(0, 99.9)])
    stats.log_request(method, name, rt, rnd.randrange(0, 5000))
    if rnd.random() < 0.05:
        stats.log_error(method, name, Exception("got %d" % rnd.choice([500, 502, 503])))
add("real_mixed_int_float_keys", report(stats))
stats = RequestStats()
for i in range(200):
    stats.log_request("GET", "/only_none", None, 0)
    stats.log_request("GET", "/f", 1000.5 + i * 37.3, 1)
add("real_none_and_float_times", report(stats, custom_key={"from": "a listener", "n": [1, 2.5, None]}))
stats = RequestStats()
add("real_no_entries", report(stats))

# hand-made entries: odd but valid forms
add("nil_method", one(entry(method=None)))
add("no_method", one(entry(method="DROP")))
add("nil_min_and_last", one(entry(min_response_time=None, last_request_timestamp=None)))
add("no_start_time", one(entry(start_time="DROP")))
add("only_name", one({"name": "/bare"}))
add("float_totals", one(entry(num_requests=3.0, num_failures=1.0, num_none_requests=0.0, total_content_length=10.0,
                             total_response_time=300, max_response_time=150, min_response_time=50,
                             start_time=T0, last_request_timestamp=T0 + 2)))
add("float_keys_and_counts", one(entry(response_times={50.0: 1.0, 149.6: 2, 150.4: 3.0},
                                       num_reqs_per_sec={float(T0): 6.0}, num_fail_per_sec={T0 + 0.4: 1})))
add("empty_and_nil_maps", one(entry(response_times={}, num_reqs_per_sec=None, num_fail_per_sec="DROP")))
add("zero_counts", one(entry(response_times={50: 0, 100: 3}, num_reqs_per_sec={T0: 0})))
add("huge_counts", one(entry(num_requests=2 ** 62, total_content_length=2 ** 63 - 1, response_times={50: 2 ** 62},
                             num_reqs_per_sec={T0: 2 ** 40}, total_response_time=1e300)))
add("extra_entry_keys", one(entry(custom={"a": [1, 2], "b": None}, another_key_longer_than_thirty_two_bytes=1.5)))
add("hdr_us_key", one(entry(hdr_us={50123: 1, 99870: 2, 150001: 1})))
add("unicode_names", one(entry(name="/caf\u00e9/\u2713/\U0001F600", method="G\u00c9T")))
add("large_bucket_key", one(entry(response_times={100000000000: 1})))
add("many_entries", {"stats": [entry(name="/n%d" % i, method=["GET", "POST", None][i % 3]) for i in range(150)],
                     "stats_total": entry(name="Aggregated"), "errors": {}, "user_count": 150})

# values the merge rejects (the entry is skipped with a problem line), or that aren't stats at all
add("bad_negative_count", one(entry(num_requests=-1)))
add("bad_negative_bucket_count", one(entry(response_times={50: -1})))
add("bad_negative_bucket_key", one(entry(response_times={-50: 1})))
add("bad_bucket_key_too_large", one(entry(response_times={100000000001: 1})))
add("bad_fraction_count", one(entry(num_failures=2.5)))
add("bad_fraction_bucket_count", one(entry(response_times={50: 0.5})))
add("bad_string_count", one(entry(num_requests="3")))
add("bad_string_bucket_key", one(entry(response_times={"50": 1})))
add("bad_bool_count", one(entry(num_requests=True)))
add("bad_nan_total", one(entry(total_response_time=float("nan"))))
add("bad_inf_max", one(entry(max_response_time=float("inf"))))
add("bad_inf_bucket_key", one(entry(response_times={float("inf"): 1})))
add("bad_nil_total", one(entry(total_response_time=None)))
add("bad_nil_count", one(entry(num_requests=None)))
add("bad_nil_start", one(entry(start_time=None)))
add("bad_uint64_count", one(entry(num_requests=2 ** 64 - 1)))
add("bad_missing_name", one(entry(name="DROP")))
add("bad_int_name", one(entry(name=42)))
add("bad_int_method", one(entry(method=1)))
add("bad_string_total", one(entry(total_response_time="1")))
add("bad_list_map", one(entry(response_times=[1, 2])))
add("bad_map_total", one(entry(total_response_time={1: 2})))
add("bad_entry_not_a_map", {"stats": [entry(), "x", None], "stats_total": entry(name="Aggregated"), "errors": {}})
add("bad_stats_not_a_list", {"stats": {"a": 1}, "stats_total": entry(name="Aggregated"), "errors": {}})
add("bad_datetime_entry", one({"__datetime__": True, "as_str": "20260822T10:11:12.000123"}))
add("bad_datetime_in_extra_key", one(entry(when={"__datetime__": True, "as_str": "20260822T10:11:12.000123"})))
add("bad_datetime_not_a_date", one(entry(when={"__datetime__": True, "as_str": "yesterday"})))
add("bad_int_entry_key", one({"name": "/k", 5: 1}))
add("bad_data_not_a_map", [1, 2])
add("bad_no_stats_key", {"stats_total": entry(name="Aggregated"), "errors": {}})
for name, payload in cases:
    sys.stdout.write("%s %s\n" % (name, payload.hex()))
