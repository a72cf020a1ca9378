package dev.zmq4j.patterns.directory;

import dev.zmq4j.patterns.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.ZmqException;
import dev.zmq4j.patterns.beacon.Beacon;
import dev.zmq4j.patterns.beacon.FreeUdpPort;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Directories on one loopback beacon port (broadcast to 127.255.255.255), as separate processes would be. */
@Timeout(60)
class ServiceDirectoryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private Context context;
    private int port;
    private final List<ServiceDirectory> directories = new ArrayList<>();

    @BeforeEach
    void setUp() {
        context = new Context();
        port = FreeUdpPort.pick();
    }

    @AfterEach
    void tearDown() {
        directories.forEach(ServiceDirectory::close);
        context.close();
    }

    private ServiceDirectory directory(Duration timeout) {
        ServiceDirectory d = ServiceDirectory.start(Beacon.builder(port).networkInterface("lo")
                .interval(Duration.ofMillis(50)).timeout(timeout));
        directories.add(d);
        return d;
    }

    private ServiceDirectory directory() {
        return directory(Duration.ofSeconds(1));
    }

    @Test
    void aClientFindsTheTimeServerByNameAndGetsAnAnswer() throws Exception {
        ServiceDirectory server = directory();
        ServiceDirectory client = directory();
        Socket rep = context.socket(SocketType.REP);
        String endpoint = rep.bind("tcp://127.0.0.1:*");
        CountDownLatch answered = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (rep) {
                Message request = rep.receive();
                rep.send("time for " + request.toStrings().get(0) + ": " + System.currentTimeMillis());
                answered.countDown();
            } catch (ZmqException e) {
                // context closed: the test is over
            }
        }, "time-server");
        t.setDaemon(true);
        t.start();
        server.announce("time", endpoint);

        String found = client.await("time", WAIT);
        assertThat(found).isEqualTo(endpoint);
        try (Socket req = context.socket(SocketType.REQ)) {
            req.connect(found);
            assertThat(req.send("client", WAIT)).isTrue();
            Message reply = req.receive(WAIT);
            assertThat(reply).isNotNull();
            assertThat(reply.toStrings().get(0)).startsWith("time for client: ");
        }
        assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.lookup("time")).contains(endpoint);
        // The server's directory hears its own announcement too (broadcast loops back).
        assertThat(server.await("time", WAIT)).isEqualTo(endpoint);
    }

    @Test
    void aClosedAnnouncerIsRemovedAtOnceAndTheListenerTold() {
        // A timeout no test waits for: only the withdrawal sent by close() can remove the service.
        ServiceDirectory client = directory(Duration.ofMinutes(5));
        List<ServiceEvent> events = new CopyOnWriteArrayList<>();
        client.addListener(events::add);
        ServiceDirectory server = directory();
        server.announce("echo", "tcp://127.0.0.1:7001");
        assertThat(client.await("echo", WAIT)).isEqualTo("tcp://127.0.0.1:7001");
        server.close();
        Await.until(() -> client.lookup("echo").isEmpty(), WAIT, "echo removed: " + client.services());
        assertThat(events).containsExactly(
                new ServiceEvent(ServiceEvent.Type.ADDED, "echo", "tcp://127.0.0.1:7001"),
                new ServiceEvent(ServiceEvent.Type.REMOVED, "echo", "tcp://127.0.0.1:7001"));
    }

    @Test
    void aSilentAnnouncerIsRemovedAfterTheTimeout() throws Exception {
        ServiceDirectory client = directory(Duration.ofMillis(500));
        // One beacon from a process that then dies without a word.
        byte[] record = new ServiceRecord("crashy", "tcp://127.0.0.1:7002", false).encode();
        try (DatagramSocket raw = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            raw.setBroadcast(true);
            raw.send(new DatagramPacket(record, record.length, new InetSocketAddress("127.255.255.255", port)));
        }
        assertThat(client.await("crashy", WAIT)).isEqualTo("tcp://127.0.0.1:7002");
        Await.until(() -> client.lookup("crashy").isEmpty(), WAIT, "crashy removed");
        assertThat(client.services()).doesNotContainKey("crashy");
    }

    @Test
    void withdrawRemovesOneEndpointOfANameWithSeveral() {
        ServiceDirectory client = directory(Duration.ofMinutes(5));
        ServiceDirectory a = directory();
        ServiceDirectory b = directory();
        a.announce("worker", "tcp://127.0.0.1:7101");
        b.announce("worker", "tcp://127.0.0.1:7102");
        b.announce("other", "tcp://127.0.0.1:7103");
        Await.until(() -> client.lookupAll("worker").size() == 2 && client.lookup("other").isPresent(), WAIT,
                "two workers and other: " + client.services());
        assertThat(client.lookupAll("worker")).containsExactlyInAnyOrder("tcp://127.0.0.1:7101", "tcp://127.0.0.1:7102");
        assertThat(b.withdraw("worker", "tcp://127.0.0.1:7102")).isTrue();
        assertThat(b.withdraw("worker", "tcp://127.0.0.1:7102")).isFalse();
        Await.until(() -> client.lookupAll("worker").size() == 1, WAIT, "one worker left: " + client.services());
        assertThat(client.lookupAll("worker")).containsExactly("tcp://127.0.0.1:7101");
        assertThat(client.lookup("other")).contains("tcp://127.0.0.1:7103");
    }

    @Test
    void awaitGivesUpNamingTheServiceAfterTheTimeout() {
        ServiceDirectory client = directory();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.await("nobody", Duration.ofMillis(300)))
                .isInstanceOfSatisfying(ServiceNotFoundException.class, e -> assertThat(e.service()).isEqualTo("nobody"))
                .hasMessageContaining("\"nobody\"").hasMessageContaining("PT0.3S");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void closeWakesAWaitingThread() throws Exception {
        ServiceDirectory client = directory();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                client.await("never", Duration.ofMinutes(5));
            } catch (RuntimeException e) {
                failures.add(e);
            }
            done.countDown();
        });
        waiter.start();
        Await.until(() -> waiter.getState() == Thread.State.TIMED_WAITING || waiter.getState() == Thread.State.WAITING, WAIT, "waiter waits");
        client.close();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).singleElement().isInstanceOf(ZmqException.SocketClosedException.class);
    }

    @Test
    void namesAndEndpointsTooLongOrEmptyAreRefused() {
        ServiceDirectory d = directory();
        assertThatThrownBy(() -> d.announce("", "tcp://127.0.0.1:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.announce("x".repeat(200), "tcp://127.0.0.1:" + "1".repeat(40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(expected: <= 248 in UTF-8)");
    }
}
