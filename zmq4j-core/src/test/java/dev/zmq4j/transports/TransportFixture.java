package dev.zmq4j.transports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One entry per transport, for the checklist tests in this package (as NNG's {@code trantest.h}
 * and Netty's socket test suite): each entry makes endpoints for its scheme and says which
 * behaviours apply to it. A test annotated {@link TransportTest} runs once per entry, so a new
 * transport (ws:// later) joins the whole checklist by adding one constant here.
 *
 * <p>A test that needs a capability calls {@code assumeTrue(fixture.supports(X))} with a comment:
 * a capability is false only where the behaviour does not exist for that transport (or, where
 * its javadoc says so, a gap that zmq4j knows of), never because a test fails.
 *
 * <p>Thread-safe: the entries are immutable and names come from an atomic counter.
 */
public enum TransportFixture {
    /** tcp on the loopback address, ephemeral ports. */
    TCP("tcp", EnumSet.allOf(Capability.class)) {
        @Override
        public String endpoint() {
            return "tcp://127.0.0.1:*";
        }

        @Override
        public String rebindableEndpoint() {
            // bind() returns the concrete port, which can be bound again once it is released.
            return endpoint();
        }
    },

    /** Unix domain sockets. */
    IPC("ipc", EnumSet.of(Capability.WIRE, Capability.SEPARATE_CONTEXTS, Capability.RECONNECT_AFTER_PEER_RESTART,
            Capability.HEARTBEATS, Capability.RELAY, Capability.MONITOR_CONNECTION_EVENTS, Capability.LINGER_WAITS)) {
        @Override
        public String endpoint() {
            return "ipc://*";
        }

        @Override
        public String rebindableEndpoint() {
            // Not ipc://*: closing the socket bound there removes the generated directory too.
            return "ipc://" + IPC_DIR.resolve("s" + COUNTER.incrementAndGet());
        }
    },

    /**
     * In-process pipes of one context. Not here, with reasons: no bytes and no connection
     * (WIRE, HEARTBEATS, RELAY, PEER_ADDRESS); peers share a context (SEPARATE_CONTEXTS); a
     * connect whose binder went away is not re-linked when the name is bound again, as in libzmq
     * (RECONNECT_AFTER_PEER_RESTART; see ReconnectChecklistTest); LINGER has nothing to wait for
     * since messages are already in the peer's queue (LINGER_WAITS). MONITOR_CONNECTION_EVENTS:
     * zmq4j's inproc emits no monitor events today, a known gap being closed elsewhere; turn the
     * capability on with that work (MonitorChecklistTest then runs over inproc too).
     */
    INPROC("inproc", EnumSet.noneOf(Capability.class)) {
        @Override
        public String endpoint() {
            return "inproc://checklist-" + COUNTER.incrementAndGet();
        }

        @Override
        public String rebindableEndpoint() {
            return endpoint();
        }
    };

    /** Behaviours that apply to some transports only. */
    public enum Capability {
        /** Messages cross a real socket as ZMTP bytes (a connection with a handshake). */
        WIRE,
        /** The two peers may live in different {@code Context}s (inproc names belong to one context). */
        SEPARATE_CONTEXTS,
        /**
         * A connecting socket reconnects when its binder closed and a new socket binds the same
         * endpoint ({@link #rebindableEndpoint()}).
         */
        RECONNECT_AFTER_PEER_RESTART,
        /** ZMTP PING/PONG heartbeats (HEARTBEAT_IVL, HEARTBEAT_TIMEOUT, HEARTBEAT_TTL). */
        HEARTBEATS,
        /** {@link dev.zmq4j.chaos.ChaosRelay} can sit between the peers and go silent (a network that vanished). */
        RELAY,
        /** Monitor events name the peer's address ({@code tcp://127.0.0.1:<port>}) on ACCEPTED. */
        PEER_ADDRESS,
        /**
         * Monitors see LISTENING, ACCEPTED, CONNECTED, HANDSHAKE_SUCCEEDED, DISCONNECTED and
         * CLOSED. A transport without these events must link its peers inside {@code connect()}
         * (the helpers in {@link Peers} rely on it).
         */
        MONITOR_CONNECTION_EVENTS,
        /** Close waits up to LINGER for messages a peer has not taken yet. */
        LINGER_WAITS
    }

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Path IPC_DIR = ipcDirectory();

    private final String scheme;
    private final Set<Capability> capabilities;

    TransportFixture(String scheme, EnumSet<Capability> capabilities) {
        this.scheme = scheme;
        this.capabilities = EnumSet.copyOf(capabilities);
    }

    /** The endpoint scheme, e.g. {@code tcp}. */
    public String scheme() {
        return scheme;
    }

    /**
     * A fresh endpoint to bind: it may be a wildcard ({@code tcp://127.0.0.1:*}, {@code ipc://*});
     * {@code bind} returns the concrete endpoint to connect to.
     */
    public abstract String endpoint();

    /**
     * A fresh endpoint to bind whose concrete form (as {@code bind} returns it) can be bound again
     * by another socket after the first one closed.
     */
    public abstract String rebindableEndpoint();

    /** Whether {@code capability} applies to this transport. */
    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    @Override
    public String toString() {
        return scheme;
    }

    private static Path ipcDirectory() {
        try {
            Path dir = Files.createTempDirectory("zmq4j-checklist-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
