package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import dev.zmq4j.cli.socket.CommandRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProgressTest {
    private static final long MS = 1_000_000L;

    @Test
    void formatsCountRateAndElapsedTime() {
        assertThat(Progress.line(12_345, 0, 3_000 * MS)).isEqualTo("12,345 messages  4,115 msg/s  3.0s   ");
        assertThat(Progress.line(500, 100_000, 250 * MS)).isEqualTo("500/100,000 messages  2,000 msg/s  0.3s   ");
        assertThat(Progress.line(0, 0, 0)).isEqualTo("0 messages  0 msg/s  0.0s   ");
    }

    @Test
    void rewritesTheLineAtMostEveryQuarterSecondAndEndsIt() {
        AtomicLong now = new AtomicLong(1_000 * MS);
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), 0, now::get);
        p.tick();
        now.addAndGet(249 * MS);
        p.tick();
        assertThat(out.toString()).isEmpty();
        now.addAndGet(1 * MS);
        p.tick();
        assertThat(out.toString()).isEqualTo("\r3 messages  12 msg/s  0.3s   ");
        now.addAndGet(100 * MS);
        p.tick();
        assertThat(out.toString()).as("unchanged within 250 ms").isEqualTo("\r3 messages  12 msg/s  0.3s   ");
        p.finish();
        assertThat(out.toString()).endsWith("\r4 messages  11 msg/s  0.4s   \n");
    }

    @Test
    void aRunThatNeverShowedALineEndsWithoutWriting() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), 10, () -> 0L);
        p.tick();
        p.finish();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void nothingIsShownWhenStandardErrorIsNotATerminal() {
        // Surefire's forked JVM writes standard error to a pipe.
        assertThat(Progress.stderrIsTerminal()).isFalse();
        assertThat(Progress.onTerminal()).isFalse();
        assertThat(Progress.onTerminal(new PrintWriter(new StringWriter()), 0)).isSameAs(Progress.NONE);
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            CommandRun push = new CommandRun("push", "a\nb\nc\n");
            assertThat(push.execute("--connect", endpoint)).isZero();
            for (int i = 0; i < 3; i++) {
                assertThat(pull.receive(Duration.ofSeconds(10))).isNotNull();
            }
            assertThat(push.err.toString()).isEmpty();
        }
    }

    @Test
    void aWatchShowsTheCountersLastFiguresWhenClosedAndNothingOffATerminal() {
        StringWriter out = new StringWriter();
        Progress.watch(new PrintWriter(out), 100, () -> 42, true).close();
        assertThat(out.toString()).startsWith("\r42/100 messages").endsWith("\n");
        StringWriter none = new StringWriter();
        Progress.watch(new PrintWriter(none), 100, () -> 42, false).close();
        assertThat(none.toString()).isEmpty();
    }
}
