package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.chaos.ChaosRelay;
import dev.zmq4j.security.CurveKeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * CURVE against a man in the middle between a PUSH client and a PULL server: one MESSAGE flipped,
 * replayed, dropped or swapped with the next closes the connection, and what was delivered is
 * exactly the messages before it, in order: nothing corrupted, replayed or reordered. The same
 * holds for a bit flipped anywhere in the stream of boxes (a frame's header, nonce, MAC or
 * payload), at offsets drawn from a seeded generator.
 */
@Timeout(60)
class CurveTamperingTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int TARGET = 5;
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    @ParameterizedTest
    @EnumSource(TamperingRelay.Tamper.class)
    void aTamperedMessageClosesTheConnectionAndNothingOfItIsDelivered(TamperingRelay.Tamper tamper) throws Exception {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Socket pull = ctx.socket(SocketType.PULL);
        pull.set(Option.LINGER, Duration.ZERO);
        pull.set(Option.CURVE_SERVER, true);
        pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
        Socket push = ctx.socket(SocketType.PUSH);
        push.set(Option.LINGER, Duration.ZERO);
        push.set(Option.CURVE_SERVERKEY, serverKeys.publicKey());
        push.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
        push.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
        try (Monitor serverEvents = pull.monitor();
             TamperingRelay relay = new TamperingRelay(pull.bind("tcp://127.0.0.1:*"), tamper, TARGET)) {
            push.connect(relay.endpoint());
            for (int i = 0; i < 20; i++) {
                push.send("m" + i);
            }
            SocketEvent closed = Events.await(serverEvents, SocketEvent.Type.DISCONNECTED);
            assertThat(closed.reason()).contains("MESSAGE");
            List<String> delivered = new ArrayList<>();
            for (Message m; (m = pull.receive(Duration.ofMillis(300))) != null; ) {
                delivered.add(m.first().toUtf8());
            }
            List<String> expected = new ArrayList<>();
            // A replayed frame is refused after the original was delivered; the others before it.
            int before = tamper == TamperingRelay.Tamper.REPLAY ? TARGET + 1 : TARGET;
            for (int i = 0; i < before; i++) {
                expected.add("m" + i);
            }
            assertThat(delivered).as(tamper + " of message " + TARGET).isEqualTo(expected);
        }
    }

    private static final int CORRUPTIONS = 40;
    private static final int MESSAGES = 20;

    @Test
    void aBitFlippedAnywhereInTheBoxesClosesTheConnectionAndDeliversNothingFromThereOn() throws Exception {
        CurveKeyPair serverKeys = CurveKeyPair.generate();
        CurveKeyPair clientKeys = CurveKeyPair.generate();
        Random offsets = new Random(13);
        for (int trial = 0; trial < CORRUPTIONS; trial++) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.set(Option.LINGER, Duration.ZERO);
            pull.set(Option.CURVE_SERVER, true);
            pull.set(Option.CURVE_SECRETKEY, serverKeys.secretKey());
            Socket push = ctx.socket(SocketType.PUSH);
            push.set(Option.LINGER, Duration.ZERO);
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(-1));
            push.set(Option.CURVE_SERVERKEY, serverKeys.publicKey());
            push.set(Option.CURVE_PUBLICKEY, clientKeys.publicKey());
            push.set(Option.CURVE_SECRETKEY, clientKeys.secretKey());
            try (Monitor serverEvents = pull.monitor(EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED, SocketEvent.Type.DISCONNECTED));
                 ChaosRelay relay = new ChaosRelay(pull.bind("tcp://127.0.0.1:*"))) {
                push.connect(relay.endpoint());
                // Once the server has the whole handshake, and then the first box, the relay knows
                // where the boxes start and how long one is (every message has the same length).
                assertThat(push.send(String.format("m%03d", 0), WAIT)).isTrue();
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m000");
                Events.await(serverEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
                long firstBoxEnd = relay.bytesRead(ChaosRelay.Direction.UPSTREAM);
                assertThat(push.send(String.format("m%03d", 1), WAIT)).isTrue();
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m001");
                long box = relay.bytesRead(ChaosRelay.Direction.UPSTREAM) - firstBoxEnd;
                long start = firstBoxEnd + box;
                long offset = start + (long) (offsets.nextDouble() * box * (MESSAGES - 2));
                int hit = 2 + (int) ((offset - start) / box);
                relay.corruptAt(ChaosRelay.Direction.UPSTREAM, offset);
                for (int i = 2; i < MESSAGES; i++) {
                    assertThat(push.send(String.format("m%03d", i), WAIT)).isTrue();
                }
                // A flipped size bit may leave the server waiting for bytes that never come: more
                // boxes follow until it gives up on the connection.
                long deadline = System.nanoTime() + WAIT.toNanos();
                SocketEvent e;
                do {
                    push.trySend("pad-");
                    e = serverEvents.next(Duration.ofMillis(5));
                    assertThat(System.nanoTime() - deadline).as("DISCONNECTED within " + WAIT).isNegative();
                } while (e == null || e.type() != SocketEvent.Type.DISCONNECTED);
                List<String> delivered = new ArrayList<>();
                for (Message m; (m = pull.tryReceive()) != null; ) {
                    delivered.add(m.first().toUtf8());
                }
                List<String> expected = new ArrayList<>();
                for (int i = 2; i < hit; i++) {
                    expected.add(String.format("m%03d", i));
                }
                assertThat(delivered).as("trial %d: bit flipped at byte %d of box %d (%s)", trial, (offset - start) % box, hit, e.reason())
                        .isEqualTo(expected);
            } finally {
                push.close();
                pull.close();
            }
        }
    }
}
