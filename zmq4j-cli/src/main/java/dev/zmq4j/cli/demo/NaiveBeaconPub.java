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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo naive-beacon-pub}: the Node.js talk's beacon on plain TCP sockets, to show
 * what ØMQ spares us. The publisher must be the listener (directionality), keeps its own list of
 * subscribers, writes each beacon as a line to every one, and learns that one is gone only when a
 * write fails. Compare {@link BeaconPub}.
 */
@Command(name = "naive-beacon-pub", mixinStandardHelpOptions = true,
        description = "The beacon on plain TCP sockets (no ØMQ): the publisher must listen.")
public final class NaiveBeaconPub extends DemoProgram implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "0", description = "TCP port on 127.0.0.1 to listen on; 0: any free port")
    int port;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between beacons (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--count", defaultValue = "0", description = "beacons to send, then stop; 0: until stopped")
    long count;

    @Override
    public Integer call() throws IOException {
        List<Socket> subscribers = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            String address = bound("127.0.0.1:" + listener.getLocalPort());
            Thread acceptor = new Thread(() -> accept(listener, subscribers), "naive-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
            say("naive-beacon-pub: listening on %s; subscribers must connect here", address);
            for (long i = 1; count == 0 || i <= count; i++) {
                String beacon = BeaconPub.beacon();
                int written = 0;
                for (Socket s : subscribers) {
                    try {
                        OutputStream out = s.getOutputStream();
                        out.write((beacon + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        written++;
                    } catch (IOException e) {
                        subscribers.remove(s);
                        say("lost a subscriber (%s): we find out only when a write fails", e.getMessage());
                    }
                }
                say("sent %s to %d subscribers", beacon, written);
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

    private void accept(ServerSocket listener, List<Socket> subscribers) {
        try {
            while (true) {
                Socket s = listener.accept();
                subscribers.add(s);
                say("subscriber %s connected", s.getRemoteSocketAddress());
            }
        } catch (IOException e) {
            if (!listener.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
