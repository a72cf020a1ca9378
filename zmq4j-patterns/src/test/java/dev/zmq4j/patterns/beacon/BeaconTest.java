package dev.zmq4j.patterns.beacon;

import dev.zmq4j.patterns.Await;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.ZmqException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Beacons on the loopback: broadcast to 127.255.255.255 (interface {@code lo}) and multicast on
 * {@code lo} reach every beacon sharing the port; unicast to 127.0.0.1 reaches one.
 */
@Timeout(60)
class BeaconTest {
    static final Duration INTERVAL = Duration.ofMillis(50);
    static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Beacon> beacons = new ArrayList<>();

    @AfterEach
    void tearDown() {
        beacons.forEach(Beacon::close);
    }

    /** Records a beacon's events: which payloads it sees now, and everything it heard. */
    static final class Seen {
        final Set<String> present = ConcurrentHashMap.newKeySet();
        final List<BeaconEvent> events = new CopyOnWriteArrayList<>();

        void accept(BeaconEvent e) {
            events.add(e);
            String p = new String(e.payload(), US_ASCII);
            if (e.type() == BeaconEvent.Type.APPEARED) {
                present.add(p);
            } else {
                present.remove(p);
            }
        }

        boolean vanished(String payload) {
            return events.stream().anyMatch(e -> e.type() == BeaconEvent.Type.VANISHED && new String(e.payload(), US_ASCII).equals(payload));
        }
    }

    private Beacon start(Beacon.Builder b) {
        Beacon beacon = b.start();
        beacons.add(beacon);
        return beacon;
    }

    private Beacon.Builder onLoopback(int port, String payload, Seen seen) {
        return Beacon.builder(port).networkInterface("lo").interval(INTERVAL).timeout(Duration.ofSeconds(1))
                .announce(payload.getBytes(US_ASCII)).listen("node".getBytes(US_ASCII)).listener(seen::accept);
    }

    @Test
    void threeBeaconsBroadcastingOnTheLoopbackSeeEachOtherAndNotThemselves() {
        int port = FreeUdpPort.pick();
        Seen[] seen = {new Seen(), new Seen(), new Seen()};
        for (int i = 0; i < 3; i++) {
            Beacon b = start(onLoopback(port, "node-" + i, seen[i]));
            assertThat(b.destination()).isEqualTo(new InetSocketAddress("127.255.255.255", port));
        }
        for (int i = 0; i < 3; i++) {
            Seen s = seen[i];
            String self = "node-" + i;
            Set<String> others = Set.of("node-0", "node-1", "node-2").stream().filter(p -> !p.equals(self)).collect(Collectors.toSet());
            Await.until(() -> s.present.containsAll(others), WAIT, self + " sees " + others + ", has " + s.present);
            assertThat(s.present).doesNotContain(self);
        }
        BeaconEvent e = seen[0].events.get(0);
        assertThat(e.address()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(e.toString()).startsWith("APPEARED 127.0.0.1:").contains("\"node-");
    }

    @Test
    void aClosedBeaconIsReportedVanishedByTheOthers() {
        int port = FreeUdpPort.pick();
        Seen a = new Seen();
        Seen b = new Seen();
        Seen c = new Seen();
        start(onLoopback(port, "node-a", a));
        start(onLoopback(port, "node-b", b));
        Beacon leaving = start(onLoopback(port, "node-c", c));
        Await.until(() -> a.present.contains("node-c") && b.present.contains("node-c"), WAIT, "node-c seen by a and b");
        leaving.close();
        Await.until(() -> a.vanished("node-c") && b.vanished("node-c"), WAIT, "node-c vanished for a and b: " + a.events + b.events);
        assertThat(a.present).containsExactly("node-b");
        assertThat(b.present).containsExactly("node-a");
    }

    @Test
    void multicastOnTheLoopbackReachesEveryBeaconOnThePort() {
        int port = FreeUdpPort.pick();
        Seen a = new Seen();
        Seen b = new Seen();
        start(onLoopback(port, "node-a", a).address("239.255.42.99"));
        start(onLoopback(port, "node-b", b).address("239.255.42.99"));
        Await.until(() -> a.present.contains("node-b") && b.present.contains("node-a"), WAIT, "a and b see each other: " + a.present + b.present);
    }

    @Test
    void unicastToTheLoopbackReachesAListener() {
        int port = FreeUdpPort.pick();
        Beacon listener = start(Beacon.builder(port).address("127.0.0.1").interval(INTERVAL).listen());
        start(Beacon.builder(port).address("127.0.0.1").interval(INTERVAL).announce("unicast".getBytes(US_ASCII)));
        BeaconEvent e = listener.poll(WAIT);
        assertThat(e).isNotNull();
        assertThat(e.type()).isEqualTo(BeaconEvent.Type.APPEARED);
        assertThat(e.payload()).isEqualTo("unicast".getBytes(US_ASCII));
    }

    @Test
    void onlyPayloadsStartingWithThePrefixAreReported() throws Exception {
        int port = FreeUdpPort.pick();
        Beacon listener = start(Beacon.builder(port).networkInterface("lo").listen("al".getBytes(US_ASCII)));
        try (DatagramSocket raw = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            raw.setBroadcast(true);
            // Sent in this order on one path: had "beta" passed the filter, it would be the first event.
            for (String p : List.of("beta", "a", "alpha")) {
                raw.send(new DatagramPacket(p.getBytes(US_ASCII), p.length(), new InetSocketAddress("127.255.255.255", port)));
            }
            BeaconEvent e = listener.poll(WAIT);
            assertThat(e).isNotNull();
            assertThat(new String(e.payload(), US_ASCII)).isEqualTo("alpha");
            assertThat(e.sender()).isEqualTo(raw.getLocalSocketAddress());
        }
    }

    @Test
    void ownBeaconsAreIgnoredUnlessAskedFor() throws Exception {
        int port = FreeUdpPort.pick();
        Beacon quiet = start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("me".getBytes(US_ASCII)).listen());
        Beacon echo = start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("echo".getBytes(US_ASCII))
                .listen("echo".getBytes(US_ASCII)).ignoreOwn(false));
        BeaconEvent own = echo.poll(WAIT);
        assertThat(own).isNotNull();
        assertThat(own.payload()).isEqualTo("echo".getBytes(US_ASCII));
        assertThat(own.sender().getPort()).isEqualTo(echo.senderAddress().getPort());
        // quiet hears echo's beacons, never its own "me" (sent first, and every 50 ms since)
        BeaconEvent first = quiet.poll(WAIT);
        assertThat(first).isNotNull();
        assertThat(first.payload()).isEqualTo("echo".getBytes(US_ASCII));
        assertThat(quiet.poll(Duration.ofMillis(300))).isNull();
    }

    @Test
    void anUnknownInterfaceIsRefusedWithItsName() {
        assertThatThrownBy(() -> Beacon.builder(FreeUdpPort.pick()).networkInterface("nosuch0").listen().start())
                .isInstanceOf(BeaconException.class).isInstanceOf(ZmqException.class)
                .hasMessageContaining("interface: nosuch0").hasMessageContaining("lo");
    }

    @Test
    void anInterfaceIsFoundByAddressAndBroadcastsToItsNetwork() {
        Beacon b = start(Beacon.builder(FreeUdpPort.pick()).networkInterface("127.0.0.1").listen());
        assertThat(b.destination().getAddress().getHostAddress()).isEqualTo("127.255.255.255");
        assertThat(b.senderAddress().getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        Beacon everywhere = start(Beacon.builder(FreeUdpPort.pick()).listen());
        assertThat(everywhere.destination().getAddress().getHostAddress()).isEqualTo("255.255.255.255");
    }

    @Test
    void anInterfaceAddressNotOfThisHostIsRefused() {
        assertThatThrownBy(() -> Beacon.builder(FreeUdpPort.pick()).networkInterface("203.0.113.77").listen().start())
                .isInstanceOf(BeaconException.class).hasMessageContaining("interface: 203.0.113.77");
    }

    @Test
    void anAddressTheInterfaceCannotReachFailsAtStartNamingIt() {
        // From the loopback, 192.0.2.1 (TEST-NET-1) is refused ("Invalid argument"), or unreachable without a route.
        assertThatThrownBy(() -> Beacon.builder(FreeUdpPort.pick()).networkInterface("lo").address("192.0.2.1")
                .announce("x".getBytes(US_ASCII)).start())
                .isInstanceOf(BeaconException.class).hasMessageContaining("192.0.2.1").hasMessageContaining("cannot send");
    }

    @Test
    void anUnknownHostIsRefused() {
        assertThatThrownBy(() -> Beacon.builder(FreeUdpPort.pick()).address("no-such-host.invalid").listen().start())
                .isInstanceOf(BeaconException.class).hasMessageContaining("no-such-host.invalid");
    }

    @Test
    void malformedSettingsAreRefused() {
        assertThatThrownBy(() -> Beacon.builder(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port: 0");
        assertThatThrownBy(() -> Beacon.builder(5670).announce(new byte[256]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload: 256 bytes (expected: <= 255)");
        assertThatThrownBy(() -> Beacon.builder(5670).interval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval: PT0S");
    }

    @Test
    void pollIsRefusedWithAListener() {
        Beacon b = start(Beacon.builder(FreeUdpPort.pick()).networkInterface("lo").listen().listener(e -> { }));
        assertThatThrownBy(() -> b.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class).hasMessageContaining("listener");
    }

    @Test
    void aFailingListenerDoesNotStopTheBeacon() {
        int port = FreeUdpPort.pick();
        Seen seen = new Seen();
        start(Beacon.builder(port).networkInterface("lo").listen().listener(e -> {
            seen.accept(e);
            throw new IllegalStateException("listener bug");
        }));
        start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("first".getBytes(US_ASCII)));
        Await.until(() -> seen.present.contains("first"), WAIT, "first seen");
        start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("second".getBytes(US_ASCII)));
        Await.until(() -> seen.present.contains("second"), WAIT, "second seen after the listener threw");
    }

    @Test
    void closeIsQuickAndFinal() {
        int port = FreeUdpPort.pick();
        Beacon b = start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("x".getBytes(US_ASCII)).listen());
        long start = System.nanoTime();
        b.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Beacon.CLOSE_WAIT.plusSeconds(1));
        assertThat(b.isClosed()).isTrue();
        assertThat(b.poll(Duration.ofSeconds(10))).isNull();
        assertThatThrownBy(() -> b.publish("y".getBytes(US_ASCII))).isInstanceOf(ZmqException.SocketClosedException.class);
        b.close();
        // The port is free for a new beacon.
        Beacon again = start(Beacon.builder(port).networkInterface("lo").listen());
        assertThat(again.port()).isEqualTo(port);
    }

    @Test
    void silencedPayloadsStopAndPublishedOnesStart() {
        int port = FreeUdpPort.pick();
        Seen seen = new Seen();
        start(Beacon.builder(port).networkInterface("lo").listen().timeout(Duration.ofMillis(500)).listener(seen::accept));
        Beacon b = start(Beacon.builder(port).networkInterface("lo").interval(INTERVAL).announce("one".getBytes(US_ASCII)));
        Await.until(() -> seen.present.contains("one"), WAIT, "one seen");
        b.publish("two".getBytes(US_ASCII));
        assertThat(b.silence("one".getBytes(US_ASCII))).isTrue();
        Await.until(() -> seen.present.equals(Set.of("two")) && seen.vanished("one"), WAIT, "only two: " + seen.present);
    }
}
