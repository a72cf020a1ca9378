package dev.zmq4j.cli.demo;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code zmq4j demo beacon-sub}: subscribes to every beacon of {@link BeaconPub} (or of any
 * publisher speaking its JSON) and prints each with its age. It may start before the publisher:
 * the SUB socket keeps trying to connect, and reconnects if the publisher restarts.
 */
@Command(name = "beacon-sub", mixinStandardHelpOptions = true,
        description = "Subscribe to beacons and print each one.")
public final class BeaconSub extends DemoProgram implements Callable<Integer> {
    @picocli.CommandLine.Option(names = "--connect", required = true, description = "publisher's endpoint")
    String connect;

    @picocli.CommandLine.Option(names = "--count", defaultValue = "0", description = "beacons to print, then stop; 0: until stopped")
    long count;

    @Override
    public Integer call() {
        try (Context context = new Context(); Socket sub = context.socket(SocketType.SUB)) {
            sub.set(Option.SUBSCRIBE, new byte[0]);
            sub.connect(connect);
            say("beacon-sub: subscribed to %s", connect);
            for (long i = 1; count == 0 || i <= count; i++) {
                String beacon = sub.receiveString();
                Map<String, Object> fields = Json.parse(beacon);
                long age = System.currentTimeMillis() - (Long) fields.get("timestamp");
                say("beacon from pid %s, %d ms old: %s", fields.get("pid"), age, beacon);
            }
            return 0;
        }
    }
}
