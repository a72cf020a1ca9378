package dev.zmq4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.pipe.Subscriptions;
import dev.zmq4j.zmtp.Command;
import dev.zmq4j.zmtp.FrameDecoder;
import dev.zmq4j.zmtp.FrameFlags;
import dev.zmq4j.zmtp.Handshake;
import dev.zmq4j.zmtp.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * Promise 2 at the codec: whole messages (multipart, empty frames, short and long frames),
 * subscriptions and commands, encoded by the session's own outbound path ({@link SessionOutput},
 * which drains a {@link Pipe} and turns each message into frames with MORE flags and each
 * subscription into a SUBSCRIBE/CANCEL command), then decoded by {@link FrameDecoder} from the
 * bytes cut into arbitrary chunks (runs of one-byte chunks included), come out as exactly the same
 * sequence: nothing lost, duplicated, reordered, merged or split. {@code FrameRoundTripTest} checks
 * single frames with a test-side encoder; this one checks message structure through the
 * production encoder.
 */
class MessageFragmentationPropertyTest {
    /** One thing sent: a message (its frames), or a command. */
    sealed interface Item permits Msg, Cmd {
    }

    record Msg(List<byte[]> frames) implements Item {
        Object pipeForm() {
            return frames.size() == 1 ? frames.get(0) : frames.toArray(new byte[0][]);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Msg m) || m.frames.size() != frames.size()) {
                return false;
            }
            for (int i = 0; i < frames.size(); i++) {
                if (!Arrays.equals(frames.get(i), m.frames.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] f : frames) {
                h = 31 * h + Arrays.hashCode(f);
            }
            return h;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Msg[");
            for (byte[] f : frames) {
                sb.append(f.length).append(f.length > 0 ? "B:" + (f[0] & 0xFF) : "B").append(' ');
            }
            return sb.append(']').toString();
        }
    }

    record Cmd(String name, byte[] data) implements Item {
        @Override
        public boolean equals(Object o) {
            return o instanceof Cmd c && c.name.equals(name) && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Cmd[" + name + ", " + data.length + "B]";
        }
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(0, 300)),
                Tuple.of(2, Arbitraries.integers().between(250, 260)),
                Tuple.of(1, Arbitraries.integers().between(300, 5_000)),
                Tuple.of(1, Arbitraries.of(0, 1, 255, 256)));
        return size.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    }

    @Provide
    Arbitrary<Item> items() {
        Arbitrary<Item> message = bodies().list().ofMinSize(1).ofMaxSize(5).map(Msg::new);
        Arbitrary<Item> subscription = Combinators.combine(Arbitraries.of((byte) 0, (byte) 1), bodies())
                .as((kind, topic) -> {
                    byte[] m = new byte[topic.length + 1];
                    m[0] = kind;
                    System.arraycopy(topic, 0, m, 1, topic.length);
                    return new Msg(List.of(m));
                });
        Arbitrary<Item> command = Combinators.combine(
                        Arbitraries.strings().withCharRange('A', 'Z').withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                        bodies())
                .as(Cmd::new);
        return Arbitraries.frequencyOf(Tuple.of(6, message), Tuple.of(2, subscription), Tuple.of(2, command));
    }

    /** Chunk sizes, used in turn until the bytes run out: many single bytes, some small, some large. */
    @Provide
    Arbitrary<List<Integer>> chunkings() {
        return Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just(1)),
                        Tuple.of(3, Arbitraries.integers().between(2, 16)),
                        Tuple.of(2, Arbitraries.integers().between(17, 700)),
                        Tuple.of(1, Arbitraries.integers().between(700, 10_000)))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 150)
    void messagesAndCommandsDecodeBackWholeOnceAndInOrderAtAnyFragmentation(
            @ForAll @Size(min = 1, max = 25) List<@net.jqwik.api.From("items") Item> items,
            @ForAll("chunkings") List<Integer> chunks,
            @ForAll boolean subscriptionCommands,
            @ForAll boolean direct) throws ProtocolException {
        RecordingFraming wire = new RecordingFraming();
        SessionOutput output = new SessionOutput(wire);
        output.install(null, subscriptionCommands);
        Pipe pipe = new Pipe(new NoOwner(), 0, 0);
        List<Item> expected = new ArrayList<>();
        long messages = 0;
        long bytes = 0;
        for (Item item : items) {
            if (item instanceof Msg m) {
                assertThat(pipe.offerOut(m.pipeForm())).isTrue();
                messages++;
                for (byte[] f : m.frames()) {
                    bytes += f.length;
                }
                expected.add(subscriptionCommands && Subscriptions.isSubscription(m.pipeForm())
                        ? asCommand((byte[]) m.pipeForm()) : m);
            } else {
                Cmd c = (Cmd) item;
                // What the pipe holds goes first, as on a connection that drains before it commands.
                output.drain(pipe);
                output.send(new Command(c.name(), c.data()));
                expected.add(c);
            }
        }
        output.drain(pipe);

        assertThat(pipe.outSize()).isZero();
        assertThat(pipe.messagesOut()).isEqualTo(messages);
        assertThat(pipe.bytesOut()).isEqualTo(bytes);
        assertThat(decode(wire.bytes(), chunks, direct)).containsExactlyElementsOf(expected);
    }

    private static Cmd asCommand(byte[] subscription) {
        return new Cmd(Subscriptions.isSubscribe(subscription) ? Command.SUBSCRIBE : Command.CANCEL,
                Subscriptions.topic(subscription));
    }

    /** Feeds {@code bytes} to a decoder in chunks of the given sizes (in turn) and reassembles messages. */
    static List<Item> decode(byte[] bytes, List<Integer> chunks, boolean direct) throws ProtocolException {
        FrameDecoder decoder = new FrameDecoder(-1, Handshake.MAX_COMMAND_SIZE);
        List<Item> out = new ArrayList<>();
        List<byte[]> partial = new ArrayList<>();
        FrameDecoder.Handler handler = (flags, body) -> {
            boolean more = (flags & FrameFlags.MORE) != 0;
            if ((flags & FrameFlags.COMMAND) != 0) {
                assertThat(more).as("a command frame with MORE").isFalse();
                assertThat(partial).as("a command inside a multipart message").isEmpty();
                Command c = Command.decode(body);
                out.add(new Cmd(c.name(), c.data()));
                return true;
            }
            partial.add(body);
            if (!more) {
                out.add(new Msg(new ArrayList<>(partial)));
                partial.clear();
            }
            return true;
        };
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int n = Math.min(chunks.get(i % chunks.size()), bytes.length - at);
            ByteBuffer piece = direct
                    ? ByteBuffer.allocateDirect(n).put(bytes, at, n).flip()
                    : ByteBuffer.wrap(Arrays.copyOfRange(bytes, at, at + n));
            assertThat(decoder.decode(piece, handler)).isTrue();
            assertThat(piece.hasRemaining()).isFalse();
            at += n;
        }
        assertThat(decoder.atFrameBoundary()).as("a partial frame left over").isTrue();
        assertThat(partial).as("a message left without its last frame").isEmpty();
        return out;
    }

    /** Frames written as ZMTP bytes, with the header encoder the tcp framing uses. */
    static final class RecordingFraming extends WritingFraming {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final byte[] header = new byte[FrameFlags.MAX_HEADER_SIZE];

        byte[] bytes() {
            return out.toByteArray();
        }

        @Override
        public void write(int flags, byte[] body) {
            int h = FrameFlags.writeHeader(header, 0, flags, body.length);
            out.write(header, 0, h);
            out.writeBytes(body);
        }
    }

    static final class NoOwner implements Pipe.Owner {
        @Override
        public void pipeReadable(Pipe pipe) {
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }
    }
}
