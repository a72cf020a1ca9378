package dev.zmq4j.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * {@link SubscriptionTrie} against a naive model (a map from (prefix, subscriber) to a reference
 * count): random interleavings of subscribe, cancel, remove-all and match give the same answers
 * at every step, return values included (first subscription, last cancel, the prefixes nobody
 * holds any more). Prefixes come from a small alphabet with 0x00 and 0xFF so that they share
 * branches, and include the empty prefix.
 */
class SubscriptionTrieModelPropertyTest {
    enum Kind { ADD, REMOVE, REMOVE_ALL, MATCH }

    record Op(Kind kind, String prefix, int subscriber) {
    }

    /** A prefix or topic over {@code a b 0x00 0xFF}, 0 to 5 bytes. */
    private static Arbitrary<String> keys() {
        return Arbitraries.strings().withChars('a', 'b', '\u0000', '\u00ff').ofMinLength(0).ofMaxLength(5);
    }

    @Provide
    Arbitrary<Op> ops() {
        return Combinators.combine(
                        Arbitraries.frequency(Tuple.of(5, Kind.ADD), Tuple.of(4, Kind.REMOVE),
                                Tuple.of(1, Kind.REMOVE_ALL), Tuple.of(4, Kind.MATCH)),
                        keys(),
                        Arbitraries.integers().between(0, 3))
                .as(Op::new);
    }

    @Property(tries = 200)
    void behavesLikeAListOfPrefixesWithCounts(@ForAll @Size(max = 120) List<@net.jqwik.api.From("ops") Op> ops) {
        SubscriptionTrie<Integer> trie = new SubscriptionTrie<>();
        Integer[] subscribers = {0, 1, 2, 3};
        // (prefix, subscriber) -> references
        Map<Map.Entry<String, Integer>, Integer> model = new HashMap<>();
        for (Op op : ops) {
            Integer s = subscribers[op.subscriber()];
            Map.Entry<String, Integer> key = Map.entry(op.prefix(), op.subscriber());
            switch (op.kind()) {
                case ADD -> {
                    boolean first = !model.containsKey(key);
                    model.merge(key, 1, Integer::sum);
                    assertThat(trie.add(b(op.prefix()), s)).as("%s", op).isEqualTo(first);
                }
                case REMOVE -> {
                    Integer refs = model.get(key);
                    boolean last = refs != null && refs == 1;
                    if (refs != null) {
                        if (last) {
                            model.remove(key);
                        } else {
                            model.put(key, refs - 1);
                        }
                    }
                    assertThat(trie.remove(b(op.prefix()), s)).as("%s", op).isEqualTo(last);
                }
                case REMOVE_ALL -> {
                    List<String> gone = new ArrayList<>();
                    for (Map.Entry<String, Integer> k : List.copyOf(model.keySet())) {
                        if (k.getValue() == op.subscriber()) {
                            model.remove(k);
                            if (!holds(model, k.getKey())) {
                                gone.add(k.getKey());
                            }
                        }
                    }
                    List<String> reported = new ArrayList<>();
                    trie.removeAll(s, p -> reported.add(new String(p, java.nio.charset.StandardCharsets.ISO_8859_1)));
                    assertThat(reported).as("%s", op).containsExactlyInAnyOrderElementsOf(gone);
                }
                case MATCH -> {
                    List<Integer> want = new ArrayList<>();
                    for (Map.Entry<String, Integer> k : model.keySet()) {
                        if (op.prefix().startsWith(k.getKey())) {
                            want.add(k.getValue());
                        }
                    }
                    List<Integer> got = new ArrayList<>();
                    trie.match(b(op.prefix()), got::add);
                    assertThat(got).as("%s", op).containsExactlyInAnyOrderElementsOf(want);
                    assertThat(trie.matches(b(op.prefix()))).isEqualTo(!want.isEmpty());
                    assertThat(trie.hasSubscribers(b(op.prefix()))).isEqualTo(holds(model, op.prefix()));
                }
            }
            assertThat(trie.size()).isEqualTo(model.size());
            assertThat(trie.isEmpty()).isEqualTo(model.isEmpty());
        }
        for (Integer s : subscribers) {
            trie.removeAll(s, null);
        }
        assertThat(trie.isEmpty()).isTrue();
        assertThat(trie.matches(b("ab\u00ff\u0000a"))).isFalse();
    }

    private static boolean holds(Map<Map.Entry<String, Integer>, Integer> model, String prefix) {
        for (Map.Entry<String, Integer> k : model.keySet()) {
            if (k.getKey().equals(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] b(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
