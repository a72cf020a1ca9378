package dev.zmq4j.zmtp;

import static dev.zmq4j.zmtp.Bytes.ascii;
import static dev.zmq4j.zmtp.Bytes.concat;
import static dev.zmq4j.zmtp.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HandshakeTest {
    private static final byte[] NULL_GREETING = Greeting.of("NULL", false).encode();

    private static byte[] ready(String socketType, String identity) {
        return new Command(Command.READY, Bytes.metadata(socketType, identity).encode()).encodeFrame();
    }

    private static StreamHandshake pull() {
        return new StreamHandshake(new NullMechanism(Bytes.metadata("PULL", null)), Bytes.profile("PULL"), -1);
    }

    /** Decodes the frames a handshake sent to its sink, checking each array holds whole frames. */
    private static List<DecodedFrame> frames(List<byte[]> sent) throws ProtocolException {
        List<DecodedFrame> out = new ArrayList<>();
        for (byte[] b : sent) {
            out.addAll(FrameCollector.decode(List.of(b), -1, false));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"PUSH, PULL", "PULL, PUSH", "REQ, REP", "REP, REQ", "PAIR, PAIR", "DEALER, ROUTER"})
    void completesBackToBackAndExposesEachOthersMetadata(String typeA, String typeB) throws ProtocolException {
        HandshakePeer a = new HandshakePeer(typeA, "id-" + typeA);
        HandshakePeer b = new HandshakePeer(typeB, null);

        HandshakePeer.connect(a, b, Integer.MAX_VALUE);

        assertThat(a.handshake.peerMetadata().getString(Metadata.SOCKET_TYPE)).isEqualTo(typeB);
        assertThat(a.handshake.peerMetadata().get(Metadata.IDENTITY)).isNull();
        assertThat(b.handshake.peerMetadata().getString(Metadata.SOCKET_TYPE)).isEqualTo(typeA);
        assertThat(b.handshake.peerMetadata().getString(Metadata.IDENTITY)).isEqualTo("id-" + typeA);
        assertThat(a.handshake.peerGreeting()).isEqualTo(Greeting.of("NULL", false));
        assertThat(a.afterHandshake.size()).isZero();
        assertThat(b.afterHandshake.size()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"PUSH, PULL", "REQ, REP"})
    void completesWithBytesDeliveredOneAtATime(String typeA, String typeB) throws ProtocolException {
        HandshakePeer a = new HandshakePeer(typeA, "me");
        HandshakePeer b = new HandshakePeer(typeB, "you");

        HandshakePeer.connect(a, b, 1);

        assertThat(a.handshake.peerMetadata().getString("Identity")).isEqualTo("you");
        assertThat(b.handshake.peerMetadata().getString("Identity")).isEqualTo("me");
        assertThat(b.handshake.peerMetadata().getString("socket-type")).isEqualTo(typeA);
    }

    @Test
    void completesWithEveryChunkSize() throws ProtocolException {
        for (int chunk = 1; chunk <= 120; chunk++) {
            HandshakePeer a = new HandshakePeer("REQ", null);
            HandshakePeer b = new HandshakePeer("REP", null);

            HandshakePeer.connect(a, b, chunk);

            assertThat(a.handshake.peerMetadata().getString("Socket-Type")).as("chunk %d", chunk).isEqualTo("REP");
        }
    }

    @Test
    void sendsReadyOnlyOnceThePeerGreetingIsComplete() throws ProtocolException {
        StreamHandshake h = pull();
        List<byte[]> sent = new ArrayList<>();

        assertThat(h.feed(ByteBuffer.wrap(NULL_GREETING, 0, 63), sent::add)).isFalse();
        assertThat(sent).isEmpty();

        assertThat(h.feed(ByteBuffer.wrap(NULL_GREETING, 63, 1), sent::add)).isFalse();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).isEqualTo(concat(hex("04 1a 05"), ascii("READY"),
                hex("0b"), ascii("Socket-Type"), hex("00 00 00 04"), ascii("PULL")));
        assertThat(h.peerGreeting()).isEqualTo(Greeting.of("NULL", false));
    }

    @Test
    void leavesBytesAfterReadyForTheMessageDecoder() throws ProtocolException {
        StreamHandshake h = pull();
        byte[] messages = concat(hex("01 05 68 65 6c 6c 6f"), hex("00 00"), new Command(Command.PING, hex("00 00")).encodeFrame());
        ByteBuffer in = ByteBuffer.wrap(concat(NULL_GREETING, ready("PUSH", null), messages));

        assertThat(h.feed(in, b -> { })).isTrue();

        assertThat(Bytes.remaining(in)).isEqualTo(messages);
        FrameCollector collector = new FrameCollector();
        assertThat(h.decoder().decode(in, collector)).isTrue();
        assertThat(collector.frames).containsExactly(
                new DecodedFrame(FrameFlags.MORE, ascii("hello")),
                new DecodedFrame(0, new byte[0]),
                new DecodedFrame(FrameFlags.COMMAND, hex("04 50 49 4e 47 00 00")));
    }

    @Test
    void leavesBytesAfterReadyUnderEveryFragmentation() throws ProtocolException {
        byte[] messages = concat(hex("01 01 41"), Bytes.frame(0, Bytes.pattern(300, 0)));
        byte[] stream = concat(NULL_GREETING, ready("PUSH", "x"), messages);
        for (int cut = 0; cut <= stream.length; cut++) {
            StreamHandshake h = pull();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            boolean done = false;
            for (byte[] piece : Bytes.split(stream, cut)) {
                ByteBuffer in = ByteBuffer.wrap(piece);
                if (!done) {
                    done = h.feed(in, b -> { });
                }
                rest.writeBytes(Bytes.remaining(in));
            }

            assertThat(done).as("split at %d", cut).isTrue();
            assertThat(rest.toByteArray()).as("split at %d", cut).isEqualTo(messages);
        }
    }

    @ParameterizedTest
    @CsvSource({"PUSH, PUSH", "REQ, REQ", "PULL, PULL", "REP, REP", "PUSH, REQ", "PAIR, PUSH"})
    void refusesAnIncompatibleSocketTypeWithAnErrorCommand(String ours, String theirs) throws ProtocolException {
        StreamHandshake h = new StreamHandshake(new NullMechanism(Bytes.metadata(ours, null)), Bytes.profile(ours), -1);
        List<byte[]> sent = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(concat(NULL_GREETING, ready(theirs, null)));

        assertThatThrownBy(() -> h.feed(in, sent::add))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(theirs);

        List<DecodedFrame> out = frames(sent);
        assertThat(out).hasSize(2);
        assertThat(Command.decode(out.get(0).body()).name()).isEqualTo(Command.READY);
        DecodedFrame last = out.get(1);
        assertThat(last.flags()).isEqualTo(FrameFlags.COMMAND);
        Command error = Command.decode(last.body());
        assertThat(error.name()).isEqualTo(Command.ERROR);
        assertThat(error.errorReason()).isNotBlank();
    }

    @Test
    void bothSidesOfPushPushRefuse() throws ProtocolException {
        HandshakePeer a = new HandshakePeer("PUSH", null);
        HandshakePeer b = new HandshakePeer("PUSH", null);
        b.receiveFrom(a, Integer.MAX_VALUE);

        // a reads b's greeting and READY, answers READY, then ERROR, and refuses.
        assertThatThrownBy(() -> a.receiveFrom(b, Integer.MAX_VALUE)).isInstanceOf(ProtocolException.class);
        // b refuses a's READY for the same reason.
        assertThatThrownBy(() -> b.receiveFrom(a, Integer.MAX_VALUE))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("PUSH");
    }

    @Test
    void refusesAPeerWithoutSocketType() throws ProtocolException {
        StreamHandshake h = pull();
        List<byte[]> sent = new ArrayList<>();
        byte[] emptyReady = new Command(Command.READY, new byte[0]).encodeFrame();

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, emptyReady)), sent::add))
                .isInstanceOf(ProtocolException.class);
        assertThat(Command.decode(frames(sent).get(1).body()).name()).isEqualTo(Command.ERROR);
    }

    @Test
    void refusesAMechanismMismatchWithoutSendingReady() {
        StreamHandshake h = pull();
        List<byte[]> sent = new ArrayList<>();
        byte[] plain = Greeting.of("PLAIN", true).encode();

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(plain), sent::add))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("PLAIN");
        assertThat(sent).isEmpty();
    }

    @Test
    void refusesAMessageFrameBeforeReady() {
        StreamHandshake h = pull();

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, hex("00 01 41"))), b -> { }))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("message frame");
    }

    @Test
    void refusesALargeMessageFrameBeforeReadyAtItsHeader() {
        // A peer that has not completed the handshake must not make us buffer a message body.
        StreamHandshake h = pull();
        byte[] header = hex("02 00 00 00 00 7f ff ff 00");

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, header)), b -> { }))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void reportsAnErrorFromThePeerWithItsReason() {
        StreamHandshake h = pull();

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, Command.error("go away").encodeFrame())), b -> { }))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("go away");
    }

    @Test
    void refusesAnUnexpectedCommandBeforeReady() {
        StreamHandshake h = pull();
        byte[] ping = new Command(Command.PING, hex("00 00")).encodeFrame();

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, ping)), b -> { }))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("PING");
    }

    @Test
    void refusesAZmtp2PeerAfterElevenBytesWithoutWaitingForTheRest() {
        StreamHandshake h = pull();
        byte[] zmtp20 = concat(hex("ff"), new byte[8], hex("7f 01"));

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(zmtp20), b -> { })).isInstanceOf(ProtocolException.class);
    }

    @Test
    void acceptsAZmtp30Peer() throws ProtocolException {
        StreamHandshake h = pull();
        byte[] greeting30 = new Greeting(3, 0, "NULL", false).encode();

        assertThat(h.feed(ByteBuffer.wrap(concat(greeting30, ready("PUSH", null))), b -> { })).isTrue();
        assertThat(h.peerGreeting().minor()).isZero();
        assertThat(h.peerGreeting().atLeast31()).isFalse();
    }

    @Test
    void refusesAnOversizedCommandDuringTheHandshakeAtItsHeader() {
        StreamHandshake h = pull();
        byte[] header = new byte[9];
        FrameFlags.writeHeader(header, 0, FrameFlags.COMMAND, Handshake.MAX_COMMAND_SIZE + 1);

        assertThatThrownBy(() -> h.feed(ByteBuffer.wrap(concat(NULL_GREETING, header)), b -> { }))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void sendsAGreetingThatAnnouncesNullAndClient() throws ProtocolException {
        assertThat(pull().greeting()).isEqualTo(NULL_GREETING);
        assertThat(Greeting.decode(pull().greeting()).asServer()).isFalse();
    }
}
