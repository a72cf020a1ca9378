"""A libzmq socket for the probe tests: binds TYPE to a random tcp port and waits for stdin to close.

usage: peer.py TYPE [metadata=NAME:VALUE] [curve] [plain]
(a PLAIN server here has no ZAP handler: libzmq refuses every client)
prints "KEY <server public key>" with curve, then "ENDPOINT <endpoint>".
"""
import sys

import zmq

ctx = zmq.Context()
sock = ctx.socket(getattr(zmq, sys.argv[1]))
sock.linger = 0
for arg in sys.argv[2:]:
    if arg.startswith("metadata="):
        sock.setsockopt(zmq.METADATA, arg[len("metadata="):].encode())
    elif arg == "curve":
        public, secret = zmq.curve_keypair()
        sock.curve_server = True
        sock.curve_secretkey = secret
        print("KEY", public.decode(), flush=True)
    elif arg == "plain":
        sock.plain_server = True
    else:
        print("FAIL unknown argument", arg, flush=True)
        sys.exit(2)
port = sock.bind_to_random_port("tcp://127.0.0.1")
print("ENDPOINT tcp://127.0.0.1:%d" % port, flush=True)
sys.stdin.read()
sock.close()
ctx.term()
