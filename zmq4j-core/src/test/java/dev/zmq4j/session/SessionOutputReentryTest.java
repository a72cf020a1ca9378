package dev.zmq4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pipe.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Netty reports a channel writable again from inside a flush, and the framing then asks the
 * session to drain: when that flush is the drain's own, the call comes back into a drain that is
 * still running. It must not start a second drain inside the first.
 */
class SessionOutputReentryTest {
    /**
     * Each write fills the channel (not writable until flushed); each flush empties it and, as
     * Netty does, reports it writable by calling back into the drain, from inside the flush.
     */
    static final class ReenteringFraming extends WritingFraming {
        final List<Byte> written = new ArrayList<>();
        SessionOutput output;
        Pipe pipe;
        boolean writable = true;
        int depth;
        int deepest;
        final List<Boolean> drainingAfterReentry = new ArrayList<>();

        @Override
        public void write(int flags, byte[] body) {
            depth++;
            deepest = Math.max(deepest, depth);
            written.add(body[0]);
            writable = false;
            depth--;
        }

        @Override
        public boolean isWritable() {
            return writable;
        }

        @Override
        public void flush() {
            if (!writable) {
                writable = true;
                depth++;
                output.drain(pipe);
                depth--;
                drainingAfterReentry.add(output.isDraining());
            }
        }
    }

    @Test
    void aFlushThatMakesTheChannelWritableDoesNotStartASecondDrainInsideTheFirst() {
        Pipe pipe = new Pipe(new PipeWakeUpLincheckTest.NoOwner(), 100, 0);
        pipe.attach(new PipeWakeUpLincheckTest.ModelConnection());
        ReenteringFraming framing = new ReenteringFraming();
        SessionOutput output = new SessionOutput(framing);
        framing.output = output;
        framing.pipe = pipe;
        for (int i = 0; i < 5; i++) {
            assertThat(pipe.offerOut(new byte[] {(byte) i})).isTrue();
        }

        output.drain(pipe);

        assertThat(framing.written).as("every message once, in order").containsExactly((byte) 0, (byte) 1, (byte) 2, (byte) 3, (byte) 4);
        assertThat(framing.deepest).as("writes made by a drain nested in a flush").isEqualTo(1);
        assertThat(framing.drainingAfterReentry).as("the drain under way still counts as draining after the re-entry")
                .isNotEmpty().containsOnly(true);
        assertThat(output.isDraining()).isFalse();
        assertThat(pipe.outSize()).isZero();
        assertThat(pipe.messagesOut()).isEqualTo(5);
    }
}
