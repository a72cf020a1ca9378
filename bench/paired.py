#!/usr/bin/env python3
"""Paired view of an A/B csv from bench/compare.sh (BASE_JAR): for each row, the ratio of the two
builds within each round (this build / baseline for throughput, baseline / this build for
latency: above 1 is better), their geometric mean, and the ratios split by which build ran first
in the round (compare.sh reverses the order every other round), to show a position effect.

    python3 bench/paired.py bench/out/ab.csv
"""
import csv
import math
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
runs = defaultdict(dict)      # (test, size) -> round -> impl -> row
order = defaultdict(list)     # (test, size, round) -> impls in the order they appear
for r in rows:
    if r["status"] != "ok" or r["impl"] not in ("zmq4j", "zmq4j-base"):
        continue
    key = (r["test"], r["size"])
    runs[key].setdefault(r["round"], {})[r["impl"]] = r
    order[(r["test"], r["size"], r["round"])].append(r["impl"])

metrics = {"thr": [("msg_per_s", True)], "lat": [("avg_us", False), ("p50_us", False), ("p99_us", False)]}
for (test, size), by_round in runs.items():
    for field, higher_better in metrics.get(test, []):
        ratios, first, second = [], [], []
        for rnd, pair in sorted(by_round.items(), key=lambda kv: int(kv[0])):
            if len(pair) < 2 or not pair["zmq4j"][field] or not pair["zmq4j-base"][field]:
                continue
            a, b = float(pair["zmq4j"][field]), float(pair["zmq4j-base"][field])
            ratio = a / b if higher_better else b / a
            ratios.append(ratio)
            (first if order[(test, size, rnd)][0] == "zmq4j" else second).append(ratio)
        if not ratios:
            continue
        gm = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        fmt = lambda xs: " ".join(f"{x:.2f}" for x in xs) or "-"
        print(f"{test} {size} B {field}: paired geometric mean {gm:.3f} over {len(ratios)} rounds;"
              f" this build first: {fmt(first)}; baseline first: {fmt(second)}")
