"""Lines up the slow round trips of bench/tail.sh with what both JVMs logged at that moment.

usage: python3 bench/tail-analyse.py DIR...   (DIR: one round of bench/tail.sh, e.g. bench/out/tail/1)
For each round trip listed by PERF_SLOW_US: GC pauses and safepoints (from -Xlog, either JVM) and,
where the round ran with JFR=1, C1/C2 compilations and deoptimisations overlapping it. Prints how
many slow round trips had each combination, and where in the run they fell (by tenth).
"""
import collections
import datetime
import json
import os
import re
import sys


def wall(s):
    return datetime.datetime.fromisoformat(s.replace('Z', '+00:00').replace('+0000', '+00:00')).timestamp()


def seconds(iso_duration):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', iso_duration)
    return int(m.group(1) or 0) * 60 + float(m.group(2)) if m else 0.0


def jvm_events(d):
    """(start, end, label) of GC pauses, safepoints and, if recorded, compilations and deopts."""
    ev = []
    for side in ('local', 'remote'):
        for line in open(f'{d}/{side}-gc.log', errors='replace'):
            m = re.match(r'\[([^\]]+)\]\[[^\]]+\] (.*)', line)
            if not m:
                continue
            t, msg = wall(m.group(1)), m.group(2)
            sp = re.search(r'Safepoint "([^"]+)".*Total: (\d+) ns', msg)
            if sp:
                ev.append((t - int(sp.group(2)) / 1e9, t, f'{side} safepoint'))
                continue
            gc = re.search(r'Pause .* ([\d.]+)ms$', msg)
            if gc:
                ev.append((t - float(gc.group(1)) / 1e3, t, f'{side} gc'))
        comp = f'{d}/{side}-comp.json'
        if os.path.exists(comp):
            for e in json.load(open(comp))['recording']['events']:
                v = e['values']
                t = wall(v['startTime'])
                if e['type'] == 'jdk.Compilation':
                    level = 'C2' if v['compileLevel'] == 4 else 'C1'
                    ev.append((t, t + seconds(v['duration']), f'{side} {level}'))
                else:
                    ev.append((t, t, f'{side} deopt'))
    return ev


def main(dirs):
    kinds = collections.Counter()
    tenths = collections.Counter()
    total = 0
    for d in dirs:
        ev = jvm_events(d)
        count = int(open(f'{d}/remote.out').read().split('roundtrip count: ')[1].split()[0])
        for line in open(f'{d}/remote.err'):
            m = re.match(r'slow round trip (\d+) ended (\S+) took (\d+) us', line)
            if not m:
                continue
            total += 1
            end = wall(m.group(2))
            start = end - int(m.group(3)) / 1e6
            hits = sorted({label.split(' ', 1)[1] for s, e, label in ev if s <= end + 0.002 and e >= start - 0.002})
            kinds[', '.join(hits) or 'nothing logged'] += 1
            tenths[int(m.group(1)) * 10 // count] += 1
    print('slow round trips:', total)
    for k, v in kinds.most_common():
        print(f'  {v:6d}  {k}')
    print('by tenth of the run:', [tenths[i] for i in range(10)])


if __name__ == '__main__':
    main(sys.argv[1:])
