package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.transports.TransportFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One checklist applied to every socket type, over every transport of {@link TransportFixture}:
 * which directions are allowed, a whole-message exchange with each compatible peer type,
 * behaviour with no peers, and what a closed socket does.
 */
@Timeout(60)
class SocketTypeChecklistTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Set<SocketType> SEND_ONLY = EnumSet.of(SocketType.PUSH, SocketType.PUB);
    private static final Set<SocketType> RECEIVE_ONLY = EnumSet.of(SocketType.PULL, SocketType.SUB);

    private final List<Context> contexts = new ArrayList<>();

    @AfterEach
    void closeAll() {
        contexts.forEach(Context::close);
    }

    private Context context() {
        Context c = new Context();
        contexts.add(c);
        return c;
    }

    static Stream<Arguments> pairs() {
        SocketType[][] pairs = {
            {SocketType.PAIR, SocketType.PAIR},
            {SocketType.PUSH, SocketType.PULL},
            {SocketType.PULL, SocketType.PUSH},
            {SocketType.REQ, SocketType.REP},
            {SocketType.REP, SocketType.REQ},
            {SocketType.REQ, SocketType.ROUTER},
            {SocketType.DEALER, SocketType.REP},
            {SocketType.DEALER, SocketType.ROUTER},
            {SocketType.ROUTER, SocketType.DEALER},
            {SocketType.DEALER, SocketType.DEALER},
            {SocketType.PUB, SocketType.SUB},
            {SocketType.SUB, SocketType.PUB},
            {SocketType.XPUB, SocketType.XSUB},
            {SocketType.XSUB, SocketType.XPUB},
            {SocketType.PUB, SocketType.XSUB},
            {SocketType.XPUB, SocketType.SUB},
        };
        List<Arguments> out = new ArrayList<>();
        for (TransportFixture t : TransportFixture.values()) {
            for (SocketType[] p : pairs) {
                out.add(Arguments.of(t, p[0], p[1]));
            }
        }
        return out.stream();
    }

    /**
     * The binder binds, the connecter connects; a message with an empty frame in it crosses whole
     * from the side that speaks first (REQ, PUB-like, PUSH, or the non-ROUTER side), and a ROUTER
     * answers by routing id.
     */
    @ParameterizedTest(name = "{0}: {1} binds, {2} connects")
    @MethodSource("pairs")
    void compatiblePeersExchangeWholeMessages(TransportFixture transport, SocketType binderType, SocketType connecterType) {
        Context ctx = context();
        Socket binder = ctx.socket(binderType);
        Socket connecter = ctx.socket(connecterType);
        for (Socket s : List.of(binder, connecter)) {
            s.set(Option.LINGER, Duration.ZERO);
            if (s.type() == SocketType.SUB) {
                s.set(Option.SUBSCRIBE, new byte[0]);
            }
        }
        String ep = binder.bind(transport.endpoint());
        connecter.connect(ep);
        for (Socket s : List.of(binder, connecter)) {
            if (s.type() == SocketType.XSUB) {
                assertThat(s.send(new byte[] {1}, WAIT)).isTrue();
            }
        }
        Socket sender = speaksFirst(binderType, connecterType) ? binder : connecter;
        Socket receiver = sender == binder ? connecter : binder;
        if (receiver.type() == SocketType.XPUB) {
            Message subscription = receiver.receive(WAIT);
            assertThat(subscription).isNotNull();
            assertThat(subscription.first().toByteArray()).containsExactly(1);
            // Swap: the XPUB now publishes to its subscriber.
            Socket t = sender;
            sender = receiver;
            receiver = t;
        }
        List<Frame> payload = List.of(Frame.of("topic"), Frame.EMPTY, Frame.of("payload"));
        List<Frame> sent = new ArrayList<>(payload);
        if (sender.type() == SocketType.DEALER && receiver.type() == SocketType.REP) {
            sent.add(0, Frame.EMPTY);
        }
        Message got = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        // PUB-like senders drop until the subscription has arrived: resend until one is seen.
        boolean dropping = sender.type() == SocketType.PUB || sender.type() == SocketType.XPUB;
        do {
            assertThat(sender.send(Message.of(sent), WAIT)).isTrue();
            got = receiver.receive(dropping ? Duration.ofMillis(100) : WAIT);
        } while (got == null && dropping && System.nanoTime() < deadline);
        assertThat(got).as(sender.type() + " -> " + receiver.type() + " over " + transport).isNotNull();
        List<Frame> frames = got.frames();
        if (receiver.type() == SocketType.ROUTER) {
            Frame id = frames.get(0);
            frames = frames.subList(1, frames.size());
            if (sender.type() == SocketType.REQ) {
                assertThat(frames.get(0)).isEqualTo(Frame.EMPTY);
                frames = frames.subList(1, frames.size());
                assertThat(receiver.send(Message.of(id, Frame.EMPTY, Frame.of("reply")), WAIT)).isTrue();
            } else {
                assertThat(receiver.send(Message.of(id, Frame.of("reply")), WAIT)).isTrue();
            }
            assertThat(sender.receive(WAIT).toStrings()).containsExactly("reply");
        }
        assertThat(frames).containsExactlyElementsOf(payload);
    }

    private static boolean speaksFirst(SocketType binder, SocketType connecter) {
        for (SocketType first : List.of(SocketType.REQ, SocketType.PUB, SocketType.XPUB, SocketType.PUSH, SocketType.DEALER)) {
            if (binder == first) {
                return true;
            }
            if (connecter == first) {
                return false;
            }
        }
        return true;
    }

    static Stream<Arguments> hwmPairs() {
        SocketType[][] pairs = {
            {SocketType.PUSH, SocketType.PULL}, {SocketType.DEALER, SocketType.DEALER}, {SocketType.PAIR, SocketType.PAIR},
            {SocketType.PUB, SocketType.SUB}, {SocketType.XPUB, SocketType.SUB}, {SocketType.ROUTER, SocketType.DEALER},
        };
        List<Arguments> out = new ArrayList<>();
        for (TransportFixture t : TransportFixture.values()) {
            for (SocketType[] p : pairs) {
                out.add(Arguments.of(t, p[0], p[1]));
            }
        }
        return out.stream();
    }

    /**
     * At HWM, with a peer that does not read: PUSH, DEALER and PAIR stop accepting (memory stays
     * bounded); PUB, XPUB and ROUTER never block, they drop.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("hwmPairs")
    void behaviourAtHighWaterMark(TransportFixture transport, SocketType senderType, SocketType readerType) {
        Context ctx = context();
        Socket sender = ctx.socket(senderType);
        Socket reader = ctx.socket(readerType);
        for (Socket s : List.of(sender, reader)) {
            s.set(Option.LINGER, Duration.ZERO);
            s.set(Option.SNDHWM, 10);
            s.set(Option.RCVHWM, 10);
        }
        if (readerType == SocketType.SUB) {
            reader.set(Option.SUBSCRIBE, new byte[0]);
        }
        if (readerType == SocketType.DEALER) {
            reader.set(Option.ROUTING_ID, "reader".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        reader.connect(sender.bind(transport.endpoint()));
        // Wait until the peer is there: its first message (or subscription) has arrived.
        byte[] payload = new byte[1024];
        switch (senderType) {
            case ROUTER -> {
                reader.send("hello");
                assertThat(sender.receive(WAIT)).isNotNull();
            }
            case PUB, XPUB -> {
                Message seen = null;
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (seen == null && System.nanoTime() < deadline) {
                    sender.send("sync");
                    seen = reader.receive(Duration.ofMillis(20));
                }
                assertThat(seen).isNotNull();
            }
            default -> assertThat(sender.send(new byte[0], WAIT)).isTrue();
        }
        int accepted = 0;
        boolean refused = false;
        for (int i = 0; i < 100_000 && !refused; i++) {
            Object ok = senderType == SocketType.ROUTER
                    ? sender.trySend(Message.of(Frame.of("reader"), Frame.wrap(payload)))
                    : sender.trySend(payload);
            if (Boolean.TRUE.equals(ok)) {
                accepted++;
            } else {
                refused = true;
            }
        }
        boolean dropping = senderType == SocketType.PUB || senderType == SocketType.XPUB || senderType == SocketType.ROUTER;
        if (dropping) {
            assertThat(refused).as(senderType + " never blocks").isFalse();
            assertThat(sender.statistics().messagesDropped()).as(senderType + " counts what it dropped").isPositive();
        } else {
            assertThat(refused).as(senderType + " stops at HWM").isTrue();
            assertThat(accepted).as("messages accepted without a reader").isLessThan(50_000);
        }
    }

    /** Directions a type does not have are refused, before and after it has peers. */
    @ParameterizedTest
    @EnumSource(SocketType.class)
    void refusesTheDirectionsItDoesNotHave(SocketType type) {
        Socket s = context().socket(type);
        if (RECEIVE_ONLY.contains(type)) {
            assertThatThrownBy(() -> s.trySend(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
        }
        if (SEND_ONLY.contains(type)) {
            assertThatThrownBy(s::tryReceive).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    /** With no peer: blocking types would block, dropping types drop, nothing is received. */
    @ParameterizedTest
    @EnumSource(SocketType.class)
    void behaviourWithNoPeers(SocketType type) {
        Socket s = context().socket(type);
        if (canReceive(type) && !requester(type) && type != SocketType.REP) {
            assertThat(s.tryReceive()).isNull();
            assertThat(s.receive(Duration.ofMillis(20))).isNull();
        }
        switch (type) {
            case PUB, XPUB -> assertThat(s.trySend(new byte[] {1})).as("drops, never blocks").isTrue();
            case ROUTER -> assertThat(s.trySend(Message.of("nobody", "x"))).as("unroutable: dropped").isTrue();
            case PUSH, DEALER, REQ, PAIR -> assertThat(s.trySend(new byte[] {1})).as("would block").isFalse();
            case XSUB -> assertThat(s.trySend(new byte[] {1, 'a'})).as("subscriptions are kept for later peers").isTrue();
            default -> { }
        }
    }

    /** A closed socket refuses everything with SocketClosedException, whatever its type. */
    @ParameterizedTest
    @EnumSource(SocketType.class)
    void closedSocketRefusesEverything(SocketType type) {
        Socket s = context().socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        s.close();
        assertThatThrownBy(() -> s.trySend(new byte[1])).isInstanceOf(ZmqException.SocketClosedException.class);
        assertThatThrownBy(s::tryReceive).isInstanceOf(ZmqException.SocketClosedException.class);
        assertThatThrownBy(() -> s.bind("tcp://127.0.0.1:*")).isInstanceOf(ZmqException.SocketClosedException.class);
        s.close();
    }

    private static boolean canSend(SocketType t) {
        return !RECEIVE_ONLY.contains(t);
    }

    private static boolean canReceive(SocketType t) {
        return !SEND_ONLY.contains(t);
    }

    private static boolean requester(SocketType t) {
        return t == SocketType.REQ;
    }
}
