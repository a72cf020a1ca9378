package dev.zmq4j.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.fuzz.Script;
import dev.zmq4j.pipe.Subscriptions;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz target for subscriptions (docs/RELIABILITY.md, "Fuzzing"): SUBSCRIBE/CANCEL commands and
 * subscription messages from any bytes, applied to a {@link SubscriptionTrie} and checked after
 * every step against a naive model (a count per subscriber and prefix).
 *
 * <pre>
 * script: | op | operands | op | operands | ...
 * op bits 0-1: 0 subscribe, 1 cancel, 2 match | length | topic |, 3 remove the subscriber's all
 *    bits 2-3: the subscriber (one of four)
 *    bits 4-5: how a subscribe/cancel arrives, | length | bytes | each: 0, 3 a SUBSCRIBE or CANCEL
 *              command (as the op says) with the bytes as its topic; 1 a pipe message (first byte
 *              1 or 0, or not a subscription at all); 2 a command body of any name. Commands go
 *              through Command.decode and Subscriptions.message, as a session passes them on
 * </pre>
 */
class SubscriptionFuzzTest {
    private static final int OPS = 64;

    /**
     * Only a {@link ProtocolException} from a command body; otherwise the trie agrees with the
     * model on every answer: add/remove's "first"/"last", match (each subscriber once per
     * subscribed prefix of the topic), matches, hasSubscribers, size, and the prefixes removeAll
     * reports gone.
     */
    @FuzzTest
    void appliesAnySubscriptions(byte[] input) {
        Script script = new Script(input);
        SubscriptionTrie<Integer> trie = new SubscriptionTrie<>();
        Map<Integer, Map<ByteBuffer, Integer>> model = new HashMap<>();
        for (int s = 0; s < 4; s++) {
            model.put(s, new HashMap<>());
        }
        for (int step = 0; step < OPS && script.more(); step++) {
            int op = script.next();
            int subscriber = (op >> 2) & 3;
            Map<ByteBuffer, Integer> mine = model.get(subscriber);
            switch (op & 3) {
                case 0, 1 -> {
                    byte[] m = subscription((op & 3) == 0, (op >> 4) & 3, script.take(script.next()));
                    if (m == null || !Subscriptions.isSubscription(m)) {
                        continue;
                    }
                    ByteBuffer topic = ByteBuffer.wrap(Subscriptions.topic(m));
                    int before = mine.getOrDefault(topic, 0);
                    if (Subscriptions.isSubscribe(m)) {
                        assertThat(trie.add(topic.array(), subscriber)).isEqualTo(before == 0);
                        mine.put(topic, before + 1);
                    } else {
                        assertThat(trie.remove(topic.array(), subscriber)).isEqualTo(before == 1);
                        if (before > 1) {
                            mine.put(topic, before - 1);
                        } else {
                            mine.remove(topic);
                        }
                    }
                }
                case 2 -> {
                    byte[] topic = script.take(script.next());
                    List<Integer> visited = new ArrayList<>();
                    trie.match(topic, visited::add);
                    List<Integer> expected = new ArrayList<>();
                    model.forEach((s, prefixes) -> prefixes.keySet().stream().filter(p -> isPrefix(p, topic)).forEach(p -> expected.add(s)));
                    assertThat(visited).containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(trie.matches(topic)).isEqualTo(!expected.isEmpty());
                    boolean exact = model.values().stream().anyMatch(p -> p.containsKey(ByteBuffer.wrap(topic)));
                    assertThat(trie.hasSubscribers(topic)).isEqualTo(exact);
                }
                default -> {
                    Set<ByteBuffer> gone = new HashSet<>();
                    trie.removeAll(subscriber, p -> assertThat(gone.add(ByteBuffer.wrap(p))).as("reported once").isTrue());
                    Set<ByteBuffer> expected = new HashSet<>();
                    for (ByteBuffer p : mine.keySet()) {
                        if (model.entrySet().stream().noneMatch(e -> e.getKey() != subscriber && e.getValue().containsKey(p))) {
                            expected.add(p);
                        }
                    }
                    assertThat(gone).isEqualTo(expected);
                    mine.clear();
                }
            }
            assertThat(trie.size()).isEqualTo(model.values().stream().mapToInt(Map::size).sum());
            assertThat(trie.isEmpty()).isEqualTo(trie.size() == 0);
        }
    }

    /**
     * The pipe message of one subscribe/cancel step, or {@code null} for a command body that does
     * not decode or is not SUBSCRIBE/CANCEL (a session would not make it a subscription).
     */
    private static byte[] subscription(boolean subscribe, int form, byte[] bytes) {
        if (form == 1) {
            return bytes;
        }
        byte[] wire = bytes;
        if (form != 2) {
            byte[] name = (subscribe ? Command.SUBSCRIBE : Command.CANCEL).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            wire = concat(new byte[] {(byte) name.length}, name, bytes);
        }
        Command c;
        try {
            c = Command.decode(wire);
        } catch (ProtocolException e) {
            return null;
        }
        if (!c.name().equals(Command.SUBSCRIBE) && !c.name().equals(Command.CANCEL)) {
            return null;
        }
        return Subscriptions.message(c.name().equals(Command.SUBSCRIBE), c.data());
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static boolean isPrefix(ByteBuffer prefix, byte[] topic) {
        byte[] p = prefix.array();
        return p.length <= topic.length && java.util.Arrays.equals(p, 0, p.length, topic, 0, p.length);
    }
}
