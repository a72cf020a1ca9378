package dev.zmq4j.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo naive-beacon-sub}: reads {@link NaiveBeaconPub}'s beacons from a plain TCP
 * socket, one JSON line each. It shows the faults ØMQ hides: started before the publisher, it is
 * refused and gives up (listener bias); when the publisher goes away, it ends, with no reconnect
 * (fault intolerance). Compare {@link BeaconSub}, which waits and reconnects. Exits 1 in both cases.
 */
@Command(name = "naive-beacon-sub", mixinStandardHelpOptions = true,
        description = "Read beacons from a plain TCP socket (no ØMQ): no retry, no reconnect.")
public final class NaiveBeaconSub extends DemoProgram implements Callable<Integer> {
    @Option(names = "--connect", required = true, description = "publisher's HOST:PORT")
    String connect;

    @Option(names = "--count", defaultValue = "0", description = "beacons to print, then stop; 0: until the publisher goes")
    long count;

    @Override
    public Integer call() throws IOException {
        int colon = connect.lastIndexOf(':');
        if (colon < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--connect: " + connect + " (expected: HOST:PORT)");
        }
        String host = connect.substring(0, colon);
        int port = Integer.parseInt(connect.substring(colon + 1));
        try (Socket socket = new Socket(host, port);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            say("naive-beacon-sub: connected to %s", connect);
            for (long i = 1; count == 0 || i <= count; i++) {
                String beacon = in.readLine();
                if (beacon == null) {
                    say("the publisher went away after %d beacons; a plain socket does not reconnect (fault intolerance)", i - 1);
                    return 1;
                }
                say("beacon from pid %s: %s", Json.parse(beacon).get("pid"), beacon);
            }
            return 0;
        } catch (ConnectException e) {
            say("refused by %s: with plain sockets the publisher must be listening first (listener bias)", connect);
            return 1;
        }
    }
}
