"""Median per label of a file of "LABEL VALUE" lines (one per run), with the range and the ratio to
the first label: `medians.py FILE [UNIT]` (UNIT msg/s unless given). A label "NAME:METRIC" is
compared with the first label of the same METRIC. Used by bench/thr-pairs.sh and
bench/cold-flags.sh."""
import collections
import statistics
import sys

values = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, value = line.split()
    values[label].append(float(value))
unit = sys.argv[2] if len(sys.argv) > 2 else "msg/s"
digits = 0 if unit == "msg/s" else 2
firsts = {}
for label in values:
    firsts.setdefault(label.partition(":")[2], label)
for label, v in values.items():
    first = firsts[label.partition(":")[2]]
    print(f"{label:>14}: median {statistics.median(v):>12,.{digits}f} {unit} "
          f"({min(v):,.{digits}f}-{max(v):,.{digits}f}), "
          f"{statistics.median(v) / statistics.median(values[first]):.2f} of {first}")
