package dev.zmq4j.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message routed to a peer whose connection has just ended is counted dropped, not lost
 * uncounted. The I/O thread ends a connection in two steps, {@link Pipe#terminate()} then the
 * pattern's {@code detach}; these tests put a send between the two, or between the pattern's
 * choice of a pipe and its offer, by calling the patterns and pipes directly, as the I/O thread
 * would (no sockets, no threads, no timing).
 */
@Timeout(10)
class DropsToPipesThatJustWentTest {
    /** The socket side of the pipes: counts the drops reported for each, as the socket's telemetry does. */
    private static final class Owner implements Pipe.Owner {
        final Map<Pipe, Integer> dropped = new IdentityHashMap<>();
        Runnable onReadable = () -> { };

        @Override
        public void pipeReadable(Pipe pipe) {
            onReadable.run();
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }

        @Override
        public void pipeDropped(Pipe pipe) {
            dropped.merge(pipe, 1, Integer::sum);
        }

        int dropped(Pipe p) {
            return dropped.getOrDefault(p, 0);
        }
    }

    private final Owner owner = new Owner();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The subscriber behind {@code p} subscribes to {@code topic}; the PUB notes it as its I/O thread would. */
    private static void subscribe(Pub pub, Pipe p, String topic) {
        assertThat(p.offerIn(Subscriptions.message(true, bytes(topic)))).isTrue();
        pub.pipeReadable(p);
    }

    @Test
    void pubCountsAMessageForASubscriberTerminatedButNotYetDetached() {
        Pub pub = new Pub(false);
        Pipe gone = new Pipe(owner, 10, 10);
        Pipe live = new Pipe(owner, 10, 10);
        pub.attach(gone);
        pub.attach(live);
        subscribe(pub, gone, "");
        subscribe(pub, live, "");
        assertThat(pub.trySend(bytes("first"))).isTrue();
        gone.terminate();
        assertThat(pub.trySend(bytes("second"))).isTrue();
        assertThat(owner.dropped(gone)).isEqualTo(1);
        assertThat(owner.dropped(live)).isZero();
        assertThat(live.outSize()).isEqualTo(2);
        // Detached: its subscriptions are gone, so later messages are no longer meant for it.
        pub.detach(gone);
        assertThat(pub.trySend(bytes("third"))).isTrue();
        assertThat(owner.dropped(gone)).isEqualTo(1);
        assertThat(live.outSize()).isEqualTo(3);
    }

    @Test
    void pubCountsAMessageForASubscriberDetachedAfterItWasMatched() {
        Pub pub = new Pub(false);
        Owner peerOwner = new Owner();
        // "first" is an in-process end: offering to it calls its peer's owner, which here plays
        // the I/O thread of "second" ending its connection in the middle of the send.
        Pipe first = Pipe.inproc(owner, 10, 10);
        first.inprocPeer(peerOwner, 10, 10);
        Pipe second = new Pipe(owner, 10, 10);
        pub.attach(first);
        pub.attach(second);
        subscribe(pub, first, "");
        subscribe(pub, second, "news");
        assertThat(pub.trySend(bytes("news 1"))).isTrue();
        assertThat(second.outSize()).isEqualTo(1);
        peerOwner.onReadable = () -> {
            peerOwner.onReadable = () -> { };
            second.terminate();
            pub.detach(second);
        };
        // The trie visits "first" (subscribed to everything) before "second" (to "news").
        assertThat(pub.trySend(bytes("news 2"))).isTrue();
        assertThat(owner.dropped(second)).isEqualTo(1);
        assertThat(owner.dropped(first)).isZero();
        assertThat(first.messagesOut()).isEqualTo(2);
        assertThat(second.outSize()).isEqualTo(1);
    }

    @Test
    void xpubNodropSendsPastATerminatedSubscriberAndCountsIt() {
        Pub xpub = new Pub(true);
        xpub.onOption("XPUB_NODROP", true);
        Pipe gone = new Pipe(owner, 1, 1);
        Pipe live = new Pipe(owner, 10, 10);
        xpub.attach(gone);
        xpub.attach(live);
        subscribe(xpub, gone, "");
        subscribe(xpub, live, "");
        assertThat(xpub.trySend(bytes("fills gone"))).isTrue();
        gone.terminate();
        assertThat(xpub.canSendNow()).isTrue();
        assertThat(xpub.trySend(bytes("goes to live only"))).isTrue();
        assertThat(owner.dropped(gone)).isEqualTo(1);
        assertThat(owner.dropped(live)).isZero();
        assertThat(live.outSize()).isEqualTo(2);
    }

    @Test
    void xpubNodropStillRefusesForALiveFullSubscriberAndCountsNothing() {
        Pub xpub = new Pub(true);
        xpub.onOption("XPUB_NODROP", true);
        Pipe full = new Pipe(owner, 1, 1);
        xpub.attach(full);
        subscribe(xpub, full, "");
        assertThat(xpub.trySend(bytes("fills it"))).isTrue();
        assertThat(xpub.trySend(bytes("refused"))).isFalse();
        assertThat(owner.dropped(full)).isZero();
    }

    @Test
    void routerCountsAMessageForAPeerTerminatedButNotYetDetached() {
        Router router = new Router();
        byte[] id = bytes("peer-1");
        Pipe p = new Pipe(owner, 10, 10);
        p.routingId(id);
        assertThat(router.attach(p)).isTrue();
        assertThat(router.trySend(new byte[][] {id, bytes("one")})).isTrue();
        assertThat(p.outSize()).isEqualTo(1);
        p.terminate();
        assertThat(router.trySend(new byte[][] {id, bytes("two")})).isTrue();
        assertThat(owner.dropped(p)).isEqualTo(1);
        // Once detached the id is unknown: a message for an unknown peer is dropped uncounted.
        router.detach(p);
        assertThat(router.trySend(new byte[][] {id, bytes("three")})).isTrue();
        assertThat(owner.dropped(p)).isEqualTo(1);
    }

    @Test
    void routerMandatoryRefusesAPeerTerminatedButNotYetDetached() {
        Router router = new Router();
        router.onOption("ROUTER_MANDATORY", true);
        byte[] id = bytes("peer-1");
        Pipe p = new Pipe(owner, 10, 10);
        p.routingId(id);
        assertThat(router.attach(p)).isTrue();
        p.terminate();
        assertThatThrownBy(() -> router.trySend(new byte[][] {id, bytes("two")})).isInstanceOf(UnroutableException.class);
        assertThat(owner.dropped(p)).isZero();
    }

    @Test
    void xsubCountsAMessageForAPublisherTerminatedButNotYetDetached() {
        Sub xsub = new Sub(true);
        Pipe gone = new Pipe(owner, 10, 10);
        Pipe live = new Pipe(owner, 10, 10);
        xsub.attach(gone);
        xsub.attach(live);
        gone.terminate();
        assertThat(xsub.trySend(bytes("hello publishers"))).isTrue();
        assertThat(owner.dropped(gone)).isEqualTo(1);
        assertThat(owner.dropped(live)).isZero();
        assertThat(live.pollOut()).isEqualTo(bytes("hello publishers"));
    }
}
