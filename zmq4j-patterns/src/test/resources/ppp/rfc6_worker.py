"""An RFC 6 (Paranoid Pirate) worker on pyzmq, for zmq4j's interop test.

Usage: rfc6_worker.py ENDPOINT INTERVAL_MS REQUESTS

Connects a DEALER to ENDPOINT, sends READY (0x01), then heartbeats (0x02) every INTERVAL_MS
while answering requests ([address...][empty][body]) with "py:<body>" under the same envelope.
Prints READY once connected and, after REQUESTS requests, "OK requests=N heartbeats=H" (H: the
queue's heartbeats seen) and exits 0; "FAIL <why>" and exit 1 if the queue stays silent for 20 s.
"""
import sys
import time

import zmq

READY = b"\x01"
HEARTBEAT = b"\x02"


def main():
    endpoint, interval_ms, wanted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    ctx = zmq.Context()
    worker = ctx.socket(zmq.DEALER)
    worker.setsockopt(zmq.LINGER, 0)
    worker.connect(endpoint)
    worker.send(READY)
    print("READY", flush=True)
    poller = zmq.Poller()
    poller.register(worker, zmq.POLLIN)
    answered = heartbeats = 0
    heard = time.monotonic()
    next_beat = time.monotonic() + interval_ms / 1000.0
    while answered < wanted:
        if time.monotonic() - heard > 20:
            print("FAIL queue silent for 20 s", flush=True)
            return 1
        if dict(poller.poll(interval_ms)).get(worker):
            frames = worker.recv_multipart()
            heard = time.monotonic()
            if frames == [HEARTBEAT]:
                heartbeats += 1
            elif len(frames) >= 3 and b"" in frames[:-1]:
                split = frames.index(b"")
                worker.send_multipart(frames[:split + 1] + [b"py:" + frames[split + 1]])
                answered += 1
            else:
                print("FAIL unexpected message %r" % frames, flush=True)
                return 1
        if time.monotonic() >= next_beat:
            worker.send(HEARTBEAT)
            next_beat = time.monotonic() + interval_ms / 1000.0
    print("OK requests=%d heartbeats=%d" % (answered, heartbeats), flush=True)
    worker.close()
    ctx.term()
    return 0


if __name__ == "__main__":
    sys.exit(main())
