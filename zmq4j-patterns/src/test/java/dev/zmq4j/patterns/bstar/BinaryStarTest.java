package dev.zmq4j.patterns.bstar;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.LazyPirateClient;
import dev.zmq4j.patterns.Reactor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class BinaryStarTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Context context;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private String primaryState;
    private String backupState;
    private String primaryFrontend;
    private String backupFrontend;

    @BeforeEach
    void setUp() throws IOException {
        context = new Context();
        primaryState = freeTcpEndpoint();
        backupState = freeTcpEndpoint();
        primaryFrontend = freeTcpEndpoint();
        backupFrontend = freeTcpEndpoint();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        context.close();
    }

    private static String freeTcpEndpoint() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    /** One server of the pair: a reactor, a Binary Star and an echo service on a ROUTER voter. */
    private final class Server implements AutoCloseable {
        final String name;
        final Reactor reactor;
        final Socket frontend;
        final BinaryStar star;
        final List<String> transitions = new CopyOnWriteArrayList<>();
        final List<String> fatal = new CopyOnWriteArrayList<>();
        final AtomicInteger served = new AtomicInteger();

        Server(String name, BinaryStar.Role role, String frontendEndpoint, String local, String peer) {
            this.name = name;
            reactor = new Reactor(context);
            frontend = context.socket(SocketType.ROUTER);
            frontend.set(Option.LINGER, Duration.ZERO);
            bindRetrying(frontend, frontendEndpoint);
            star = bindRetrying(() -> new BinaryStar(context, reactor, role, local, peer, HEARTBEAT));
            star.onActive(() -> transitions.add("active"))
                    .onPassive(() -> transitions.add("passive"))
                    .onFatal(fatal::add);
            star.voter(frontend, socket -> {
                Message request;
                while ((request = socket.tryReceive()) != null) {
                    // [client id][empty][body] back with this server's name in front of the body
                    socket.trySend(Message.of(request.frame(0), request.frame(1),
                            dev.zmq4j.Frame.of(name + ":" + request.frame(2).toUtf8())));
                    served.incrementAndGet();
                }
                return true;
            });
            reactor.start();
            resources.add(this);
        }

        @Override
        public void close() {
            star.close();
            reactor.close();
            frontend.close();
        }
    }

    private Server primary() {
        return new Server("primary", BinaryStar.Role.PRIMARY, primaryFrontend, primaryState, backupState);
    }

    private Server backup() {
        return new Server("backup", BinaryStar.Role.BACKUP, backupFrontend, backupState, primaryState);
    }

    private static void bindRetrying(Socket socket, String endpoint) {
        bindRetrying(() -> socket.bind(endpoint));
    }

    /** Runs a bind, retrying while the port of a closed server is released. */
    private static <T> T bindRetrying(java.util.function.Supplier<T> bind) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            try {
                return bind.get();
            } catch (ZmqException.AddressInUseException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /**
     * A Binary Star client as in the zguide's bstarcli: it sends to one server and, when no reply
     * comes in time, to the other, starting with the primary, until one answers.
     */
    private final class FailoverClient implements AutoCloseable {
        final LazyPirateClient[] servers = {
            new LazyPirateClient(context, primaryFrontend, Duration.ofSeconds(1), 0),
            new LazyPirateClient(context, backupFrontend, Duration.ofSeconds(1), 0)};
        int current;

        FailoverClient() {
            resources.add(this);
        }

        String request(String body) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (;;) {
                try {
                    return servers[current].request(Message.of(body)).toStrings().get(0);
                } catch (LazyPirateClient.NoReplyException e) {
                    assertThat(System.nanoTime() - deadline).as("an answer to " + body + " within " + WAIT).isNegative();
                    current = 1 - current;
                }
            }
        }

        @Override
        public void close() {
            servers[0].close();
            servers[1].close();
        }
    }

    private static void awaitState(Server server, State state) {
        Await.until(() -> server.star.state() == state, WAIT, server.name + " " + state + " (is " + server.star.state() + ")");
    }

    private static void awaitHeartbeats(int n) {
        long until = System.nanoTime() + HEARTBEAT.multipliedBy(n).toNanos();
        Await.until(() -> System.nanoTime() - until > 0, WAIT, n + " heartbeats passed");
    }

    @Test
    void primaryServesWhileTheBackupStandsBy() {
        Server primary = primary();
        Server backup = backup();
        awaitState(primary, State.ACTIVE);
        awaitState(backup, State.PASSIVE);
        FailoverClient client = new FailoverClient();
        for (int i = 0; i < 5; i++) {
            assertThat(client.request("r" + i)).isEqualTo("primary:r" + i);
        }
        assertThat(primary.transitions).containsExactly("active");
        assertThat(backup.transitions).containsExactly("passive");
        assertThat(backup.served.get()).isZero();
        assertThat(primary.fatal).isEmpty();
        assertThat(backup.fatal).isEmpty();
    }

    @Test
    void backupTakesOverWhenThePrimaryDiesAndAClientAsksIt() {
        Server primary = primary();
        Server backup = backup();
        awaitState(primary, State.ACTIVE);
        awaitState(backup, State.PASSIVE);
        FailoverClient client = new FailoverClient();
        assertThat(client.request("first")).isEqualTo("primary:first");

        primary.close();
        assertThat(client.request("second")).isEqualTo("backup:second");
        assertThat(backup.star.state()).isEqualTo(State.ACTIVE);
        assertThat(backup.transitions).containsExactly("passive", "active");
        assertThat(client.request("third")).isEqualTo("backup:third");
        assertThat(backup.fatal).isEmpty();
    }

    @Test
    void primaryRestartedAfterAFailoverBecomesPassive() {
        Server primary = primary();
        Server backup = backup();
        awaitState(primary, State.ACTIVE);
        awaitState(backup, State.PASSIVE);
        FailoverClient client = new FailoverClient();
        primary.close();
        assertThat(client.request("failover")).isEqualTo("backup:failover");

        Server restarted = primary();
        // It hears the backup active before it would take a client's vote: it stands by.
        awaitState(restarted, State.PASSIVE);
        assertThat(restarted.transitions).containsExactly("passive");
        // Clients still get the backup: the restarted primary drops what it is sent.
        assertThat(client.request("after")).isEqualTo("backup:after");
        awaitHeartbeats(5);
        assertThat(restarted.star.state()).isEqualTo(State.PASSIVE);
        assertThat(backup.star.state()).isEqualTo(State.ACTIVE);
        assertThat(restarted.served.get()).isZero();
        assertThat(restarted.fatal).isEmpty();
        assertThat(backup.fatal).isEmpty();
    }

    @Test
    void backupAloneNeverBecomesActiveEvenWhenAsked() {
        Server backup = backup();
        awaitHeartbeats(5);
        assertThat(backup.star.state()).isEqualTo(State.BACKUP);
        assertThat(backup.star.isPeerExpired()).isTrue();
        // A client asking the lone backup is not answered: no split brain without the primary's say.
        try (LazyPirateClient direct = new LazyPirateClient(context, backupFrontend, Duration.ofMillis(500), 1)) {
            try {
                direct.request(Message.of("anyone?"));
                throw new AssertionError("the lone backup answered");
            } catch (LazyPirateClient.NoReplyException expected) {
                // dropped, as it should be
            }
        }
        Await.until(() -> backup.star.droppedRequests() >= 1, WAIT, "request dropped by the backup");
        assertThat(backup.star.state()).isEqualTo(State.BACKUP);
        assertThat(backup.transitions).isEmpty();
        assertThat(backup.served.get()).isZero();
    }

    @Test
    void primaryAloneServesOnceTheBackupHasBeenSilentTwoHeartbeats() {
        Server primary = primary();
        FailoverClient client = new FailoverClient();
        assertThat(client.request("alone")).isEqualTo("primary:alone");
        assertThat(primary.star.state()).isEqualTo(State.ACTIVE);
        assertThat(primary.transitions).containsExactly("active");
    }

    @Test
    void twoPrimariesIsAFatalErrorReportedToBothNotThrown() {
        Server one = new Server("one", BinaryStar.Role.PRIMARY, primaryFrontend, primaryState, backupState);
        Server two = new Server("two", BinaryStar.Role.PRIMARY, backupFrontend, backupState, primaryState);
        Await.until(() -> !one.fatal.isEmpty() && !two.fatal.isEmpty(), WAIT, "both told of the fatal error");
        awaitHeartbeats(5);
        assertThat(one.fatal).hasSize(1);
        assertThat(two.fatal).hasSize(1);
        assertThat(one.fatal.get(0)).contains("primary");
        assertThat(one.star.failure()).isPresent();
        assertThat(one.star.admitClientRequest()).isFalse();
        assertThat(two.star.admitClientRequest()).isFalse();
        assertThat(one.reactor.isClosed()).isFalse();
    }

    @Test
    void gateIsUsableWithoutAVoter() {
        Reactor reactor = new Reactor(context);
        resources.add(reactor);
        BinaryStar star = new BinaryStar(context, reactor, BinaryStar.Role.PRIMARY, primaryState, backupState, HEARTBEAT);
        resources.add(star);
        reactor.start();
        // Before the (absent) backup has been silent two heartbeats, no request is admitted.
        assertThat(star.admitClientRequest()).isFalse();
        Await.until(star::isPeerExpired, WAIT, "peer expired");
        assertThat(star.admitClientRequest()).isTrue();
        assertThat(star.state()).isEqualTo(State.ACTIVE);
        star.close();
        assertThat(star.admitClientRequest()).isFalse();
    }
}
