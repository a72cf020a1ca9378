#!/usr/bin/env python3
"""A good peer (pyzmq REQ, libzmq) making round trips to ENDPOINT for SECONDS; prints the count,
the failures (no reply within 5 s) and the slowest round trip. For bench/slowloris.py's runs.

usage: /usr/bin/python3 bench/good-peer.py ENDPOINT SECONDS
"""
import sys
import time

import zmq


def main():
    endpoint, seconds = sys.argv[1], float(sys.argv[2])
    ctx = zmq.Context()
    n = failed = 0
    worst = 0.0
    req = None
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if req is None:
            req = ctx.socket(zmq.REQ)
            req.setsockopt(zmq.LINGER, 0)
            req.setsockopt(zmq.RCVTIMEO, 5000)
            req.connect(endpoint)
        t = time.monotonic()
        req.send(b'ping')
        try:
            req.recv()
        except zmq.Again:
            failed += 1
            req.close()
            req = None
            continue
        worst = max(worst, time.monotonic() - t)
        n += 1
    print(f'good peer: {n} round trips, {failed} failed, slowest {worst * 1000:.0f} ms', flush=True)
    ctx.destroy(0)


if __name__ == '__main__':
    main()
