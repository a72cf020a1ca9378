package dev.zmq4j.bench;

import java.util.Arrays;

/**
 * Entry point of {@code zmq4j-bench.jar}:
 *
 * <pre>
 *   java -jar zmq4j-bench.jar jeromq &lt;tool&gt; &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt;   JeroMQ's perf tools ({@link JeroPerf})
 *   java -jar zmq4j-bench.jar jmh [JMH options]                                 the JMH microbenchmarks
 *   java -jar zmq4j-bench.jar chart &lt;compare.csv&gt; &lt;out-dir&gt;                   PNG charts of a compare.sh run ({@link Charts})
 *   java -jar zmq4j-bench.jar soak-chart &lt;soak.csv&gt; &lt;out-dir&gt;                 a PNG of a {@code zmq4j perf soak} run ({@link SoakChart})
 * </pre>
 *
 * <p>The zmq4j perf tools are in the {@code zmq4j} command ({@code bin/zmq4j perf ...}), libzmq's in
 * {@code bench/c/zperf}.
 */
public final class Main {
    private Main() {
    }

    /** Dispatches on the first argument. */
    public static void main(String[] args) throws Exception {
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && args[0].equals("jeromq")) {
            JeroPerf.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("chart")) {
            Charts.main(rest);
            return;
        }
        if (args.length > 0 && args[0].equals("soak-chart")) {
            SoakChart.main(rest);
            return;
        }
        System.err.println("usage: java -jar zmq4j-bench.jar jeromq local-thr|remote-thr|local-lat|remote-lat"
                + " <endpoint> <message-size> <count>");
        System.err.println("       java -jar zmq4j-bench.jar jeromq inproc-thr|inproc-lat <message-size> <count>");
        System.err.println("       java -jar zmq4j-bench.jar jeromq pub-thr|sub-thr <endpoint> <message-size> <count> <subscribers>");
        System.err.println("       java -jar zmq4j-bench.jar jmh [JMH options, e.g. -l to list]");
        System.err.println("       java -Djava.awt.headless=true -jar zmq4j-bench.jar chart <compare.csv> <out-dir>");
        System.err.println("       java -jar zmq4j-bench.jar soak-chart <soak.csv> <out-dir>");
        System.exit(2);
    }
}
