package dev.zmq4j.session;

import dev.zmq4j.zmtp.Command;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ZMTP 3.1 heartbeats (rfc 37 PING/PONG) of one session: a PING every HEARTBEAT_IVL, each expecting
 * traffic within HEARTBEAT_TIMEOUT, and the watchdog a peer's PING TTL asks for. "Last received" is
 * one {@code System.nanoTime()} per read batch, kept only while heartbeating. A session paused at
 * RCVHWM is never timed out (the silence is ours). Runs on the session's I/O thread.
 */
final class Heartbeats {
    private final ZmtpSession session;
    private ScheduledExecutorService executor;
    private boolean on;
    private long lastReceivedNanos;
    private long peerTtlNanos;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> ttlTask;

    Heartbeats(ZmtpSession session) {
        this.session = session;
    }

    /** After the handshake: a PING every {@code ivlMillis}, each expecting traffic within {@code timeoutMillis}. */
    void start(ScheduledExecutorService executor, long ivlMillis, long ttlMillis, long timeoutMillis) {
        this.executor = executor;
        if (ivlMillis <= 0) {
            return;
        }
        long ttlDeciseconds = Math.min(0xFFFF, ttlMillis / 100);
        Command ping = new Command(Command.PING, new byte[] {(byte) (ttlDeciseconds >> 8), (byte) ttlDeciseconds});
        on = true;
        lastReceivedNanos = System.nanoTime();
        pingTask = executor.scheduleAtFixedRate(() -> sendPing(ping, timeoutMillis), ivlMillis, ivlMillis, TimeUnit.MILLISECONDS);
    }

    /** A read batch arrived. */
    void received() {
        if (on) {
            lastReceivedNanos = System.nanoTime();
        }
    }

    private void sendPing(Command ping, long timeoutMillis) {
        if (session.isClosing()) {
            return;
        }
        session.sendNow(ping);
        if (timeoutMillis > 0) {
            long sentNanos = System.nanoTime();
            executor.schedule(() -> checkAnswered(sentNanos, timeoutMillis), timeoutMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void checkAnswered(long sentNanos, long timeoutMillis) {
        if (session.isClosing() || session.isPaused() || lastReceivedNanos - sentNanos >= 0) {
            return;
        }
        session.expire("heartbeat timeout: nothing received for " + timeoutMillis + " ms after a PING");
    }

    /** A peer's PING carried a TTL (deciseconds): expire if nothing more arrives from it within that time. */
    void watchPeerTtl(int ttlDeciseconds) {
        if (ttlDeciseconds == 0 || session.isClosing() || executor == null) {
            return;
        }
        peerTtlNanos = TimeUnit.MILLISECONDS.toNanos(ttlDeciseconds * 100L);
        if (!on) {
            on = true;
            lastReceivedNanos = System.nanoTime();
        }
        if (ttlTask == null) {
            ttlTask = executor.schedule(this::checkPeerTtl, peerTtlNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void checkPeerTtl() {
        ttlTask = null;
        if (session.isClosing()) {
            return;
        }
        long silent = System.nanoTime() - lastReceivedNanos;
        boolean paused = session.isPaused();
        if (!paused && silent >= peerTtlNanos) {
            session.expire("heartbeat TTL expired: nothing received for " + TimeUnit.NANOSECONDS.toMillis(peerTtlNanos)
                    + " ms (the peer's PING TTL)");
            return;
        }
        ttlTask = executor.schedule(this::checkPeerTtl, paused ? peerTtlNanos : peerTtlNanos - silent, TimeUnit.NANOSECONDS);
    }

    void stop() {
        on = false;
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        if (ttlTask != null) {
            ttlTask.cancel(false);
            ttlTask = null;
        }
    }
}
