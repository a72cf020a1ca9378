"""A pyzmq (libzmq) peer for the socket command tests.

    peer.py TYPE bind|connect ENDPOINT ACTION [N] [ARG]

Prints ENDPOINT <ep> after a bind, READY once set up, MSG <json list of frames> per message
received, then OK (exit 0) or FAIL <why> (exit 1). Every receive times out after 20 s.
Actions:
  recv N [PREFIX]   receive N messages (a SUB subscribes to PREFIX, default everything)
  sendrecv N        send m-0 .. m-(N-1), then receive N messages (PAIR)
  meta N NAME       receive N messages, printing each as MSG [the property NAME, frames...]
  send N            send N single-frame messages m-0 .. m-(N-1)
  sendmulti         send one message: topic, 'cafe "q"' (e acute), bytes 00 ff
  echo N            receive N messages and send each back unchanged (REP, ROUTER)
  req N             send q-i and receive its reply, N times (REQ)
  xpub N PREFIX     (XPUB) wait for a subscription to PREFIX, then send other-i and PREFIX-i, N each
  dealer N ID       (DEALER, routing id ID) send hello, then for each of N-1 replies send bye-i
"""
import json
import sys

import zmq

kind, how, endpoint, action = sys.argv[1:5]
args = sys.argv[5:]
ctx = zmq.Context()
s = ctx.socket(getattr(zmq, kind))
s.setsockopt(zmq.RCVTIMEO, 20000)
s.setsockopt(zmq.LINGER, 5000)
if action == "dealer":
    s.setsockopt(zmq.ROUTING_ID, args[1].encode())
if kind == "SUB":
    s.setsockopt(zmq.SUBSCRIBE, args[1].encode() if action == "recv" and len(args) > 1 else b"")
if how == "bind":
    s.bind(endpoint)
    print("ENDPOINT " + s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
else:
    s.connect(endpoint)
print("READY", flush=True)


def show(frames):
    print("MSG " + json.dumps([f.decode("utf-8", "replace") for f in frames]), flush=True)


try:
    n = int(args[0]) if args else 1
    if action == "recv":
        for _ in range(n):
            show(s.recv_multipart())
    elif action == "sendrecv":
        for i in range(n):
            s.send(("m-%d" % i).encode())
        for _ in range(n):
            show(s.recv_multipart())
    elif action == "meta":
        for _ in range(n):
            frames = s.recv_multipart(copy=False)
            show([frames[0].get(args[1]).encode()] + [f.bytes for f in frames])
    elif action == "send":
        for i in range(n):
            s.send(("m-%d" % i).encode())
    elif action == "sendmulti":
        s.send_multipart([b"topic", 'caf\u00e9 "q"'.encode(), b"\x00\xff"])
    elif action == "echo":
        for _ in range(n):
            m = s.recv_multipart()
            show(m)
            s.send_multipart(m)
    elif action == "req":
        for i in range(n):
            s.send(("q-%d" % i).encode())
            show(s.recv_multipart())
    elif action == "xpub":
        prefix = args[1].encode()
        while True:
            sub = s.recv()
            if sub == b"\x01" + prefix:
                break
        print("SUBSCRIBED", flush=True)
        for i in range(n):
            s.send(("other-%d" % i).encode())
            s.send(prefix + ("-%d" % i).encode())
    elif action == "dealer":
        s.send(b"hello")
        for i in range(n - 1):
            show(s.recv_multipart())
            s.send(("bye-%d" % i).encode())
    else:
        print("FAIL unknown action " + action, flush=True)
        sys.exit(1)
except zmq.Again:
    print("FAIL timed out", flush=True)
    sys.exit(1)
print("OK", flush=True)
s.close()
ctx.term()
