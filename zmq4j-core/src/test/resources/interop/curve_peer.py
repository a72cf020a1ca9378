"""A libzmq (pyzmq) CURVE peer for CurveInteropTest; the mode is the first argument.

rep              CURVE server REP, echoes each request until [b'END']; prints OK <count>, then keeps
                 the connection until stdin closes (or the test kills it), so that the client's
                 monitor sees no disconnection the test did not cause
deny             CURVE server REP whose ZAP handler (zmq.auth) knows no client key: every client
                 is refused with 400; runs until stdin closes
xpub             CURVE server XPUB: waits for a subscription, prints SUBSCRIBED <topic>, publishes
                 'other: filtered out' and 'news: from libzmq', waits for the cancel
req KEY EP N     CURVE client REQ to endpoint EP with server key KEY: N requests, each echoed

A server prints 'SERVER <public key Z85> <port>' once bound; a client 'CLIENT <public key Z85>'.
Every server sends heartbeats every 20 ms, so PINGs and PONGs cross the boxes.
"""
import sys
import tempfile

import zmq

mode = sys.argv[1]
ctx = zmq.Context()


def server(sock_type):
    s = ctx.socket(sock_type)
    public, secret = zmq.curve_keypair()
    s.curve_secretkey = secret
    s.curve_publickey = public
    s.curve_server = True
    s.heartbeat_ivl = 20
    s.heartbeat_timeout = 5000
    s.rcvtimeo = 30000
    s.linger = 0
    port = s.bind_to_random_port('tcp://127.0.0.1')
    print('SERVER', public.decode(), port, flush=True)
    return s


if mode == 'rep':
    s = server(zmq.REP)
    n = 0
    while True:
        m = s.recv_multipart()
        s.send_multipart(m)
        if m == [b'END']:
            break
        n += 1
    print('OK', n, flush=True)
    sys.stdin.read()
elif mode == 'deny':
    from zmq.auth.thread import ThreadAuthenticator
    auth = ThreadAuthenticator(ctx)
    auth.start()
    auth.configure_curve(domain='*', location=tempfile.mkdtemp())
    s = server(zmq.REP)
    sys.stdin.read()
    auth.stop()
    print('OK', flush=True)
elif mode == 'xpub':
    s = server(zmq.XPUB)
    sub = s.recv()
    if sub[0] != 1:
        print('FAIL expected a subscription, got', sub, flush=True)
        sys.exit(1)
    print('SUBSCRIBED', sub[1:].decode(), flush=True)
    s.send(b'other: filtered out')
    s.send(b'news: from libzmq')
    cancel = s.recv()
    if cancel[0] != 0:
        print('FAIL expected a cancel, got', cancel, flush=True)
        sys.exit(1)
    print('CANCELLED', cancel[1:].decode(), flush=True)
    print('OK', flush=True)
elif mode == 'req':
    server_key, endpoint, n = sys.argv[2].encode(), sys.argv[3], int(sys.argv[4])
    s = ctx.socket(zmq.REQ)
    public, secret = zmq.curve_keypair()
    s.curve_serverkey = server_key
    s.curve_publickey = public
    s.curve_secretkey = secret
    s.rcvtimeo = 30000
    s.linger = 0
    print('CLIENT', public.decode(), flush=True)
    s.connect(endpoint)
    for i in range(n):
        request = [b'req %d' % i, b'', bytes(range(256)) * (i % 5)]
        s.send_multipart(request)
        reply = s.recv_multipart()
        if reply != request:
            print('FAIL reply', i, reply[:1], flush=True)
            sys.exit(1)
    print('OK', n, flush=True)
else:
    print('FAIL unknown mode', mode, flush=True)
    sys.exit(2)
