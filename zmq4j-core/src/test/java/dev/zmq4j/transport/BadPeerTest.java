package dev.zmq4j.transport;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Peers that break ZMTP, played byte by byte on a raw tcp connection against a bound zmq4j socket.
 * Each must cost exactly its own connection: zmq4j closes it (our read sees end of stream) and logs
 * the peer and the reason at WARN, while a well-behaved zmq4j peer of the same socket goes on
 * exchanging messages before, during and after. Nothing may leak: no file descriptor, no ByteBuf.
 */
@Timeout(60)
class BadPeerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final long MAX_MESSAGE_SIZE = 100;
    private static final String LOGGER = "dev.zmq4j.session.ZmtpSession";

    private StderrCapture stderr;

    @BeforeEach
    void captureStderr() {
        stderr = StderrCapture.start();
    }

    @AfterEach
    void restoreStderr() {
        stderr.close();
    }

    /** One way of breaking the protocol, played against a zmq4j PULL with MAXMSGSIZE 100. */
    enum BadPeer {
        GARBAGE_INSTEAD_OF_GREETING(Phase.HANDSHAKE, "greeting signature byte 0: 0x47") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write("GET / HTTP/1.1\r\nHost: example\r\n\r\n".getBytes(US_ASCII));
            }
        },
        ZMTP_1_0_GREETING(Phase.HANDSHAKE, "greeting signature byte 0: 0x01") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                // ZMTP 1.0: an identity frame, length 1 (flags only), flags 0 (anonymous).
                raw.write(new byte[] {0x01, 0x00});
            }
        },
        ZMTP_1_0_GREETING_WITH_LONG_LENGTH(Phase.HANDSHAKE, "greeting signature byte 9: 0x00") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                // ZMTP 1.0 with an 8-byte length: 0xFF, length 300, flags 0 where 2.0+ has 0x7F.
                raw.write(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0x01, 0x2C, 0x00});
            }
        },
        ZMTP_2_0_GREETING(Phase.HANDSHAKE, "ZMTP version: 1") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                // ZMTP 2.0 (rfc 15): signature, revision 0x01, socket type 0x08 (PUSH), empty identity.
                raw.write(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x7F, 0x01, 0x08, 0x00, 0x00});
            }
        },
        UNKNOWN_MECHANISM(Phase.HANDSHAKE, "peer mechanism: FOO (expected: NULL)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.greeting(3, 1, "FOO"));
            }
        },
        FRAME_LARGER_THAN_MAXMSGSIZE(Phase.TRAFFIC, "frame size: 101 (expected: <= 100)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PUSH").write(RawZmtpPeer.frame(0, new byte[(int) MAX_MESSAGE_SIZE]));
                // A frame of exactly MAXMSGSIZE is a message like any other...
                Message m = server.receive(DEADLINE);
                assertThat(m).as("the %d-byte message", MAX_MESSAGE_SIZE).isNotNull();
                assertThat(m.frame(0).size()).isEqualTo((int) MAX_MESSAGE_SIZE);
                // ...one byte more is a bad peer.
                raw.write(RawZmtpPeer.frame(0, new byte[(int) MAX_MESSAGE_SIZE + 1]));
            }
        },
        FRAME_HEADER_DECLARING_A_TERABYTE(Phase.TRAFFIC, "frame size: 1099511627776 (expected: <= 100)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                // Refused on its header: nothing is allocated for a body that never comes.
                raw.handshake("PUSH").write(new byte[] {RawZmtpPeer.FLAG_LONG, 0, 0, 1, 0, 0, 0, 0, 0});
            }
        },
        TRUNCATED_FRAME_THEN_CLOSE(Phase.TRAFFIC, "stream ended inside a frame") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PUSH").write(new byte[] {0x00, 50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
                raw.shutdownOutput();
            }
        },
        TRUNCATED_MULTIPART_MESSAGE_THEN_CLOSE(Phase.TRAFFIC, "stream ended inside a multipart message") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                // Whole frames, but the last one says MORE: the message must not reach the server.
                raw.handshake("PUSH").write(RawZmtpPeer.frame(RawZmtpPeer.FLAG_MORE, new byte[] {'a'}));
                raw.shutdownOutput();
            }
        },
        COMMAND_NAME_LONGER_THAN_ITS_BODY_IN_HANDSHAKE(Phase.HANDSHAKE, "command name size: 10 (expected: <= 5)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), badCommand()));
            }
        },
        COMMAND_NAME_LONGER_THAN_ITS_BODY_AFTER_HANDSHAKE(Phase.TRAFFIC, "command name size: 10 (expected: <= 5)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PUSH").write(badCommand());
            }
        },
        RESERVED_FLAG_BITS_IN_HANDSHAKE(Phase.HANDSHAKE, "frame flags: 0x0c (expected: reserved bits 3-7 zero)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                byte[] ready = RawZmtpPeer.ready("PUSH");
                ready[0] |= 0x08;
                raw.write(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), ready));
            }
        },
        RESERVED_FLAG_BITS_AFTER_HANDSHAKE(Phase.TRAFFIC, "frame flags: 0x80 (expected: reserved bits 3-7 zero)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PUSH").write(new byte[] {0x00, 1, 'a', (byte) 0x80, 1, 'b'});
                // The frame before the bad header is a message like any other.
                Message m = server.receive(DEADLINE);
                assertThat(m).as("the message before the bad frame").isNotNull();
                assertThat(m.toStrings()).containsExactly("a");
            }
        },
        MORE_ON_A_COMMAND(Phase.TRAFFIC, "command frame flags: 0x05 (expected: MORE not set on a command)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PUSH").write(RawZmtpPeer.frame(RawZmtpPeer.FLAG_COMMAND | RawZmtpPeer.FLAG_MORE,
                        new byte[] {4, 'P', 'I', 'N', 'G', 0, 0}));
            }
        },
        GREETING_SIGNATURE_BYTE_9_NOT_0X7F(Phase.HANDSHAKE, "greeting signature byte 9: 0x01 (expected: 0x7f)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.nullGreetingWith(9, 0x01));
            }
        },
        GREETING_MECHANISM_NOT_NUL_PADDED(Phase.HANDSHAKE,
                "greeting mechanism byte 17: 0x58 (expected: 0x00, the padding after the name)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.nullGreetingWith(17, 'X'));
            }
        },
        GREETING_AS_SERVER_NOT_0_OR_1(Phase.HANDSHAKE, "greeting as-server: 0x02 (expected: 0x00 or 0x01)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.nullGreetingWith(32, 2));
            }
        },
        GREETING_FILLER_NOT_ZERO(Phase.HANDSHAKE, "greeting filler byte 63: 0x01 (expected: 0x00 in a ZMTP 3.1 greeting)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.nullGreetingWith(63, 1));
            }
        },
        COMMAND_NAME_NOT_LETTERS(Phase.HANDSHAKE, "command name byte 4: 0x31 (expected: an ASCII letter)") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(),
                        RawZmtpPeer.frame(RawZmtpPeer.FLAG_COMMAND, new byte[] {5, 'R', 'E', 'A', 'D', '1'})));
            }
        },
        READY_PROPERTY_NAME_WITH_A_SPACE(Phase.HANDSHAKE, "metadata property name byte 6: 0x20 in 'Socket Type'") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(), RawZmtpPeer.readyWith("Socket Type", "PUSH")));
            }
        },
        READY_WITH_SOCKET_TYPE_TWICE(Phase.HANDSHAKE, "metadata property 'socket-type': repeated") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.write(RawZmtpPeer.concat(RawZmtpPeer.nullGreeting(),
                        RawZmtpPeer.readyWith("Socket-Type", "PUSH", "socket-type", "PULL")));
            }
        },
        INCOMPATIBLE_SOCKET_TYPE(Phase.HANDSHAKE, "peer socket type: PULL (expected: [PUSH])") {
            @Override
            void misbehave(RawZmtpPeer raw, Socket server) throws IOException {
                raw.handshake("PULL");
            }

            @Override
            void checkReceived(List<RawZmtpPeer.Frame> frames) {
                assertErrorCommandLast(frames);
            }
        };

        final Phase phase;
        final String reason;

        BadPeer(Phase phase, String reason) {
            this.phase = phase;
            this.reason = reason;
        }

        /** Breaks the protocol on {@code raw}; {@code server} is the zmq4j PULL it talks to. */
        abstract void misbehave(RawZmtpPeer raw, Socket server) throws IOException;

        /** Checks the frames zmq4j sent after its greeting, before closing. */
        void checkReceived(List<RawZmtpPeer.Frame> frames) {
        }

        /** A command frame whose name-size (10) runs past its 6-byte body. */
        static byte[] badCommand() {
            return RawZmtpPeer.frame(RawZmtpPeer.FLAG_COMMAND, new byte[] {10, 'R', 'E', 'A', 'D', 'Y'});
        }
    }

    /** When the peer breaks the protocol: which monitor events say so. */
    enum Phase {
        /** HANDSHAKE_FAILED_PROTOCOL then DISCONNECTED, both with the reason. */
        HANDSHAKE,
        /** DISCONNECTED with the reason. */
        TRAFFIC
    }

    @Test
    void closesPeerThatSendsReservedFlagBitsDuringTheHandshake() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.RESERVED_FLAG_BITS_IN_HANDSHAKE);
    }

    @Test
    void closesPeerThatSendsReservedFlagBitsAfterTheHandshake() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.RESERVED_FLAG_BITS_AFTER_HANDSHAKE);
    }

    @Test
    void closesPeerThatSetsMoreOnACommand() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.MORE_ON_A_COMMAND);
    }

    @Test
    void closesPeerWhoseGreetingByte9IsNot0x7f() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.GREETING_SIGNATURE_BYTE_9_NOT_0X7F);
    }

    @Test
    void closesPeerWhoseMechanismIsNotNulPadded() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.GREETING_MECHANISM_NOT_NUL_PADDED);
    }

    @Test
    void closesPeerWhoseAsServerIsNot0Or1() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.GREETING_AS_SERVER_NOT_0_OR_1);
    }

    @Test
    void closesPeerWhoseGreetingFillerIsNotZero() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.GREETING_FILLER_NOT_ZERO);
    }

    @Test
    void closesPeerWhoseCommandNameIsNotLetters() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.COMMAND_NAME_NOT_LETTERS);
    }

    @Test
    void closesPeerWhoseReadyPropertyNameHasASpace() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.READY_PROPERTY_NAME_WITH_A_SPACE);
    }

    @Test
    void closesPeerWhoseReadyNamesSocketTypeTwice() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.READY_WITH_SOCKET_TYPE_TWICE);
    }

    @Test
    void closesPeerThatSendsGarbageInsteadOfAGreeting() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.GARBAGE_INSTEAD_OF_GREETING);
    }

    @Test
    void closesZmtp10Peer() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.ZMTP_1_0_GREETING);
    }

    @Test
    void closesZmtp10PeerWithLongIdentityLength() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.ZMTP_1_0_GREETING_WITH_LONG_LENGTH);
    }

    @Test
    void closesZmtp20Peer() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.ZMTP_2_0_GREETING);
    }

    @Test
    void closesPeerWithUnknownMechanism() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.UNKNOWN_MECHANISM);
    }

    @Test
    void closesPeerThatSendsFrameLargerThanMaxMessageSize() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.FRAME_LARGER_THAN_MAXMSGSIZE);
    }

    @Test
    void closesPeerWhoseFrameHeaderDeclaresATerabyte() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.FRAME_HEADER_DECLARING_A_TERABYTE);
    }

    @Test
    void closesPeerThatTruncatesAFrameAndCloses() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.TRUNCATED_FRAME_THEN_CLOSE);
    }

    @Test
    void closesPeerThatTruncatesAMultipartMessageAndCloses() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.TRUNCATED_MULTIPART_MESSAGE_THEN_CLOSE);
    }

    @Test
    void closesPeerWhoseHandshakeCommandNameRunsPastItsBody() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.COMMAND_NAME_LONGER_THAN_ITS_BODY_IN_HANDSHAKE);
    }

    @Test
    void closesPeerWhoseCommandNameRunsPastItsBodyAfterHandshake() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.COMMAND_NAME_LONGER_THAN_ITS_BODY_AFTER_HANDSHAKE);
    }

    @Test
    void sendsErrorToAndClosesPullPeerOfPull() throws Exception {
        assertCostsOnlyItsConnection(BadPeer.INCOMPATIBLE_SOCKET_TYPE);
    }

    @Test
    void sendsErrorToAndClosesPushPeerOfPush() throws Exception {
        try (Context ctx = new Context();
             Context goodCtx = new Context();
             Socket server = ctx.socket(SocketType.PUSH);
             Socket good = goodCtx.socket(SocketType.PULL)) {
            String ep = server.bind("tcp://127.0.0.1:*");
            good.connect(ep);
            Runnable exchange = () -> {
                assertThat(server.send(Message.of("hello"), DEADLINE)).isTrue();
                Message m = good.receive(DEADLINE);
                assertThat(m).as("message from the server to the good peer").isNotNull();
                assertThat(m.toStrings()).containsExactly("hello");
            };
            exchange.run();
            List<RawZmtpPeer.Frame> frames;
            int port;
            try (RawZmtpPeer raw = RawZmtpPeer.connect(ep)) {
                port = raw.localPort();
                exchange.run();
                raw.handshake("PUSH");
                frames = RawZmtpPeer.framesAfterGreeting(raw.readUntilClosed(DEADLINE));
            }
            assertErrorCommandLast(frames);
            assertLogged(port, "peer socket type: PUSH (expected: [PULL])");
            exchange.run();
        }
    }

    @Test
    void badPeersLeakNoFileDescriptorsAndNoBuffers() throws Exception {
        File fds = new File("/proc/self/fd");
        assumeTrue(fds.isDirectory(), "needs /proc/self/fd (Linux)");
        try (Context ctx = new Context();
             Context goodCtx = new Context();
             Socket server = ctx.socket(SocketType.PULL);
             Socket good = goodCtx.socket(SocketType.PUSH)) {
            server.set(Option.MAXMSGSIZE, MAX_MESSAGE_SIZE);
            String ep = server.bind("tcp://127.0.0.1:*");
            good.connect(ep);
            // A first round loads every class (and opens every jar) the bad peers need.
            // Logging is checked per bad peer elsewhere; here two peers may fail for the same reason,
            // and a reason repeated by a peer is logged at DEBUG.
            for (BadPeer bad : BadPeer.values()) {
                play(bad, ep, server, () -> exchange(good, server, "warm-up " + bad), false);
            }
            exchange(good, server, "baseline");
            int before = openFileDescriptors(fds);
            for (int round = 0; round < 3; round++) {
                for (BadPeer bad : BadPeer.values()) {
                    play(bad, ep, server, () -> { }, false);
                }
            }
            exchange(good, server, "after every bad peer");
            Await.until(() -> openFileDescriptors(fds) <= before, DEADLINE,
                    () -> openFileDescriptors(fds) + " open file descriptors (expected: <= " + before + "): " + describe(fds));
        }
        assertNoLeakReported();
    }

    // ---- the checks ----

    /** Plays {@code bad} against a PULL while a PUSH in another context keeps talking to it. */
    private void assertCostsOnlyItsConnection(BadPeer bad) throws Exception {
        try (Context ctx = new Context();
             Context goodCtx = new Context();
             Socket server = ctx.socket(SocketType.PULL);
             Socket good = goodCtx.socket(SocketType.PUSH)) {
            server.set(Option.MAXMSGSIZE, MAX_MESSAGE_SIZE);
            String ep = server.bind("tcp://127.0.0.1:*");
            good.connect(ep);
            exchange(good, server, "before");
            try (Monitor monitor = server.monitor(EnumSet.of(
                    SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.Type.DISCONNECTED))) {
                int port = play(bad, ep, server, () -> exchange(good, server, "while the bad peer is connected"));
                assertMonitorReports(monitor, port, bad);
            }
            exchange(good, server, "after");
            exchange(good, server, "and after");
        }
    }

    /** Plays {@code bad} on a new raw connection; returns the raw peer's local port. */
    private int play(BadPeer bad, String ep, Socket server, Runnable whileConnected) throws IOException {
        return play(bad, ep, server, whileConnected, true);
    }

    private int play(BadPeer bad, String ep, Socket server, Runnable whileConnected, boolean logged) throws IOException {
        List<RawZmtpPeer.Frame> frames;
        int port;
        try (RawZmtpPeer raw = RawZmtpPeer.connect(ep)) {
            port = raw.localPort();
            whileConnected.run();
            bad.misbehave(raw, server);
            frames = RawZmtpPeer.framesAfterGreeting(raw.readUntilClosed(DEADLINE));
        }
        bad.checkReceived(frames);
        if (logged) {
            assertLogged(port, bad.reason);
        }
        return port;
    }

    /**
     * The monitor's events for the raw peer: HANDSHAKE_FAILED_PROTOCOL (during the handshake) then
     * DISCONNECTED, each carrying the reason.
     */
    private static void assertMonitorReports(Monitor monitor, int peerPort, BadPeer bad) {
        String remote = "tcp://127.0.0.1:" + peerPort;
        List<SocketEvent> seen = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (seen.isEmpty() || seen.get(seen.size() - 1).type() != SocketEvent.Type.DISCONNECTED) {
            long left = deadline - System.nanoTime();
            SocketEvent e = left > 0 ? monitor.next(Duration.ofNanos(left)) : null;
            if (e == null) {
                throw new AssertionError("no DISCONNECTED event for " + remote + " within " + DEADLINE + "; saw " + seen);
            }
            if (remote.equals(e.remoteAddress())) {
                seen.add(e);
            }
        }
        List<SocketEvent.Type> expected = bad.phase == Phase.HANDSHAKE
                ? List.of(SocketEvent.Type.HANDSHAKE_FAILED_PROTOCOL, SocketEvent.Type.DISCONNECTED)
                : List.of(SocketEvent.Type.DISCONNECTED);
        assertThat(seen).extracting(SocketEvent::type).as("events for %s", remote).isEqualTo(expected);
        assertThat(seen).allSatisfy(e -> assertThat(e.reason()).contains(bad.reason));
    }

    private static void exchange(Socket good, Socket server, String text) {
        assertThat(good.send(Message.of(text), DEADLINE)).as("good peer sends '%s'", text).isTrue();
        Message m = server.receive(DEADLINE);
        assertThat(m).as("server receives '%s'", text).isNotNull();
        assertThat(m.toStrings()).containsExactly(text);
    }

    private static void assertErrorCommandLast(List<RawZmtpPeer.Frame> frames) {
        assertThat(frames).as("frames after the greeting").isNotEmpty();
        RawZmtpPeer.Frame last = frames.get(frames.size() - 1);
        assertThat(last.isCommand()).as("last frame is a command").isTrue();
        assertThat(last.commandName()).isEqualTo("ERROR");
        byte[] data = last.commandData();
        assertThat(data).as("ERROR data: reason-size reason").isNotEmpty();
        assertThat(data.length).isEqualTo(1 + (data[0] & 0xFF));
        assertThat(new String(data, 1, data.length - 1, US_ASCII)).isNotBlank();
    }

    private void assertLogged(int peerPort, String reason) {
        String needle = "127.0.0.1:" + peerPort + ": closing connection: " + reason;
        String line = stderr.awaitLine(l -> l.contains(needle), DEADLINE, "containing '" + needle + "'");
        assertThat(line).contains(" WARN " + LOGGER + " - ").contains("peer /127.0.0.1:" + peerPort);
    }

    /**
     * Netty reports a leak when the leaked buffer's tracker is collected and a later allocation
     * polls the reference queue: collect, allocate, and look for its "LEAK:" line.
     */
    private void assertNoLeakReported() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            pooled.release();
            ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(64);
            unpooled.release();
        }
        assertThat(stderr.lines()).noneMatch(l -> l.contains("LEAK:"));
    }

    private static int openFileDescriptors(File fds) {
        String[] names = fds.list();
        return names == null ? -1 : names.length;
    }

    private static String describe(File fds) {
        List<String> out = new ArrayList<>();
        String[] names = fds.list();
        if (names != null) {
            for (String n : names) {
                try {
                    out.add(n + "->" + Files.readSymbolicLink(Path.of(fds.getPath(), n)));
                } catch (IOException e) {
                    out.add(n + "->?");
                }
            }
        }
        return String.join(", ", out);
    }
}
