package dev.zmq4j.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SubscriptionTrieTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> matches(SubscriptionTrie<String> trie, String topic) {
        List<String> out = new ArrayList<>();
        trie.match(b(topic), out::add);
        return out;
    }

    @Test
    void matchesEveryPrefixOfTheTopicIncludingTheEmptyOne() {
        SubscriptionTrie<String> trie = new SubscriptionTrie<>();
        trie.add(b(""), "all");
        trie.add(b("a"), "a");
        trie.add(b("ab"), "ab");
        trie.add(b("abc"), "abc");
        trie.add(b("b"), "b");
        assertThat(matches(trie, "abx")).containsExactly("all", "a", "ab");
        assertThat(matches(trie, "abc")).containsExactly("all", "a", "ab", "abc");
        assertThat(matches(trie, "")).containsExactly("all");
        assertThat(trie.matches(b("zzz"))).isTrue();
        trie.remove(b(""), "all");
        assertThat(trie.matches(b("zzz"))).isFalse();
        assertThat(trie.matches(b("b1"))).isTrue();
    }

    @Test
    void countsReferencesSoASubscriptionAddedTwiceNeedsTwoRemoves() {
        SubscriptionTrie<String> trie = new SubscriptionTrie<>();
        assertThat(trie.add(b("t"), "s")).isTrue();
        assertThat(trie.add(b("t"), "s")).isFalse();
        assertThat(trie.remove(b("t"), "s")).isFalse();
        assertThat(matches(trie, "t1")).containsExactly("s");
        assertThat(trie.remove(b("t"), "s")).isTrue();
        assertThat(matches(trie, "t1")).isEmpty();
        assertThat(trie.remove(b("t"), "s")).isFalse();
        assertThat(trie.isEmpty()).isTrue();
    }

    @Test
    void removeAllDropsOneSubscriberAndReportsPrefixesNobodyHoldsAnyMore() {
        SubscriptionTrie<String> trie = new SubscriptionTrie<>();
        trie.add(b("x"), "gone");
        trie.add(b("xy"), "gone");
        trie.add(b("xy"), "stays");
        trie.add(b("\u00ff\u0000"), "gone");
        List<String> last = new ArrayList<>();
        trie.removeAll("gone", p -> last.add(new String(p, StandardCharsets.ISO_8859_1)));
        assertThat(last).containsExactlyInAnyOrder("x", "\u00ff\u0000");
        assertThat(matches(trie, "xyz")).containsExactly("stays");
        assertThat(trie.size()).isEqualTo(1);
    }

    @Property
    void agreesWithAPlainListOfPrefixes(@ForAll @Size(max = 40) List<@Size(max = 4) @Chars({'a', 'b', '\u00ff'}) String> prefixes,
                                        @ForAll @Size(max = 6) @Chars({'a', 'b', '\u00ff'}) String topic) {
        SubscriptionTrie<String> trie = new SubscriptionTrie<>();
        for (String p : prefixes) {
            trie.add(b(p), p);
        }
        Set<String> want = new HashSet<>();
        for (String p : prefixes) {
            if (topic.startsWith(p)) {
                want.add(p);
            }
        }
        assertThat(new HashSet<>(matches(trie, topic))).isEqualTo(want);
        assertThat(trie.matches(b(topic))).isEqualTo(!want.isEmpty());
        for (String p : prefixes) {
            trie.remove(b(p), p);
        }
        assertThat(trie.isEmpty()).isTrue();
        assertThat(matches(trie, topic)).isEmpty();
    }
}
