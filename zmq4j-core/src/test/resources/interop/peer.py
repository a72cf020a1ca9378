#!/usr/bin/python3
"""A libzmq peer (through pyzmq) for zmq4j's interop tests, driven from the command line.

usage: peer.py TYPE bind|connect ENDPOINT MODE KIND N [--prefix P] [--mark K] [--stay]
               [--timeout S] [--linger MS] [--id ID] [--rounds R] [--subscribe T]...
               [--heartbeat-ivl MS] [--heartbeat-timeout MS] [--heartbeat-ttl MS]

  TYPE  PAIR, PUSH, PULL, REQ, REP, DEALER, ROUTER, PUB, SUB, XPUB or XSUB
  MODE  send  send messages 0..N-1 of KIND, in order
        recv  receive N messages of KIND and check each against the expected one, in order;
              with --prefix, "seq" messages without the prefix (a previous peer's) are skipped
        echo  receive a message and send it back, N times (N = 0: until the timeout)
        req   send request i of KIND and check that the reply equals it, for i in 0..N-1
        dealers  N DEALER sockets with routing ids "d<i>" (TYPE must be DEALER), each sending
              "d<i>:<round>" and expecting it back, for --rounds rounds (default 10)
        topics  PUB: publish the 1,000 topics "t<j % 50>.<j>|<round>" in rounds until stdin closes
        subs  N SUB sockets, SUB i subscribed to "t<i>.", each receiving until it has seen all 20
              of its topics and failing on any other
        xpub  XPUB: print "SUBSCRIPTION <hex>" for the first subscription received, then send
        props receive N messages; for the first, print "PROPERTY <name> <value>" (or "<none>") for
              each --property name, as libzmq's zmq_msg_gets answers it
        refused  for a handshake that must fail: send N messages (without blocking) if TYPE sends
              first, wait for a HANDSHAKE_FAILED_* monitor event, then check that no message
              arrives within --quiet milliseconds (default 500) if TYPE can receive
  --id  the socket's routing id (ROUTING_ID); --subscribe adds SUB/XSUB subscriptions
  KIND  seq        one frame, "<prefix><i>"
        multipart  message i has (i % 64) + 1 frames; every fourth frame (and some others) empty
        big        one 16 MiB frame: little-endian 32-bit words i, i+1, i+2, ...
        sizes      one frame of SIZES[i % 7] bytes (0, 1, 222, 223, 255, 256, 1 MiB), byte k = (i + k) & 0xFF
                   (222/223: where a CURVE MESSAGE command outgrows a short ZMTP frame)
  --strict   with --prefix: a "seq" message without the prefix fails "recv" instead of being skipped
  --noise    "send": before message i, also send "x<i>" (which a subscription to the prefix filters out)

Prints "ENDPOINT <endpoint>" after a bind, then "READY", then "OK <details>" or "FAIL <why>";
with --mark K it also prints "MARK K" once K messages have been sent, received or echoed;
the exit status is 0 only after OK. With --stay the peer keeps its socket open (and stops
reading) after OK until its stdin is closed or it is killed. Every send and receive gives up after
--timeout seconds (default 30), so the peer never hangs for ever; on close the socket lingers
--linger milliseconds (default 10000; -1 waits until everything sent has been flushed).
The --heartbeat-* options set ZMQ_HEARTBEAT_IVL, _TIMEOUT and _TTL (milliseconds) before the
bind or connect; --metadata NAME:VALUE adds a ZMQ_METADATA property; --sockopt NAME=INT sets any
integer option by its pyzmq name (e.g. TOS=40, IPV6=1, SNDBUF=65536).

Security (set before the bind or connect; keys are 40-character Z85 text):
  --curve-server-secret SEC        be the CURVE server with this secret key (libzmq needs no public key)
  --curve-client PUB SEC SERVERPUB be a CURVE client with this key pair, trusting that server key
  --plain-server                   be the PLAIN server
  --plain-client USER PASS         be a PLAIN client
  --zap-domain D                   ZMQ_ZAP_DOMAIN
  --zap                            run pyzmq's ThreadAuthenticator (ZAP handler) in this process;
                                   alone it refuses every PLAIN and CURVE client, and these allow:
  --zap-user USER:PASS             ... a PLAIN user (repeatable; implies --zap)
  --zap-key PUB                    ... a CURVE client public key (repeatable; implies --zap)
  --zap-any                        ... every CURVE client (implies --zap)
  --events                         print "EVENT <name> <value>" for each socket monitor event, e.g.
                                   "EVENT HANDSHAKE_FAILED_AUTH 400" (value: the ZAP status code) or
                                   "EVENT HANDSHAKE_FAILED_PROTOCOL 285212673" (a ZMQ_PROTOCOL_ERROR_*)
"""
import argparse
import array
import sys
import threading

import zmq

BIG = 16 * 1024 * 1024
SIZES = [0, 1, 222, 223, 255, 256, 1024 * 1024]
PRINTING = threading.Lock()


def say(*words):
    """Prints one line at once: the monitor thread prints too."""
    with PRINTING:
        sys.stdout.write(" ".join(str(w) for w in words) + "\n")
        sys.stdout.flush()


def message(kind, i, prefix=""):
    if kind == "seq":
        return [f"{prefix}{i}".encode()]
    if kind == "sizes":
        n = SIZES[i % len(SIZES)]
        pattern = bytes((i + k) & 0xFF for k in range(256))
        return [(pattern * (n // 256 + 1))[:n]]
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
        say("MARK", count)


def send(sock, a):
    for i in range(a.n):
        if a.noise:
            sock.send(f"x{i}".encode())
        sock.send_multipart(message(a.kind, i, a.prefix))
        mark(a, i + 1)
    return True, f"sent {a.n}"


def recv(sock, a):
    skipped = i = 0
    while i < a.n:
        got = sock.recv_multipart()
        if a.prefix and a.kind == "seq" and not a.strict and not got[0].startswith(a.prefix.encode()):
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


def dealers(ctx, a):
    socks = []
    for i in range(a.n):
        d = ctx.socket(zmq.DEALER)
        d.linger = 0
        d.sndtimeo = d.rcvtimeo = int(a.timeout * 1000)
        d.routing_id = f"d{i}".encode()
        secure(d, a)
        d.connect(a.endpoint)
        socks.append(d)
    say("READY")
    try:
        for r in range(a.rounds):
            for i, d in enumerate(socks):
                d.send(f"d{i}:{r}".encode())
            for i, d in enumerate(socks):
                got = d.recv_multipart()
                if got != [f"d{i}:{r}".encode()]:
                    return False, f"dealer d{i} round {r}: got {got!r}"
            a.done = r + 1
        return True, f"{a.n} dealers, {a.rounds} rounds"
    finally:
        for d in socks:
            d.close()


TOPIC_COUNT = 1000


def props(sock, a):
    for i in range(a.n):
        frames = sock.recv_multipart(copy=False)
        if i == 0:
            for name in a.property:
                try:
                    value = frames[0].get(name)
                except zmq.ZMQError:
                    value = "<none>"
                say("PROPERTY", name, value)
        mark(a, i + 1)
    return True, f"received {a.n}"


def topic(j):
    """Topic j of 1,000: "t<j % 50>.<j>", so subscriber i's prefix "t<i>." matches 20 of them."""
    return f"t{j % 50}.{j}".encode()


def topics(sock, a):
    """PUB: publish each topic (one frame "topic|round") in rounds until stdin closes."""
    import select
    r = 0
    while True:
        for j in range(TOPIC_COUNT):
            sock.send(topic(j) + f"|{r}".encode())
        r += 1
        ready, _, _ = select.select([sys.stdin], [], [], 0.05)
        if ready and not sys.stdin.read(1):
            return True, f"published {r} rounds"


def subs(ctx, a):
    """N SUBs, SUB i subscribed to "t<i>."; each must see all 20 of its topics (any round), none other."""
    socks = []
    for i in range(a.n):
        s = ctx.socket(zmq.SUB)
        s.linger = 0
        s.rcvtimeo = int(a.timeout * 1000)
        s.setsockopt(zmq.SUBSCRIBE, f"t{i}.".encode())
        secure(s, a)
        s.connect(a.endpoint)
        socks.append(s)
    say("READY")
    try:
        for i, s in enumerate(socks):
            want = {topic(j) for j in range(TOPIC_COUNT) if j % 50 == i}
            seen = set()
            while seen != want:
                t = s.recv().split(b"|")[0]
                if t not in want:
                    return False, f"sub {i} got foreign topic {t!r}"
                seen.add(t)
        return True, f"{a.n} subscribers got their topics"
    finally:
        for s in socks:
            s.close()


def xpub(sock, a):
    """XPUB: wait for one subscription message, print it as hex, then send like "send"."""
    sub = sock.recv()
    say("SUBSCRIPTION", sub.hex())
    return send(sock, a)


# libzmq 4.3's monitor events by value; HANDSHAKE_FAILED_AUTH's value is the ZAP status code.
EVENTS = {0x0001: "CONNECTED", 0x0002: "CONNECT_DELAYED", 0x0004: "CONNECT_RETRIED", 0x0008: "LISTENING",
          0x0010: "BIND_FAILED", 0x0020: "ACCEPTED", 0x0040: "ACCEPT_FAILED", 0x0080: "CLOSED",
          0x0100: "CLOSE_FAILED", 0x0200: "DISCONNECTED", 0x0400: "MONITOR_STOPPED",
          0x0800: "HANDSHAKE_FAILED_NO_DETAIL", 0x1000: "HANDSHAKE_SUCCEEDED",
          0x2000: "HANDSHAKE_FAILED_PROTOCOL", 0x4000: "HANDSHAKE_FAILED_AUTH"}


class Events(threading.Thread):
    """Prints the socket's monitor events; notes the first failed handshake."""

    def __init__(self, sock):
        super().__init__(daemon=True)
        self.sock = sock
        self.monitor = sock.get_monitor_socket(zmq.EVENT_ALL)
        self.failed = threading.Event()
        self.failure = None

    def run(self):
        from zmq.utils.monitor import recv_monitor_message
        while True:
            e = recv_monitor_message(self.monitor)
            name = EVENTS.get(e["event"], hex(e["event"]))
            if name == "MONITOR_STOPPED":
                return
            say("EVENT", name, e["value"])
            if name.startswith("HANDSHAKE_FAILED") and not self.failed.is_set():
                self.failure = f"{name} {e['value']}"
                self.failed.set()

    def stop(self):
        self.sock.disable_monitor()
        self.join(5)
        if not self.is_alive():
            self.monitor.close(linger=0)


def refused(sock, a):
    """A handshake that must fail: send without blocking, await the failure, then expect silence."""
    if a.type in ("PUSH", "PUB", "DEALER", "REQ", "PAIR"):
        for i in range(a.n):
            try:
                sock.send_multipart(message(a.kind, i, a.prefix), zmq.NOBLOCK)
            except zmq.Again:
                break
    if not a.events.failed.wait(a.timeout):
        return False, f"no failed handshake within {a.timeout} s"
    if a.type not in ("PUSH", "PUB") and sock.poll(a.quiet, zmq.POLLIN):
        return False, f"received {sock.recv_multipart()!r} over a refused connection"
    return True, f"refused ({a.events.failure}), nothing received"


def secure(sock, a):
    """Sets the mechanism options the arguments ask for (before the bind or connect)."""
    if a.curve_server_secret:
        sock.curve_server = 1
        sock.curve_secretkey = a.curve_server_secret.encode()
    if a.curve_client:
        public, secret, server = (k.encode() for k in a.curve_client)
        sock.curve_publickey = public
        sock.curve_secretkey = secret
        sock.curve_serverkey = server
    if a.plain_server:
        sock.plain_server = 1
    if a.plain_client:
        sock.plain_username, sock.plain_password = (x.encode() for x in a.plain_client)
    if a.zap_domain:
        sock.zap_domain = a.zap_domain.encode()


class AllowedKeys:
    """ThreadAuthenticator's CURVE callback: the --zap-key public keys (Z85) pass, no other."""

    def __init__(self, keys):
        self.keys = {k.encode() for k in keys}

    def callback(self, domain, key):
        return key in self.keys


def zap_handler(ctx, a):
    """Starts pyzmq's ThreadAuthenticator as --zap* ask (None without them); stop() it at the end."""
    if not (a.zap or a.zap_user or a.zap_key or a.zap_any):
        return None
    from zmq.auth.thread import ThreadAuthenticator
    auth = ThreadAuthenticator(ctx)
    auth.start()
    if a.zap_user:
        auth.configure_plain("*", dict(u.split(":", 1) for u in a.zap_user))
    if a.zap_any:
        auth.configure_curve("*", zmq.auth.CURVE_ALLOW_ANY)
    else:
        auth.configure_curve_callback("*", AllowedKeys(a.zap_key))
    return auth


MODES = {"send": send, "recv": recv, "echo": echo, "req": req, "topics": topics, "xpub": xpub, "props": props,
         "refused": refused}
OWN_SOCKETS = {"dealers": dealers, "subs": subs}


# Z85 keys may start with "-", which argparse would take for an option: each key option is
# attached to its value(s) ("--zap-key=KEY", "--curve-client=PUB,SEC,SERVERPUB"; Z85 has no ",").
KEY_OPTIONS = {"--curve-server-secret": 1, "--curve-client": 3, "--zap-key": 1}


def keys_attached(argv):
    out, i = [], 0
    while i < len(argv):
        n = KEY_OPTIONS.get(argv[i])
        if n:
            out.append(argv[i] + "=" + ",".join(argv[i + 1:i + 1 + n]))
            i += 1 + n
        else:
            out.append(argv[i])
            i += 1
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("type", choices=["PAIR", "PUSH", "PULL", "REQ", "REP", "DEALER", "ROUTER",
                                    "PUB", "SUB", "XPUB", "XSUB"])
    p.add_argument("how", choices=["bind", "connect"])
    p.add_argument("endpoint")
    p.add_argument("mode", choices=list(MODES) + list(OWN_SOCKETS))
    p.add_argument("kind", choices=["seq", "multipart", "big", "sizes"])
    p.add_argument("n", type=int)
    p.add_argument("--prefix", default="")
    p.add_argument("--mark", type=int, default=-1)
    p.add_argument("--stay", action="store_true")
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--linger", type=int, default=10_000)
    p.add_argument("--id", default=None)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--subscribe", action="append", default=[])
    p.add_argument("--heartbeat-ivl", type=int, default=0)
    p.add_argument("--heartbeat-timeout", type=int, default=-1)
    p.add_argument("--heartbeat-ttl", type=int, default=0)
    p.add_argument("--metadata", action="append", default=[])
    p.add_argument("--sockopt", action="append", default=[])
    p.add_argument("--property", action="append", default=[])
    p.add_argument("--strict", action="store_true")
    p.add_argument("--noise", action="store_true")
    p.add_argument("--quiet", type=int, default=500)
    p.add_argument("--curve-server-secret", metavar="SEC")
    p.add_argument("--curve-client", type=lambda v: v.split(","), metavar="PUB,SEC,SERVERPUB")
    p.add_argument("--plain-server", action="store_true")
    p.add_argument("--plain-client", nargs=2, metavar=("USER", "PASS"))
    p.add_argument("--zap-domain")
    p.add_argument("--zap", action="store_true")
    p.add_argument("--zap-user", action="append", default=[])
    p.add_argument("--zap-key", action="append", default=[])
    p.add_argument("--zap-any", action="store_true")
    p.add_argument("--events", action="store_true")
    a = p.parse_args(keys_attached(sys.argv[1:]))
    a.done = 0

    ctx = zmq.Context()
    auth = zap_handler(ctx, a)
    try:
        status = run(ctx, a)
    finally:
        if auth is not None:
            auth.stop()
    ctx.term()
    return status


def run(ctx, a):
    if a.mode in OWN_SOCKETS:
        try:
            ok, details = OWN_SOCKETS[a.mode](ctx, a)
        except zmq.Again:
            ok, details = False, f"timed out after {a.timeout} s, {a.done} rounds done"
        say("OK" if ok else "FAIL", details)
        return 0 if ok else 1
    sock = ctx.socket(getattr(zmq, a.type))
    # What is queued for a peer that is refused would only hold up the exit.
    sock.linger = 0 if a.mode == "refused" else a.linger
    sock.sndtimeo = sock.rcvtimeo = int(a.timeout * 1000)
    if a.id is not None:
        sock.routing_id = a.id.encode()
    for t in a.subscribe:
        if a.type == "XSUB":
            sock.send(b"\x01" + t.encode())
        else:
            sock.setsockopt(zmq.SUBSCRIBE, t.encode())
    if a.heartbeat_ivl:
        sock.setsockopt(zmq.HEARTBEAT_IVL, a.heartbeat_ivl)
    if a.heartbeat_timeout >= 0:
        sock.setsockopt(zmq.HEARTBEAT_TIMEOUT, a.heartbeat_timeout)
    if a.heartbeat_ttl:
        sock.setsockopt(zmq.HEARTBEAT_TTL, a.heartbeat_ttl)
    for m in a.metadata:
        sock.setsockopt(95, m.encode())  # ZMQ_METADATA
    for o in a.sockopt:
        name, value = o.split("=", 1)
        sock.setsockopt(getattr(zmq, name), int(value))
    secure(sock, a)
    a.events = Events(sock) if a.events or a.mode == "refused" else None
    if a.events:
        a.events.start()
    if a.how == "bind":
        sock.bind(a.endpoint)
        say("ENDPOINT", sock.last_endpoint.decode())
    else:
        sock.connect(a.endpoint)
    say("READY")
    try:
        ok, details = MODES[a.mode](sock, a)
    except zmq.Again:
        ok, details = False, f"timed out after {a.timeout} s, {a.done} messages done"
    say("OK" if ok else "FAIL", details)
    if a.stay:
        sys.stdin.read()
    if a.events:
        a.events.stop()
    sock.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
