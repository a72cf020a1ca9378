package dev.zmq4j.cli;

import dev.zmq4j.cli.socket.ExitStatus;
import dev.zmq4j.patterns.beacon.Beacon;
import dev.zmq4j.patterns.beacon.BeaconEvent;
import dev.zmq4j.patterns.beacon.BeaconException;
import dev.zmq4j.patterns.beacon.Payloads;
import dev.zmq4j.patterns.beacon.ZreBeacon;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j beacon}: UDP discovery beacons ({@link Beacon}) from the command line. With
 * {@code --announce TEXT} it broadcasts TEXT at every interval; with {@code --listen} it prints
 * one line per peer appearing or vanishing:
 *
 * <pre>
 *   appeared 127.0.0.1:43122 "hello from node 7"
 *   vanished 127.0.0.1:43122 "hello from node 7"
 *   appeared 192.168.1.20:5670 hex 5a5245...          (a payload not printable as ASCII)
 *   appeared 192.168.1.20:5670 zre 6f0c...-... port 49152   (with --zre)
 * </pre>
 *
 * Both may be given at once. {@code --zre} speaks ZRE's beacon (RFC 36, port 5670 by default):
 * {@code --announce PORT} then announces a new UUID with that mailbox port, and {@code --listen}
 * shows zyre nodes. It runs until Ctrl-C, or until {@code --count} peers events were printed or
 * {@code --duration} passed. On the loopback, {@code --interface lo} broadcasts to
 * 127.255.255.255, which every beacon on the port hears.
 *
 * <p>Exit status: 0 done (--count events, or --duration passed without --count), 1 --duration
 * passed before --count events, 2 a usage error, 3 the network refused the beacon (unknown
 * interface, port in use, no route to the address), 130 Ctrl-C.
 *
 * <p>Not thread-safe: picocli runs it on one thread; {@link #stop()} may be called from any.
 */
@Command(name = "beacon", mixinStandardHelpOptions = true,
        description = {"Announce a UDP beacon and/or listen for beacons, printing peers appearing and vanishing.",
            "Exit status: 0 done, 1 --duration passed before --count events, 2 usage error, 3 network refused, 130 Ctrl-C."})
final class BeaconCommand implements Callable<Integer> {
    private static final int DEFAULT_PORT = 9999;

    @Spec
    CommandSpec spec;

    @Option(names = "--announce", paramLabel = "TEXT",
            description = "announce TEXT (UTF-8, at most 255 bytes); with --zre, the mailbox port to announce")
    String announce;

    @Option(names = "--listen", description = "print peers appearing and vanishing")
    boolean listen;

    @Option(names = "--port", paramLabel = "N", description = "UDP port (default: 9999, or 5670 with --zre)")
    Integer port;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between beacons (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "silence after which a peer has vanished (default: 5 intervals)")
    Duration timeout;

    @Option(names = "--address", paramLabel = "A",
            description = "where to send: a broadcast, multicast (e.g. 239.255.0.1) or unicast address (default: broadcast)")
    String address;

    @Option(names = "--interface", paramLabel = "I", description = "network interface by name or address, e.g. eth0, lo, 192.168.1.5")
    String networkInterface;

    @Option(names = "--prefix", paramLabel = "P", description = "only report payloads starting with P (UTF-8)")
    String prefix;

    @Option(names = "--zre", description = "ZRE beacons (RFC 36, zyre): --announce PORT, --listen shows UUIDs and mailbox ports")
    boolean zre;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0", description = "stop after N events (with --listen); 0: no limit")
    long count;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "stop after DURATION (default: until Ctrl-C)")
    Duration duration;

    /** Run once the beacon is started (tests wait for it). */
    Runnable startedListener = () -> { };

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopped;

    /** Stops a running beacon, as Ctrl-C does (the command then returns 130). */
    void stop() {
        stopped = true;
        done.countDown();
    }

    @Override
    public Integer call() {
        check();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong printed = new AtomicLong();
        Beacon.Builder builder = builder();
        if (listen) {
            // Called on the beacon's one thread: lines never interleave.
            builder.listener(e -> {
                out.println(line(e));
                out.flush();
                if (count > 0 && printed.incrementAndGet() >= count) {
                    done.countDown();
                }
            });
        }
        Beacon beacon;
        try {
            beacon = builder.start();
        } catch (BeaconException e) {
            err.println("zmq4j beacon: " + e.getMessage());
            err.flush();
            return ExitStatus.ENDPOINT_FAILED;
        }
        Thread hook = new Thread(() -> {
            stop();
            beacon.close();
        }, "zmq4j-beacon-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (beacon) {
            if (announce != null) {
                err.println("beacon: announcing " + shown() + " to " + hostAndPort(beacon) + " every " + ProbeCommand.format(interval));
            }
            if (listen) {
                err.println("beacon: listening on UDP port " + beacon.port());
            }
            err.flush();
            startedListener.run();
            boolean finished = duration == null ? awaitDone() : done.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            if (stopped) {
                return ExitStatus.INTERRUPTED;
            }
            return finished || count == 0 ? ExitStatus.DONE : ExitStatus.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.INTERRUPTED;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or has run
            }
        }
    }

    private boolean awaitDone() throws InterruptedException {
        done.await();
        return true;
    }

    private void check() {
        if (announce == null && !listen) {
            throw usage("nothing to do (expected: --announce TEXT, --listen, or both)");
        }
        if (count < 0) {
            throw usage("--count: " + count + " (expected: >= 0)");
        }
        if (count > 0 && !listen) {
            throw usage("--count counts the peers heard (expected: with --listen)");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw usage("--duration: " + duration + " (expected: > 0)");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw usage("--interval: " + interval + " (expected: > 0)");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw usage("--timeout: " + timeout + " (expected: > 0)");
        }
        if (zre && prefix != null) {
            throw usage("--prefix with --zre (expected: one of them; ZRE beacons start with ZRE\\1)");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw usage("--port: " + port + " (expected: 1 to 65535)");
        }
    }

    private Beacon.Builder builder() {
        int p = port != null ? port : zre ? ZreBeacon.DEFAULT_PORT : DEFAULT_PORT;
        Beacon.Builder b;
        if (zre) {
            b = announce == null ? ZreBeacon.listener(p) : ZreBeacon.announcer(p, UUID.randomUUID(), mailboxPort());
        } else {
            b = Beacon.builder(p);
            if (announce != null) {
                byte[] payload = announce.getBytes(StandardCharsets.UTF_8);
                if (payload.length > Beacon.MAX_PAYLOAD) {
                    throw usage("--announce: " + payload.length + " bytes (expected: <= " + Beacon.MAX_PAYLOAD + " in UTF-8)");
                }
                b.announce(payload);
            }
            if (listen) {
                b.listen(prefix == null ? new byte[0] : prefix.getBytes(StandardCharsets.UTF_8));
            }
        }
        b.interval(interval);
        if (timeout != null) {
            b.timeout(timeout);
        }
        if (address != null) {
            b.address(address);
        }
        if (networkInterface != null) {
            b.networkInterface(networkInterface);
        }
        return b;
    }

    private int mailboxPort() {
        try {
            int mailbox = Integer.parseInt(announce.trim());
            if (mailbox >= 1 && mailbox <= 65535) {
                return mailbox;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--announce with --zre: " + announce + " (expected: the mailbox port to announce, 1 to 65535)");
    }

    private String shown() {
        return zre ? "ZRE mailbox port " + announce.trim() : Payloads.describe(announce.getBytes(StandardCharsets.UTF_8));
    }

    private static String hostAndPort(Beacon beacon) {
        return beacon.destination().getAddress().getHostAddress() + ":" + beacon.port();
    }

    /** One output line: what happened, the sender, and the payload (or the ZRE node). */
    String line(BeaconEvent e) {
        String what = e.type().name().toLowerCase(Locale.ROOT) + " " + e.address().getHostAddress() + ":" + e.sender().getPort() + " ";
        if (zre) {
            return what + ZreBeacon.decode(e.payload()).map(a -> "zre " + a.uuid() + " port " + a.port()).orElse(Payloads.describe(e.payload()));
        }
        return what + Payloads.describe(e.payload());
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
