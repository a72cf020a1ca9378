package dev.zmq4j.bench;

import java.util.Arrays;

/**
 * Entry point of {@code zmq4j-bench.jar}: {@code java -jar zmq4j-bench.jar jeromq <tool> <endpoint>
 * <message-size> <count>} runs JeroMQ's perf tools ({@link JeroPerf}). The zmq4j tools are in the
 * {@code zmq4j} command ({@code bin/zmq4j perf ...}), libzmq's in {@code bench/c/zperf}.
 */
public final class Main {
    private Main() {
    }

    /** Dispatches on the first argument. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("jeromq")) {
            JeroPerf.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.err.println("usage: java -jar zmq4j-bench.jar jeromq local-thr|remote-thr|local-lat|remote-lat"
                + " <endpoint> <message-size> <count>");
        System.exit(2);
    }
}
