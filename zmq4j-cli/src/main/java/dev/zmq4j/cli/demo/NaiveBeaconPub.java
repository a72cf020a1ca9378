package dev.zmq4j.cli.demo;

import dev.zmq4j.cli.DurationConverter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo naive-beacon-pub}: the Node.js talk's beacon on plain TCP sockets, to show
 * what ØMQ spares us. The publisher must be the listener (directionality), keeps its own list of
 * subscribers, writes each beacon as a line to every one, and learns that one is gone only when a
 * write fails. With {@code --burst} each round writes three beacons: two in one write, the third
 * split across two writes a moment apart, so that {@link NaiveBeaconSub}'s reads show that TCP
 * delivers chunks of bytes, not beacons (leaky buffers). Compare {@link BeaconPub}.
 */
@Command(name = "naive-beacon-pub", mixinStandardHelpOptions = true,
        description = "The beacon on plain TCP sockets (no ØMQ): the publisher must listen.")
public final class NaiveBeaconPub extends DemoProgram implements Callable<Integer> {
    /** The pause between the two halves of a split beacon, long enough for a waiting reader to read the first. */
    static final Duration SPLIT_PAUSE = Duration.ofMillis(50);

    @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 to listen on; 0: any free port")
    int port;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between rounds (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--count", defaultValue = "0", description = "rounds to send, then stop; 0: until stopped")
    long count;

    @Option(names = "--wait-subscribers", defaultValue = "0",
            description = "wait (at most 10 s) for this many subscribers before the first round")
    int waitSubscribers;

    private final Semaphore connected = new Semaphore(0);

    @Option(names = "--burst", description = "three beacons a round: two in one write, one split across two writes "
            + "(the subscriber's reads then show leaky buffers); default: one beacon a round")
    boolean burst;

    @Override
    public Integer call() throws IOException {
        List<Socket> subscribers = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            String address = bound("127.0.0.1:" + listener.getLocalPort());
            Thread acceptor = new Thread(() -> accept(listener, subscribers), "naive-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            say("naive-beacon-pub: listening on %s; subscribers must connect here", address);
            if (!connected.tryAcquire(waitSubscribers, 10, TimeUnit.SECONDS)) {
                say("fewer than %d subscribers within 10 s", waitSubscribers);
                return 1;
            }
            for (long i = 1; count == 0 || i <= count; i++) {
                // a subscriber that connects during a round gets whole rounds only
                List<Socket> round = List.copyOf(subscribers);
                if (burst) {
                    String first = BeaconPub.beacon() + "\n" + BeaconPub.beacon() + "\n";
                    byte[] third = (BeaconPub.beacon() + "\n").getBytes(StandardCharsets.UTF_8);
                    int half = third.length / 2;
                    write(round, subscribers, first.getBytes(StandardCharsets.UTF_8));
                    write(round, subscribers, Arrays.copyOfRange(third, 0, half));
                    Thread.sleep(SPLIT_PAUSE.toMillis());
                    int written = write(round, subscribers, Arrays.copyOfRange(third, half, third.length));
                    say("sent 3 beacons to %d subscribers: 2 in one write, 1 split across two writes", written);
                } else {
                    String beacon = BeaconPub.beacon();
                    int written = write(round, subscribers, (beacon + "\n").getBytes(StandardCharsets.UTF_8));
                    say("sent %s to %d subscribers", beacon, written);
                }
                if (i != count) {
                    Thread.sleep(interval.toMillis());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            for (Socket s : subscribers) {
                s.close();
            }
        }
    }

    /** Writes {@code bytes} to each of {@code round} still subscribed; returns to how many it wrote. */
    private int write(List<Socket> round, List<Socket> subscribers, byte[] bytes) {
        int written = 0;
        for (Socket s : round) {
            if (!subscribers.contains(s)) {
                continue;
            }
            try {
                OutputStream out = s.getOutputStream();
                out.write(bytes);
                out.flush();
                written++;
            } catch (IOException e) {
                subscribers.remove(s);
                say("lost a subscriber (%s): we find out only when a write fails", e.getMessage());
            }
        }
        return written;
    }

    private void accept(ServerSocket listener, List<Socket> subscribers) {
        try {
            while (true) {
                Socket s = listener.accept();
                // each write goes out at once, as its own segment: no Nagle coalescing of the halves
                s.setTcpNoDelay(true);
                subscribers.add(s);
                say("subscriber %s connected", s.getRemoteSocketAddress());
                connected.release();
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
