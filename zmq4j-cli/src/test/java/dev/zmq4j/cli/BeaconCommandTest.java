package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code zmq4j beacon} on the loopback (interface lo: broadcast to 127.255.255.255). */
@Timeout(60)
class BeaconCommandTest {
    private final List<Running> running = new ArrayList<>();

    /** A beacon command run on its own thread, started once its beacon is up. */
    private static final class Running {
        final CapturedRun run = new CapturedRun();
        final BeaconCommand command = run.commandLine.getSubcommands().get("beacon").getCommand();
        final CountDownLatch started = new CountDownLatch(1);
        final CompletableFuture<Integer> exit = new CompletableFuture<>();

        Running(String... args) throws InterruptedException {
            command.startedListener = started::countDown;
            List<String> all = new ArrayList<>(List.of("beacon"));
            all.addAll(Arrays.asList(args));
            Thread t = new Thread(() -> exit.complete(run.commandLine.execute(all.toArray(String[]::new))), "beacon-command");
            t.setDaemon(true);
            t.start();
            // A run that fails at once never starts: its exit completes instead.
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); !started.await(20, TimeUnit.MILLISECONDS) && !exit.isDone();) {
                assertThat(System.nanoTime() - end).as("beacon command started").isNegative();
            }
        }

        int exit() throws Exception {
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    @AfterEach
    void tearDown() {
        running.forEach(r -> r.command.stop());
    }

    private Running start(String... args) throws InterruptedException {
        Running r = new Running(args);
        running.add(r);
        return r;
    }

    private static int freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aListenerSeesAnAnnouncerAppearAndVanish() throws Exception {
        String port = String.valueOf(freePort());
        Running listener = start("--listen", "--port", port, "--interface", "lo", "--timeout", "500ms",
                "--count", "2", "--duration", "30s");
        Running announcer = start("--announce", "hello from cli", "--port", port, "--interface", "lo", "--interval", "50ms");
        await(() -> listener.run.out.toString().contains("appeared"), "the listener sees the announcer: " + listener.run.out);
        assertThat(announcer.run.err.toString()).contains("beacon: announcing \"hello from cli\" to 127.255.255.255:" + port + " every 50ms");
        announcer.command.stop();
        assertThat(announcer.exit()).isEqualTo(130);

        assertThat(listener.exit()).as(listener.run.err.toString()).isZero();
        List<String> lines = listener.run.lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("appeared 127\\.0\\.0\\.1:\\d+ \"hello from cli\"");
        assertThat(lines.get(1)).matches("vanished 127\\.0\\.0\\.1:\\d+ \"hello from cli\"");
        assertThat(listener.run.err.toString()).contains("beacon: listening on UDP port " + port);
    }

    @Test
    void zreListenerShowsAHandMadeZreBeaconAsANode() throws Exception {
        int port = freePort();
        Running listener = start("--listen", "--zre", "--port", String.valueOf(port), "--interface", "lo", "--count", "2", "--duration", "30s");
        UUID uuid = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        try (DatagramSocket zyre = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            zyre.setBroadcast(true);
            for (int mailbox : new int[] {49152, 0}) {
                byte[] b = ByteBuffer.allocate(22).put(new byte[] {'Z', 'R', 'E', 1})
                        .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).putShort((short) mailbox).array();
                zyre.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.255.255.255", port)));
            }
            assertThat(listener.exit()).as(listener.run.err.toString()).isZero();
            assertThat(listener.run.lines()).containsExactly(
                    "appeared 127.0.0.1:" + zyre.getLocalPort() + " zre " + uuid + " port 49152",
                    "vanished 127.0.0.1:" + zyre.getLocalPort() + " zre " + uuid + " port 0");
        }
    }

    @Test
    void durationEndsARunAndCountNotReachedIsATimeout() throws Exception {
        Running r = start("--listen", "--port", String.valueOf(freePort()), "--interface", "lo", "--count", "1", "--duration", "200ms");
        assertThat(r.exit()).isEqualTo(1);
        Running announcer = start("--announce", "x", "--port", String.valueOf(freePort()), "--interface", "lo", "--duration", "200ms");
        assertThat(announcer.exit()).isZero();
    }

    @Test
    void nonPrintablePayloadsAreShownInHex() {
        BeaconCommand c = new BeaconCommand();
        String line = c.line(new dev.zmq4j.patterns.beacon.BeaconEvent(dev.zmq4j.patterns.beacon.BeaconEvent.Type.APPEARED,
                new InetSocketAddress("127.0.0.1", 9999), new byte[] {0, 1, (byte) 0xfe}));
        assertThat(line).isEqualTo("appeared 127.0.0.1:9999 hex 0001fe");
    }

    @Test
    void usageErrorsAndRefusedNetworks() {
        CapturedRun nothing = new CapturedRun();
        assertThat(nothing.commandLine.execute("beacon")).isEqualTo(2);
        assertThat(nothing.err.toString()).contains("nothing to do");

        CapturedRun countWithoutListen = new CapturedRun();
        assertThat(countWithoutListen.commandLine.execute("beacon", "--announce", "x", "--count", "1")).isEqualTo(2);
        assertThat(countWithoutListen.err.toString()).contains("--count counts the peers heard");

        CapturedRun zreText = new CapturedRun();
        assertThat(zreText.commandLine.execute("beacon", "--zre", "--announce", "hello")).isEqualTo(2);
        assertThat(zreText.err.toString()).contains("expected: the mailbox port to announce");

        CapturedRun badInterface = new CapturedRun();
        assertThat(badInterface.commandLine.execute("beacon", "--listen", "--interface", "nosuch0", "--duration", "1s")).isEqualTo(3);
        assertThat(badInterface.err.toString()).contains("zmq4j beacon: interface: nosuch0");
    }
}
