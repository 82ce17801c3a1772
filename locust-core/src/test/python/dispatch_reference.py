"""Prints the distributions Python Locust's UsersDispatcher yields for some scenarios, one line per value:
<scenario> <worker>:<Class>=<n>,...;<worker>:...   (and "<scenario> sleep" between iterations that sleep).
Run with Debian's python3-locust:

    /usr/bin/python3 locust-core/src/test/python/dispatch_reference.py \
        > locust-core/src/test/resources/dispatch-reference.txt
"""
import sys

import locust.dispatch as d
from locust.dispatch import UsersDispatcher

out = []
current = [""]
d.gevent.sleep = lambda s=0: out.append("%s sleep" % current[0]) if s > 0 else None


class W:
    def __init__(self, id):
        self.id = id


def cls(name, weight=1, fixed=0):
    return type(name, (object,), {"weight": weight, "fixed_count": fixed})


def fmt(dist):
    return ";".join("%s:%s" % (w, ",".join("%s=%d" % kv for kv in c.items())) for w, c in dist.items())


def run(name, disp, target, rate, classes=None):
    current[0] = name
    disp.new_dispatch(target, rate, classes)
    for dist in disp:
        out.append("%s %s" % (name, fmt(dist)))


two = [W("vm_556a"), W("vm_840a")]
d1 = UsersDispatcher(two, [cls("FakeUser", 1), cls("Other", 2)])
run("capture", d1, 6, 3)

d2 = UsersDispatcher([W("local")], [cls("A", 1), cls("B", 2)])
run("ab", d2, 6, 1)
run("ab", d2, 2, 3)
run("ab", d2, 2, 3)

d3 = UsersDispatcher([W("local")], [cls("A", 2), cls("B", 5), cls("C", 6)])
run("abc", d3, 26, 13)

d4 = UsersDispatcher([W("hostA_2"), W("hostB_1"), W("hostA_1")],
                     [cls("F", 1, 2), cls("G", 1, 1), cls("A", 1), cls("B", 3)])
run("fixed", d4, 10, 2.5)
run("fixed", d4, 4, 3)

d5 = UsersDispatcher([W("h1_a"), W("h2_b")], [cls("A", 1), cls("B", 3)])
run("rebalance", d5, 10, 100)
current[0] = "rebalance"
d5.add_worker(W("h1_c"))
run("rebalance", d5, 10, 100)
d5.remove_worker(W("h1_a"))
run("rebalance", d5, 14, 2)

d6 = UsersDispatcher([W("x_1"), W("y_1"), W("x_2"), W("y_2"), W("z")], [cls("P", 1.5), cls("Q", 2), cls("R", 2.4)])
run("floats", d6, 23, 7.5)
run("floats", d6, 5, 7.5)

d7 = UsersDispatcher([W("local")], [cls("A", 1), cls("B", 2), cls("C", 1)])
run("subset", d7, 4, 10, [cls("B", 2), cls("C", 1)])

d8 = UsersDispatcher([W("local")], [cls("F", 1, 3)])
run("onlyfixed", d8, 5, 10)

sys.stdout.write("\n".join(out) + "\n")
