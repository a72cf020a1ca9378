package dev.zmq4j.cli.demo;

import dev.zmq4j.cli.DurationConverter;
import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo beacon-pub}: the Node.js talk's beacon. A PUB socket binds and publishes
 * {@code {"pid": …, "timestamp": …}} (milliseconds since the epoch) at an interval. Unlike the
 * plain-socket version, the publisher neither knows nor cares who listens: subscribers come and
 * go, and a beacon nobody subscribed to is simply not sent.
 */
@Command(name = "beacon-pub", mixinStandardHelpOptions = true,
        description = "Publish {\"pid\", \"timestamp\"} beacons on a PUB socket.")
public final class BeaconPub extends DemoProgram implements Callable<Integer> {
    @Option(names = "--bind", required = true, description = "endpoint to bind, e.g. tcp://*:5555")
    String bind;

    @Option(names = "--interval", defaultValue = "1s", converter = DurationConverter.class,
            description = "time between beacons (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--count", defaultValue = "0", description = "beacons to send, then stop; 0: until stopped")
    long count;

    /** The beacon the talk's publisher sends: this process's id and the time now. */
    static String beacon() {
        return Json.object("pid", pid(), "timestamp", System.currentTimeMillis());
    }

    @Override
    public Integer call() {
        try (Context context = new Context(); Socket pub = context.socket(SocketType.PUB)) {
            String endpoint = bound(pub.bind(bind));
            say("beacon-pub: publishing on %s every %d ms", endpoint, interval.toMillis());
            for (long i = 1; count == 0 || i <= count; i++) {
                String beacon = beacon();
                pub.send(beacon);
                say("sent %s", beacon);
                if (i != count) {
                    Thread.sleep(interval.toMillis());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
