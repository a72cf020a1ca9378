package dev.zmq4j.patterns.beacon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 36's beacon: the bytes, and zyre-shaped peers seen, told apart and dropped. */
@Timeout(60)
class ZreBeaconTest {
    private static final UUID UUID_1 = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<Beacon> beacons = new ArrayList<>();

    @AfterEach
    void tearDown() {
        beacons.forEach(Beacon::close);
    }

    private Beacon start(Beacon.Builder b) {
        Beacon beacon = b.start();
        beacons.add(beacon);
        return beacon;
    }

    /** A beacon as RFC 36 draws it, byte by byte. */
    private static byte[] handMade(UUID uuid, int port) {
        byte[] b = new byte[22];
        b[0] = 'Z';
        b[1] = 'R';
        b[2] = 'E';
        b[3] = 0x01;
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            b[4 + i] = (byte) (msb >>> (56 - 8 * i));
            b[12 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        b[20] = (byte) (port >>> 8);
        b[21] = (byte) port;
        return b;
    }

    @Test
    void encodesTheRfcLayout() {
        byte[] b = ZreBeacon.encode(UUID_1, 0xC001);
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("5a524501" + "00112233445566778899aabbccddeeff" + "c001");
        assertThat(b).hasSize(ZreBeacon.LENGTH).isEqualTo(handMade(UUID_1, 0xC001));
    }

    @Test
    void decodesWhatItEncodes() {
        for (int port : new int[] {0, 1, 5670, 0xC000, 65535}) {
            UUID uuid = UUID.randomUUID();
            ZreBeacon.Announcement a = ZreBeacon.decode(ZreBeacon.encode(uuid, port)).orElseThrow();
            assertThat(a.uuid()).isEqualTo(uuid);
            assertThat(a.port()).isEqualTo(port);
            assertThat(a.leaving()).isEqualTo(port == 0);
        }
    }

    @Test
    void rejectsWhatIsNotAZreBeacon() {
        byte[] good = ZreBeacon.encode(UUID_1, 5000);
        byte[] version2 = good.clone();
        version2[3] = 2;
        byte[] zrf = good.clone();
        zrf[2] = 'F';
        byte[] shortOne = java.util.Arrays.copyOf(good, 21);
        byte[] longOne = java.util.Arrays.copyOf(good, 23);
        for (byte[] bad : List.of(version2, zrf, shortOne, longOne, new byte[0])) {
            assertThat(ZreBeacon.decode(bad)).as(HexFormat.of().formatHex(bad)).isEmpty();
        }
        assertThatThrownBy(() -> ZreBeacon.encode(UUID_1, 65536)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port: 65536");
        assertThatThrownBy(() -> ZreBeacon.announcer(5670, UUID_1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mailboxPort: 0");
    }

    @Test
    void aHandMadeBeaconFromARawSocketIsSeenAsAPeerAndItsPortZeroAsVanished() throws Exception {
        int port = FreeUdpPort.pick();
        // A timeout no test waits for: the VANISHED below can only come from the port-0 beacon.
        Beacon listener = start(ZreBeacon.listener(port).networkInterface("lo").timeout(Duration.ofMinutes(5)));
        InetSocketAddress to = new InetSocketAddress("127.255.255.255", port);
        try (DatagramSocket zyre = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            zyre.setBroadcast(true);
            byte[] invalid = java.util.Arrays.copyOf(handMade(UUID_1, 40000), 21);
            zyre.send(new DatagramPacket(invalid, invalid.length, to));
            byte[] beacon = handMade(UUID_1, 40000);
            zyre.send(new DatagramPacket(beacon, beacon.length, to));
            // The same node with its mailbox moved is the same peer: no second APPEARED.
            byte[] moved = handMade(UUID_1, 40001);
            zyre.send(new DatagramPacket(moved, moved.length, to));
            byte[] leaving = handMade(UUID_1, 0);
            zyre.send(new DatagramPacket(leaving, leaving.length, to));

            BeaconEvent appeared = listener.poll(WAIT);
            assertThat(appeared).isNotNull();
            assertThat(appeared.type()).isEqualTo(BeaconEvent.Type.APPEARED);
            assertThat(appeared.sender()).isEqualTo(zyre.getLocalSocketAddress());
            assertThat(ZreBeacon.decode(appeared.payload())).contains(new ZreBeacon.Announcement(UUID_1, 40000));

            BeaconEvent vanished = listener.poll(WAIT);
            assertThat(vanished).isNotNull();
            assertThat(vanished.type()).isEqualTo(BeaconEvent.Type.VANISHED);
            assertThat(ZreBeacon.decode(vanished.payload())).contains(new ZreBeacon.Announcement(UUID_1, 0));
        }
    }

    @Test
    void twoNodesSeeEachOtherAndAClosedOneLeavesAtOnce() {
        int port = FreeUdpPort.pick();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Duration never = Duration.ofMinutes(5);
        Beacon nodeA = start(ZreBeacon.announcer(port, a, 50001).networkInterface("lo").interval(Duration.ofMillis(50)).timeout(never));
        Beacon nodeB = start(ZreBeacon.announcer(port, b, 50002).networkInterface("lo").interval(Duration.ofMillis(50)).timeout(never));
        BeaconEvent seenByA = nodeA.poll(WAIT);
        BeaconEvent seenByB = nodeB.poll(WAIT);
        assertThat(ZreBeacon.decode(seenByA.payload())).contains(new ZreBeacon.Announcement(b, 50002));
        assertThat(ZreBeacon.decode(seenByB.payload())).contains(new ZreBeacon.Announcement(a, 50001));
        nodeB.close();
        BeaconEvent gone = nodeA.poll(WAIT);
        assertThat(gone).isNotNull();
        assertThat(gone.type()).isEqualTo(BeaconEvent.Type.VANISHED);
        assertThat(ZreBeacon.decode(gone.payload())).contains(new ZreBeacon.Announcement(b, 0));
    }
}
