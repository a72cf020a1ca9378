"""A libzmq socket for the probe tests: binds TYPE to a random tcp port and waits for stdin to close.

usage: peer.py TYPE [metadata=NAME:VALUE] [curve] [plain] [plain-zap=USER:PASSWORD]
(plain: a PLAIN server with no ZAP handler, which libzmq refuses every client;
plain-zap: a PLAIN server whose ZAP handler, pyzmq's ThreadAuthenticator, admits USER:PASSWORD only)
prints "KEY <server public key>" with curve, then "ENDPOINT <endpoint>".
"""
import sys

import zmq
import zmq.auth.thread

ctx = zmq.Context()
auth = None
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
    elif arg.startswith("plain-zap="):
        user, password = arg[len("plain-zap="):].split(":", 1)
        auth = zmq.auth.thread.ThreadAuthenticator(ctx)
        auth.start()
        auth.configure_plain(domain="*", passwords={user: password})
        sock.plain_server = True
    else:
        print("FAIL unknown argument", arg, flush=True)
        sys.exit(2)
port = sock.bind_to_random_port("tcp://127.0.0.1")
print("ENDPOINT tcp://127.0.0.1:%d" % port, flush=True)
sys.stdin.read()
sock.close()
if auth is not None:
    auth.stop()
ctx.term()
