package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-made ZAP server side (rfc 27): a DEALER on {@link Authenticator#ENDPOINT} that sends raw
 * request frames and reads raw reply frames, so tests see the handler's wire behaviour. Not
 * thread-safe: one per thread.
 */
final class ZapClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A reply's frames after the delimiter, as rfc 27 names them. */
    record Reply(String version, byte[] requestId, String status, String text, String userId, byte[] metadata) {
        Metadata properties() {
            try {
                return Metadata.decode(metadata, 0);
            } catch (ProtocolException e) {
                throw new AssertionError("reply metadata is not ZMTP properties", e);
            }
        }

        String requestIdText() {
            return new String(requestId, StandardCharsets.UTF_8);
        }
    }

    private final Socket dealer;
    private final AtomicInteger ids = new AtomicInteger();

    ZapClient(Context context) {
        dealer = context.socket(SocketType.DEALER);
        dealer.set(Option.LINGER, Duration.ZERO);
        dealer.connect(Authenticator.ENDPOINT);
    }

    /** Sends a well-formed request (empty identity) and returns its reply, checking the echoed request id. */
    Reply request(String domain, String address, String mechanism, byte[]... credentials) {
        String id = "req-" + ids.incrementAndGet();
        List<Frame> frames = new ArrayList<>(List.of(Frame.EMPTY, Frame.of("1.0"), Frame.of(id), Frame.of(domain),
                Frame.of(address), Frame.EMPTY, Frame.of(mechanism)));
        for (byte[] c : credentials) {
            frames.add(Frame.of(c));
        }
        send(frames);
        Reply reply = receive();
        assertThat(reply.requestIdText()).as("request id echoed").isEqualTo(id);
        return reply;
    }

    /** A NULL request from {@code address}, domain "global". */
    Reply nullFrom(String address) {
        return request("global", address, "NULL");
    }

    /** A PLAIN request from 127.0.0.1. */
    Reply plain(String user, String password) {
        return request("global", "127.0.0.1", "PLAIN", bytes(user), bytes(password));
    }

    /** A CURVE request from 127.0.0.1. */
    Reply curve(byte[] publicKey) {
        return request("global", "127.0.0.1", "CURVE", publicKey);
    }

    void send(List<Frame> frames) {
        assertThat(dealer.send(Message.of(frames), WAIT)).as("request sent").isTrue();
    }

    /** The next message, whatever its frames. */
    Message receiveRaw() {
        Message m = dealer.receive(WAIT);
        assertThat(m).as("a ZAP reply within " + WAIT).isNotNull();
        return m;
    }

    /** The next reply: its delimiter checked and removed. */
    Reply receive() {
        Message m = receiveRaw();
        assertThat(m.size()).as("reply frames " + m).isEqualTo(7);
        assertThat(m.frame(0).isEmpty()).as("delimiter").isTrue();
        return new Reply(m.frame(1).toUtf8(), m.frame(2).toByteArray(), m.frame(3).toUtf8(), m.frame(4).toUtf8(),
                m.frame(5).toUtf8(), m.frame(6).toByteArray());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        dealer.close();
    }
}
