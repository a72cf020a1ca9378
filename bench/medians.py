"""Median msg/s per label of a file of "LABEL RATE" lines (one per run), with the range and the
ratio to the first label. Used by bench/thr-pairs.sh and bench/cold-flags.sh."""
import collections
import statistics
import sys

rates = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, rate = line.split()
    rates[label].append(float(rate))
first = next(iter(rates))
for label, r in rates.items():
    print(f"{label:>14}: median {statistics.median(r):>12,.0f} msg/s ({min(r):,.0f}-{max(r):,.0f}), "
          f"{statistics.median(r) / statistics.median(rates[first]):.2f} of {first}")
