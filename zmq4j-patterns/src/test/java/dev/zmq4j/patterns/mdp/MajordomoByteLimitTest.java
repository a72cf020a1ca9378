package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import dev.zmq4j.patterns.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker's bounds in bytes: a request larger than {@code maxMessageSize} is refused by its
 * ROUTER before the broker sees it, and a service's queue holds at most {@code maxQueuedBytes} of
 * requests, the others dropped and counted as at {@code maxQueuedRequests}.
 */
@Timeout(60)
class MajordomoByteLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int KIB = 1024;
    private BrokerBed bed;

    @AfterEach
    void close() throws Exception {
        if (bed != null) {
            bed.close();
        }
    }

    /** A 1 KiB body starting with {@code i}, so that the worker can tell the requests apart. */
    private static String body(int i) {
        String index = String.format("%04d ", i);
        return index + "x".repeat(KIB - index.length());
    }

    /** Reads {@code events} until one of {@code type}; fails after {@link #WAIT}. */
    private static void awaitEvent(Monitor events, SocketEvent.Type type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<SocketEvent> seen = new ArrayList<>();
        while (deadline - System.nanoTime() > 0) {
            SocketEvent e = events.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e != null && e.type() == type) {
                return;
            }
            if (e != null) {
                seen.add(e);
            }
        }
        throw new AssertionError("no " + type + " within " + WAIT + "; saw " + seen);
    }

    private static Message request(String service, String body) {
        return Message.of(Frame.EMPTY, Frame.of(Mdp.CLIENT), Frame.of(service), Frame.of(body));
    }

    @Test
    void aRequestOverTheMaxMessageSizeNeverReachesAWorkerAndOthersAreServed() {
        bed = new BrokerBed(BrokerBed.HEARTBEAT, broker -> broker.maxMessageSize(4 * KIB));
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        bed.worker("echo", body -> {
            handled.add(body.first().toUtf8());
            return body;
        });
        Socket big = bed.closeLater(bed.context.socket(SocketType.DEALER));
        big.set(Option.LINGER, Duration.ZERO);
        try (Monitor events = big.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED))) {
            big.connect(bed.endpoint);
            awaitEvent(events, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            assertThat(big.send(request("echo", "y".repeat(8 * KIB)), WAIT)).isTrue();
            awaitEvent(events, SocketEvent.Type.DISCONNECTED);
        }

        assertThat(bed.client(WAIT, 0).request("echo", "small")).isEqualTo("small");
        assertThat(handled).as("requests the worker got").containsExactly("small");
        assertThat(bed.broker.requestsReceived()).as("the 8 KiB request never reached the broker").isEqualTo(1);
        assertThat(bed.broker.requestsDropped()).isZero();
    }

    @Test
    void aServiceQueueHoldsAtMostMaxQueuedBytesAndTheRestIsDropped() {
        bed = new BrokerBed();
        bed.broker.requestTtl(Duration.ofMinutes(10));
        bed.broker.maxQueuedBytes(10 * KIB);
        List<String> dropped = Collections.synchronizedList(new ArrayList<>());
        bed.broker.listener(new BrokerListener() {
            @Override
            public void requestDropped(Frame client, String service, String why) {
                dropped.add(why);
            }
        });
        Socket client = bed.rawPeer();
        int sent = 30;

        for (int i = 0; i < sent; i++) {
            assertThat(client.send(request("nobody", body(i)), WAIT)).as("request %d sent", i).isTrue();
        }
        Await.until(() -> bed.broker.requestsReceived() == sent && dropped.size() == sent - 10, WAIT,
                () -> "received " + bed.broker.requestsReceived() + ", dropped " + dropped.size());

        assertThat(bed.broker.queuedRequests()).as("requests held").isEqualTo(10);
        assertThat(bed.broker.queuedBytes()).as("bytes held").isEqualTo(10 * KIB);
        assertThat(bed.broker.requestsDropped()).isEqualTo(sent - 10);
        assertThat(dropped).allSatisfy(why -> assertThat(why).isEqualTo(
                "service nobody: 10240 bytes waiting for a worker and 1024 more (expected: <= 10240 in all, maxQueuedBytes)"));

        List<String> served = Collections.synchronizedList(new ArrayList<>());
        bed.worker("nobody", body -> {
            served.add(body.first().toUtf8());
            return body;
        });
        for (int i = 0; i < 10; i++) {
            Message reply = client.receive(WAIT);
            assertThat(reply).as("reply %d", i).isNotNull();
            assertThat(reply.frame(3).toUtf8()).isEqualTo(body(i));
        }
        assertThat(served).as("the worker got the oldest requests, in order")
                .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(MajordomoByteLimitTest::body).toList());
        assertThat(bed.broker.queuedBytes()).isZero();
    }

    @Test
    void theByteLimitsMustBePositiveAndTheMessageSizeSetBeforeBind() {
        bed = new BrokerBed();
        assertThatThrownBy(() -> bed.broker.maxQueuedBytes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxQueuedBytes: 0 (expected: > 0)");
        assertThatThrownBy(() -> bed.broker.maxMessageSize(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMessageSize: -1 (expected: > 0)");
        assertThatThrownBy(() -> bed.broker.maxMessageSize(KIB))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maxMessageSize: the broker is bound (expected: set before bind)");
    }
}
