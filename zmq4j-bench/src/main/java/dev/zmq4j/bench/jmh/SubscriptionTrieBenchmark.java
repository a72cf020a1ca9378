package dev.zmq4j.bench.jmh;

import dev.zmq4j.pattern.SubscriptionTrie;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of matching one topic against PUB's {@link SubscriptionTrie} with 10 and with 100,000
 * subscriptions (prefixes like {@code "sensor.<n>."}, spread over 1,000 subscribers). The topics
 * matched are 32-byte strings of which half match some subscription; the score should barely
 * change with the number of subscriptions, since a match walks the topic, not the subscriptions.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SubscriptionTrieBenchmark {
    @Param({"10", "100000"})
    public int subscriptions;

    private SubscriptionTrie<Integer> trie;
    private byte[][] topics;
    private int next;
    private Consumer<Integer> sink;

    @Setup
    public void setUp(Blackhole bh) {
        sink = bh::consume;
        trie = new SubscriptionTrie<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < subscriptions; i++) {
            trie.add(("sensor." + i + ".").getBytes(StandardCharsets.US_ASCII), i % 1000);
        }
        topics = new byte[1024][];
        for (int i = 0; i < topics.length; i++) {
            int n = random.nextInt(subscriptions * 2);
            String t = "sensor." + n + ".temperature.celsius.0000000000";
            topics[i] = t.substring(0, 32).getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Benchmark
    public void match() {
        trie.match(topics[next++ & (topics.length - 1)], sink);
    }
}
