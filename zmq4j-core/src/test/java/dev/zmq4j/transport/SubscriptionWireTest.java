package dev.zmq4j.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Subscriptions on the wire: SUBSCRIBE/CANCEL commands with ZMTP 3.1 peers, the legacy
 * {@code 0x01topic}/{@code 0x00topic} messages with ZMTP 3.0 peers, in both directions.
 */
@Timeout(30)
class SubscriptionWireTest {
    private static final Duration STEP = Duration.ofSeconds(10);
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    private Socket socket(SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /** Connects a raw peer with a greeting of minor version {@code minor} and reads up to zmq4j's READY. */
    private static RawZmtpPeer rawPeer(String endpoint, int minor, String socketType) throws IOException {
        RawZmtpPeer peer = RawZmtpPeer.connect(endpoint);
        peer.write(RawZmtpPeer.concat(RawZmtpPeer.greeting(3, minor, "NULL"), RawZmtpPeer.ready(socketType)));
        peer.readFully(RawZmtpPeer.GREETING_SIZE, STEP);
        RawZmtpPeer.Frame ready = peer.readFrame(STEP);
        assertThat(ready.flags() & RawZmtpPeer.FLAG_COMMAND).isNotZero();
        return peer;
    }

    private static byte[] command(String name, String data) {
        byte[] n = name.getBytes(US_ASCII);
        byte[] d = data.getBytes(US_ASCII);
        byte[] body = new byte[1 + n.length + d.length];
        body[0] = (byte) n.length;
        System.arraycopy(n, 0, body, 1, n.length);
        System.arraycopy(d, 0, body, 1 + n.length, d.length);
        return body;
    }

    private static byte[] legacy(int kind, String topic) {
        byte[] t = topic.getBytes(US_ASCII);
        byte[] m = new byte[t.length + 1];
        m[0] = (byte) kind;
        System.arraycopy(t, 0, m, 1, t.length);
        return m;
    }

    /** Publishes {@code other} and {@code wanted} while the raw subscriber reads {@code n} frames; returns them. */
    private static java.util.List<RawZmtpPeer.Frame> publishUntilReceived(Socket pub, RawZmtpPeer peer, int n) throws IOException {
        // Subscriptions apply asynchronously: publish a burst, then read what comes.
        long deadline = System.nanoTime() + STEP.toNanos();
        Thread t = new Thread(() -> {
            while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                pub.send("other");
                pub.send("wanted");
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        });
        t.setDaemon(true);
        t.start();
        try {
            java.util.List<RawZmtpPeer.Frame> frames = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                frames.add(peer.readFrame(STEP));
            }
            return frames;
        } finally {
            t.interrupt();
        }
    }

    @Test
    void zmtp30SubscriberSubscribesWithALegacyMessageAndGetsOnlyMatches() throws IOException {
        Socket pub = socket(SocketType.PUB);
        String ep = pub.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = rawPeer(ep, 0, "SUB")) {
            peer.write(RawZmtpPeer.frame(0, legacy(1, "want")));
            for (RawZmtpPeer.Frame f : publishUntilReceived(pub, peer, 20)) {
                assertThat(f.flags()).isZero();
                assertThat(new String(f.body(), US_ASCII)).isEqualTo("wanted");
            }
        }
    }

    @Test
    void zmtp31SubscriberSubscribesWithASubscribeCommand() throws IOException {
        Socket pub = socket(SocketType.PUB);
        String ep = pub.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = rawPeer(ep, 1, "SUB")) {
            peer.write(RawZmtpPeer.frame(RawZmtpPeer.FLAG_COMMAND, command("SUBSCRIBE", "want")));
            for (RawZmtpPeer.Frame f : publishUntilReceived(pub, peer, 20)) {
                assertThat(new String(f.body(), US_ASCII)).isEqualTo("wanted");
            }
        }
    }

    @Test
    void subSendsLegacySubscriptionMessagesToAZmtp30Publisher() throws IOException {
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, "abc".getBytes(US_ASCII));
        String ep = sub.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = rawPeer(ep, 0, "PUB")) {
            RawZmtpPeer.Frame f = peer.readFrame(STEP);
            assertThat(f.flags()).isZero();
            assertThat(f.body()).isEqualTo(legacy(1, "abc"));
            sub.set(Option.UNSUBSCRIBE, "abc".getBytes(US_ASCII));
            f = peer.readFrame(STEP);
            assertThat(f.flags()).isZero();
            assertThat(f.body()).isEqualTo(legacy(0, "abc"));
        }
    }

    @Test
    void subSendsSubscribeAndCancelCommandsToAZmtp31Publisher() throws IOException {
        Socket sub = socket(SocketType.SUB);
        sub.set(Option.SUBSCRIBE, "abc".getBytes(US_ASCII));
        String ep = sub.bind("tcp://127.0.0.1:*");
        try (RawZmtpPeer peer = rawPeer(ep, 1, "PUB")) {
            RawZmtpPeer.Frame f = peer.readFrame(STEP);
            assertThat(f.flags()).isEqualTo(RawZmtpPeer.FLAG_COMMAND);
            assertThat(f.body()).isEqualTo(command("SUBSCRIBE", "abc"));
            sub.set(Option.UNSUBSCRIBE, "abc".getBytes(US_ASCII));
            f = peer.readFrame(STEP);
            assertThat(f.flags()).isEqualTo(RawZmtpPeer.FLAG_COMMAND);
            assertThat(f.body()).isEqualTo(command("CANCEL", "abc"));
        }
    }
}
