#!/usr/bin/env python3
"""A Majordomo (RFC 7, MDP/0.1) client or worker written from the RFC with pyzmq, for zmq4j's
interop tests: it shares no code with zmq4j.

usage:
  mdp_peer.py client ENDPOINT SERVICE COUNT
      A REQ socket sends COUNT requests  MDPC01 | SERVICE | "py-<i>"  (REQ adds the empty frame),
      expects each reply  MDPC01 | SERVICE | body...  and prints  REPLY <body frames joined by |>.
  mdp_peer.py worker ENDPOINT SERVICE COUNT HEARTBEAT_MS
      A DEALER socket sends READY, answers COUNT requests with  "py:" + the body's first frame
      (further body frames unchanged), heartbeats every HEARTBEAT_MS while idle, takes the broker
      for dead after 3 silent intervals, and sends DISCONNECT at the end.

Prints READY once its socket is connected, OK <details> at the end (exit 0), or FAIL <why> (exit 1).
"""
import sys
import time

import zmq

CLIENT = b"MDPC01"
WORKER = b"MDPW01"
READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT = b"\x01", b"\x02", b"\x03", b"\x04", b"\x05"
LIVENESS = 3
REPLY_WAIT_MS = 15000


def fail(why):
    print("FAIL " + why, flush=True)
    sys.exit(1)


def client(ctx, endpoint, service, count):
    req = ctx.socket(zmq.REQ)
    req.linger = 0
    req.connect(endpoint)
    print("READY", flush=True)
    for i in range(count):
        req.send_multipart([CLIENT, service, ("py-%d" % i).encode()])
        if not req.poll(REPLY_WAIT_MS):
            fail("no reply to request %d within %d ms" % (i, REPLY_WAIT_MS))
        reply = req.recv_multipart()
        if len(reply) < 3 or reply[0] != CLIENT or reply[1] != service:
            fail("not an MDP/Client REPLY for %r: %r" % (service, reply))
        print("REPLY " + b"|".join(reply[2:]).decode(), flush=True)
    print("OK client %d" % count, flush=True)


def worker(ctx, endpoint, service, count, heartbeat_ms):
    interval = heartbeat_ms / 1000.0
    dealer = ctx.socket(zmq.DEALER)
    dealer.linger = 1000
    dealer.connect(endpoint)
    dealer.send_multipart([b"", WORKER, READY, service])
    print("READY", flush=True)
    now = time.monotonic()
    broker_deadline = now + LIVENESS * interval
    next_heartbeat = now + interval
    answered = 0
    while answered < count:
        wait = max(0.0, min(broker_deadline, next_heartbeat) - time.monotonic())
        if dealer.poll(int(wait * 1000) + 1):
            frames = dealer.recv_multipart()
            broker_deadline = time.monotonic() + LIVENESS * interval
            if len(frames) < 3 or frames[0] != b"" or frames[1] != WORKER:
                fail("not an MDP/Worker command: %r" % frames)
            command = frames[2]
            if command == REQUEST:
                if len(frames) < 6 or frames[4] != b"":
                    fail("malformed REQUEST: %r" % frames)
                client_address, body = frames[3], frames[5:]
                dealer.send_multipart([b"", WORKER, REPLY, client_address, b"", b"py:" + body[0]] + body[1:])
                next_heartbeat = time.monotonic() + interval
                answered += 1
            elif command == HEARTBEAT:
                pass
            elif command == DISCONNECT:
                fail("DISCONNECT from the broker after %d requests" % answered)
            else:
                fail("unexpected command %r" % command)
        now = time.monotonic()
        if now >= broker_deadline:
            fail("broker silent for %d intervals" % LIVENESS)
        if now >= next_heartbeat:
            dealer.send_multipart([b"", WORKER, HEARTBEAT])
            next_heartbeat = now + interval
    dealer.send_multipart([b"", WORKER, DISCONNECT])
    print("OK worker %d" % answered, flush=True)


def main():
    if len(sys.argv) < 5:
        fail("usage: mdp_peer.py client|worker ENDPOINT SERVICE COUNT [HEARTBEAT_MS]")
    role, endpoint, service, count = sys.argv[1], sys.argv[2], sys.argv[3].encode(), int(sys.argv[4])
    ctx = zmq.Context()
    try:
        if role == "client":
            client(ctx, endpoint, service, count)
        elif role == "worker":
            worker(ctx, endpoint, service, count, int(sys.argv[5]) if len(sys.argv) > 5 else 2500)
        else:
            fail("unknown role " + role)
    finally:
        ctx.destroy(linger=1000)


if __name__ == "__main__":
    main()
