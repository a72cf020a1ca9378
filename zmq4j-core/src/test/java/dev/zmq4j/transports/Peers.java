package dev.zmq4j.transports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Await;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Monitor;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketEvent;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The contexts and sockets of one checklist test, and the helpers that marry two sockets over a
 * {@link TransportFixture}: bind one, connect the other, and return once they are really
 * connected. Close it after the test (it closes every context it made). Not thread-safe: made and
 * used by the test's thread.
 */
final class Peers implements AutoCloseable {
    /** How long any single step of a checklist test may take. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How long to wait for something that must not happen. */
    static final Duration BRIEF = Duration.ofMillis(100);

    private final List<Context> contexts = new ArrayList<>();
    private final Context context;

    Peers() {
        this.context = newContext();
    }

    /** The test's main context (inproc peers must share it). */
    Context context() {
        return context;
    }

    /** Another context, closed with the others. */
    Context newContext() {
        Context c = new Context();
        contexts.add(c);
        return c;
    }

    /** A socket of the main context with LINGER 0. */
    Socket socket(SocketType type) {
        return socket(context, type);
    }

    /** A socket of {@code ctx} with LINGER 0. */
    static Socket socket(Context ctx, SocketType type) {
        Socket s = ctx.socket(type);
        s.set(Option.LINGER, Duration.ZERO);
        return s;
    }

    /**
     * Binds {@code binder} to a fresh endpoint of {@code fixture}, connects {@code connecter} to
     * it and waits until they are connected.
     *
     * @return the bound (concrete) endpoint
     */
    static String marry(TransportFixture fixture, Socket binder, Socket connecter) {
        String ep = binder.bind(fixture.endpoint());
        connect(fixture, ep, binder, connecter);
        return ep;
    }

    /**
     * Connects {@code connecter} to {@code endpoint}, which {@code binder} is bound to, and
     * returns once both sides have the connection: over a transport with connection events, once
     * each side reported HANDSHAKE_SUCCEEDED (the binder attaches its pipe then); otherwise the
     * transport links the peers inside {@code connect()} (see
     * {@link TransportFixture.Capability#MONITOR_CONNECTION_EVENTS}).
     */
    static void connect(TransportFixture fixture, String endpoint, Socket binder, Socket connecter) {
        if (!fixture.supports(TransportFixture.Capability.MONITOR_CONNECTION_EVENTS)) {
            connecter.connect(endpoint);
            return;
        }
        EnumSet<SocketEvent.Type> handshake = EnumSet.of(SocketEvent.Type.HANDSHAKE_SUCCEEDED);
        try (Monitor b = binder.monitor(handshake); Monitor c = connecter.monitor(handshake)) {
            connecter.connect(endpoint);
            await(c, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            await(b, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
        }
    }

    /**
     * Publishes {@code probe} on {@code pub} until {@code sub} receives a message, which proves
     * that the subscriptions sent before it reached the publisher; fails after {@link #WAIT}.
     * {@code probe}'s first frame must match a subscription of {@code sub}.
     */
    static void awaitSubscribed(Socket pub, Socket sub, Message probe) {
        Await.until(() -> {
            assertThat(pub.trySend(probe)).as("PUB never blocks").isTrue();
            return sub.receive(Duration.ofMillis(20)) != null;
        }, WAIT, () -> "subscriber of " + pub + " never received " + probe);
        // Probes already published may still be on their way: drain them.
        while (sub.receive(Duration.ofMillis(50)) != null) {
            // a late probe
        }
    }

    /**
     * A concrete endpoint of {@code fixture} that nothing is bound to (a socket bound it a moment
     * ago and closed), for connects that must wait or bind-after-connect.
     */
    String vacantEndpoint(TransportFixture fixture) {
        Socket probe = socket(SocketType.PULL);
        String ep = probe.bind(fixture.rebindableEndpoint());
        probe.close();
        return ep;
    }

    /** See {@link dev.zmq4j.Events#await(Monitor, SocketEvent.Type, Predicate)}. */
    static SocketEvent await(Monitor m, SocketEvent.Type type, Predicate<SocketEvent> also) {
        return dev.zmq4j.Events.await(m, type, also);
    }

    static SocketEvent await(Monitor m, SocketEvent.Type type) {
        return dev.zmq4j.Events.await(m, type);
    }

    /** Starts a daemon thread. */
    static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        contexts.forEach(Context::close);
    }
}
