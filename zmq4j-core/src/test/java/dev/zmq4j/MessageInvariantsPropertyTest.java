package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * {@link Message} and {@link Frame} keep the contracts their javadoc states, for any frames:
 * immutable values (the arrays given are copied, the arrays handed out are copies, views are
 * read-only, lists unmodifiable), sizes that add up, equality by content whatever the way a
 * message was built, and the pipe form a socket carries wraps back into an equal message.
 */
class MessageInvariantsPropertyTest {
    @Provide
    Arbitrary<List<byte[]>> parts() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(300).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void aMessageIsAnImmutableValueWhoseSizesAddUp(@ForAll("parts") List<byte[]> parts) {
        byte[][] given = parts.toArray(new byte[0][]);
        byte[][] kept = new byte[given.length][];
        long total = 0;
        for (int i = 0; i < given.length; i++) {
            kept[i] = given[i].clone();
            total += given[i].length;
        }
        Message m = Message.of(given);

        // The caller's arrays are copied: changing them afterwards changes nothing.
        for (byte[] g : given) {
            if (g.length > 0) {
                g[0]++;
            }
        }
        given[0] = new byte[] {42};

        assertThat(m.size()).isEqualTo(kept.length);
        assertThat(m.byteSize()).isEqualTo(total);
        assertThat(m.frames()).hasSize(kept.length);
        for (int i = 0; i < kept.length; i++) {
            Frame f = m.frame(i);
            assertThat(f.toByteArray()).isEqualTo(kept[i]);
            assertThat(f.size()).isEqualTo(kept[i].length);
            assertThat(f.isEmpty()).isEqualTo(kept[i].length == 0);
            // What is handed out is a copy or a read-only view.
            byte[] copy = f.toByteArray();
            if (copy.length > 0) {
                copy[0]++;
                ByteBuffer view = f.asReadOnlyBuffer();
                assertThat(view.isReadOnly()).isTrue();
                assertThatThrownBy(() -> view.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
                assertThat(f.byteAt(0)).isEqualTo(kept[i][0]);
            }
            assertThat(f.toByteArray()).isEqualTo(kept[i]);
        }
        assertThat(m.first()).isEqualTo(m.frame(0));
        assertThat(m.last()).isEqualTo(m.frame(kept.length - 1));
        assertThatThrownBy(() -> m.frames().add(Frame.EMPTY)).isInstanceOf(UnsupportedOperationException.class);
        List<Frame> iterated = new ArrayList<>();
        m.forEach(iterated::add);
        assertThat(iterated).isEqualTo(m.frames());
    }

    @Property(tries = 300)
    void equalityIsByContentWhateverTheWayAMessageWasBuilt(@ForAll("parts") List<byte[]> parts) {
        Message fromArrays = Message.of(parts.toArray(new byte[0][]));
        List<Frame> frames = new ArrayList<>();
        for (byte[] p : parts) {
            frames.add(Frame.of(p));
        }
        Message fromList = Message.of(frames);
        Message fromVarargs = Message.of(frames.toArray(new Frame[0]));
        Message wrapped = Message.wrapPipeForm(fromArrays.pipeForm(), null);

        // The list given is not kept: changing it changes nothing.
        frames.add(Frame.of("extra"));
        frames.set(0, Frame.of("changed"));

        for (Message other : List.of(fromList, fromVarargs, wrapped)) {
            assertThat(other).isEqualTo(fromArrays);
            assertThat(other.hashCode()).isEqualTo(fromArrays.hashCode());
            assertThat(other.size()).isEqualTo(parts.size());
            assertThat(other.byteSize()).isEqualTo(fromArrays.byteSize());
        }
        assertThat(wrapped.property("Socket-Type")).isEmpty();
        // One frame more or one byte different is a different message.
        List<byte[]> longer = new ArrayList<>(parts);
        longer.add(new byte[0]);
        assertThat(Message.of(longer.toArray(new byte[0][]))).isNotEqualTo(fromArrays);
    }

    @Example
    void aMessageHasAtLeastOneFrame() {
        assertThatThrownBy(() -> Message.of(new byte[0][])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.of(List.<Frame>of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.of(new Frame[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void stringsRoundTripThroughUtf8(@ForAll @Size(min = 1, max = 5) List<String> texts) {
        Message m = Message.of(texts.toArray(new String[0]));
        List<String> back = m.toStrings();
        for (int i = 0; i < texts.size(); i++) {
            // Unpaired surrogates do not survive UTF-8; every well-formed string does.
            String t = texts.get(i);
            String expected = new String(t.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(back.get(i)).isEqualTo(expected);
            assertThat(m.frame(i).size()).isEqualTo(t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
    }
}
