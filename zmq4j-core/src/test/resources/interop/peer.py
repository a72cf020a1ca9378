#!/usr/bin/python3
"""A libzmq peer (through pyzmq) for zmq4j's interop tests, driven from the command line.

usage: peer.py TYPE bind|connect ENDPOINT MODE KIND N [--prefix P] [--mark K] [--stay]
               [--timeout S] [--linger MS] [--heartbeat-ivl MS] [--heartbeat-timeout MS]
               [--heartbeat-ttl MS]

  TYPE  PAIR, PUSH, PULL, REQ or REP
  MODE  send  send messages 0..N-1 of KIND, in order
        recv  receive N messages of KIND and check each against the expected one, in order;
              with --prefix, "seq" messages without the prefix (a previous peer's) are skipped
        echo  receive a message and send it back, N times (N = 0: until the timeout)
        req   send request i of KIND and check that the reply equals it, for i in 0..N-1
  KIND  seq        one frame, "<prefix><i>"
        multipart  message i has (i % 64) + 1 frames; every fourth frame (and some others) empty
        big        one 16 MiB frame: little-endian 32-bit words i, i+1, i+2, ...

Prints "ENDPOINT <endpoint>" after a bind, then "READY", then "OK <details>" or "FAIL <why>";
with --mark K it also prints "MARK K" once K messages have been sent, received or echoed;
the exit status is 0 only after OK. With --stay the peer keeps its socket open (and stops
reading) after OK until its stdin is closed or it is killed. Every send and receive gives up after
--timeout seconds (default 30), so the peer never hangs for ever; on close the socket lingers
--linger milliseconds (default 10000; -1 waits until everything sent has been flushed).
The --heartbeat-* options set ZMQ_HEARTBEAT_IVL, _TIMEOUT and _TTL (milliseconds) before the
bind or connect.
"""
import argparse
import array
import sys

import zmq

BIG = 16 * 1024 * 1024


def message(kind, i, prefix=""):
    if kind == "seq":
        return [f"{prefix}{i}".encode()]
    if kind == "multipart":
        return [b"" if j % 4 == 1 else f"m{i}f{j};".encode() * ((i * 7 + j) % 40)
                for j in range(i % 64 + 1)]
    words = array.array("I", range(i, i + BIG // 4))
    assert words.itemsize == 4
    if sys.byteorder != "little":
        words.byteswap()
    return [words.tobytes()]


def difference(got, want):
    """A short description of how two messages differ, or None if they are equal."""
    if got == want:
        return None
    if len(got) != len(want):
        return f"{len(got)} frames (expected: {len(want)})"
    for j, (g, w) in enumerate(zip(got, want)):
        if g != w:
            at = next((k for k, (a, b) in enumerate(zip(g, w)) if a != b), min(len(g), len(w)))
            return f"frame {j}: {len(g)} bytes (expected: {len(w)}), first difference at byte {at}: {g[at:at + 16]!r}"


def mark(a, count):
    a.done = count
    if count == a.mark:
        print("MARK", count, flush=True)


def send(sock, a):
    for i in range(a.n):
        sock.send_multipart(message(a.kind, i, a.prefix))
        mark(a, i + 1)
    return True, f"sent {a.n}"


def recv(sock, a):
    skipped = i = 0
    while i < a.n:
        got = sock.recv_multipart()
        if a.prefix and a.kind == "seq" and not got[0].startswith(a.prefix.encode()):
            skipped += 1
            continue
        diff = difference(got, message(a.kind, i, a.prefix))
        if diff:
            return False, f"message {i}: {diff}"
        i += 1
        mark(a, i)
    return True, f"received {a.n}" + (f", skipped {skipped}" if skipped else "")


def echo(sock, a):
    i = 0
    while a.n == 0 or i < a.n:
        sock.send_multipart(sock.recv_multipart())
        i += 1
        mark(a, i)
    return True, f"echoed {i}"


def req(sock, a):
    for i in range(a.n):
        want = message(a.kind, i, a.prefix)
        sock.send_multipart(want)
        diff = difference(sock.recv_multipart(), want)
        if diff:
            return False, f"reply {i}: {diff}"
        mark(a, i + 1)
    return True, f"{a.n} round trips"


MODES = {"send": send, "recv": recv, "echo": echo, "req": req}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("type", choices=["PAIR", "PUSH", "PULL", "REQ", "REP"])
    p.add_argument("how", choices=["bind", "connect"])
    p.add_argument("endpoint")
    p.add_argument("mode", choices=list(MODES))
    p.add_argument("kind", choices=["seq", "multipart", "big"])
    p.add_argument("n", type=int)
    p.add_argument("--prefix", default="")
    p.add_argument("--mark", type=int, default=-1)
    p.add_argument("--stay", action="store_true")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--linger", type=int, default=10_000)
    p.add_argument("--heartbeat-ivl", type=int, default=0)
    p.add_argument("--heartbeat-timeout", type=int, default=-1)
    p.add_argument("--heartbeat-ttl", type=int, default=0)
    a = p.parse_args()
    a.done = 0

    ctx = zmq.Context()
    sock = ctx.socket(getattr(zmq, a.type))
    sock.linger = a.linger
    sock.sndtimeo = sock.rcvtimeo = int(a.timeout * 1000)
    if a.heartbeat_ivl:
        sock.setsockopt(zmq.HEARTBEAT_IVL, a.heartbeat_ivl)
    if a.heartbeat_timeout >= 0:
        sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, a.heartbeat_timeout)
    if a.heartbeat_ttl:
        sock.setsockopt(zmq.HEARTBEAT_TTL, a.heartbeat_ttl)
    if a.how == "bind":
        sock.bind(a.endpoint)
        print("ENDPOINT", sock.last_endpoint.decode(), flush=True)
    else:
        sock.connect(a.endpoint)
    print("READY", flush=True)
    try:
        ok, details = MODES[a.mode](sock, a)
    except zmq.Again:
        ok, details = False, f"timed out after {a.timeout} s, {a.done} messages done"
    print("OK" if ok else "FAIL", details, flush=True)
    if a.stay:
        sys.stdin.read()
    sock.close()
    ctx.term()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
