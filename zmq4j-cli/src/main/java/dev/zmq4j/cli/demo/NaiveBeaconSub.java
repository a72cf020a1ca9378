package dev.zmq4j.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j demo naive-beacon-sub}: reads {@link NaiveBeaconPub}'s beacons from a plain TCP
 * socket, one JSON line each. It shows the faults ØMQ hides: started before the publisher, it is
 * refused and gives up (listener bias); when the publisher goes away, it ends, with no reconnect
 * (fault intolerance); and each {@code read()} returns whatever bytes have arrived, which it
 * prints ({@code read 92 bytes: 2 beacons}, {@code the start of a beacon}), so it must find where
 * each beacon ends itself (leaky buffers; the Node.js talk's {@code JSON.parse} of each chunk fails
 * on such a read). Compare {@link BeaconSub}, which waits, reconnects, and receives each beacon as
 * one whole message. Exits 1 when refused or when the publisher goes.
 */
@Command(name = "naive-beacon-sub", mixinStandardHelpOptions = true,
        description = "Read beacons from a plain TCP socket (no ØMQ): no retry, no reconnect, bytes not messages.")
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
        try (Socket socket = new Socket(host, port)) {
            InputStream in = socket.getInputStream();
            say("naive-beacon-sub: connected to %s", connect);
            byte[] buffer = new byte[4096];
            ByteArrayOutputStream pending = new ByteArrayOutputStream(); // a beacon whose end has not come yet
            boolean explained = false;
            long beacons = 0;
            while (count == 0 || beacons < count) {
                int n = in.read(buffer);
                if (n < 0) {
                    say("the publisher went away after %d beacons; a plain socket does not reconnect (fault intolerance)", beacons);
                    return 1;
                }
                boolean restOfOne = pending.size() > 0;
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(pending.toString(StandardCharsets.UTF_8));
                        pending.reset();
                    } else {
                        pending.write(buffer[i]);
                    }
                }
                String what = describe(restOfOne, lines.size(), pending.size() > 0);
                say("read %d bytes: %s", n, what);
                if (!explained && !what.equals("1 beacon")) {
                    say("a read returns the bytes that have arrived, not one beacon: the reader must find where each ends "
                            + "(leaky buffers); ØMQ delivers each message whole");
                    explained = true;
                }
                for (String beacon : lines) {
                    if (count != 0 && beacons == count) {
                        break;
                    }
                    say("beacon from pid %s: %s", Json.parse(beacon).get("pid"), beacon);
                    beacons++;
                }
            }
            return 0;
        } catch (ConnectException e) {
            say("refused by %s: with plain sockets the publisher must be listening first (listener bias)", connect);
            return 1;
        }
    }

    /**
     * What one read held, e.g. {@code 1 beacon}, {@code 2 beacons}, {@code the rest of a beacon, 1
     * beacon, the start of a beacon}.
     *
     * @param restOfOne the read began inside a beacon
     * @param ended the beacons whose end (newline) the read held
     * @param startOfOne the read ended inside a beacon
     */
    static String describe(boolean restOfOne, int ended, boolean startOfOne) {
        if (restOfOne && ended == 0) {
            return "the middle of a beacon";
        }
        List<String> parts = new ArrayList<>();
        int whole = ended;
        if (restOfOne) {
            parts.add("the rest of a beacon");
            whole--;
        }
        if (whole > 0) {
            parts.add(whole + (whole == 1 ? " beacon" : " beacons"));
        }
        if (startOfOne) {
            parts.add("the start of a beacon");
        }
        return String.join(", ", parts);
    }
}
