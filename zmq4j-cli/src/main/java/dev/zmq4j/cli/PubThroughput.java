package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code perf pub-thr}: the publishing side of the PUB → N SUBs throughput test (the measuring
 * side is {@code sub-thr}). It binds an XPUB with XPUB_VERBOSE, so that every subscriber's
 * subscription reaches it, waits for {@code subscribers} of them (no message is lost to a subscriber
 * that has not joined yet), then publishes {@code count} messages of {@code message-size} bytes as
 * fast as it can. SNDHWM stays at its default (1000): a subscriber that falls behind misses
 * messages, as with any PUB.
 *
 * <p>End of run: the publisher then sends an end marker (an empty message) every millisecond until
 * XPUB reports the cancel of the empty subscription, which it does once the last subscriber has
 * unsubscribed or gone. Markers are dropped at SNDHWM like any message, so they are repeated; a
 * subscriber stops at {@code count} messages or at its first marker. It prints nothing; it fails
 * if no cancel arrives within {@value #END_TIMEOUT_SECONDS} s of the last message.
 */
@Command(name = "pub-thr", mixinStandardHelpOptions = true,
        description = "Bind XPUB, wait for <subscribers> subscriptions, publish <count> messages, then end markers until all have left.")
final class PubThroughput extends PerfTool {
    /** How long the end markers are repeated before the publisher gives up. */
    static final int END_TIMEOUT_SECONDS = 30;

    @Parameters(index = "3", paramLabel = "<subscribers>", description = "subscriptions to wait for before publishing")
    int subscribers;

    @Override
    int run(Context context) {
        checkPubSub(this, subscribers);
        try (ZapResponder zap = security.startZap(context);
             Socket xpub = security.apply(context.socket(SocketType.XPUB))) {
            // Nothing is worth lingering for once the last subscriber has cancelled: only markers are left.
            xpub.set(Option.LINGER, Duration.ZERO);
            xpub.set(Option.XPUB_VERBOSE, true);
            boundListener.accept(xpub.bind(endpoint));
            for (int subscribed = 0; subscribed < subscribers; ) {
                byte[] s = xpub.receiveBytes();
                if (s.length > 0 && s[0] == 1) {
                    subscribed++;
                }
            }
            // send(byte[]) does not copy; sending the same, never modified, array is safe.
            byte[] message = new byte[messageSize];
            for (int i = 0; i < count; i++) {
                xpub.send(message);
            }
            byte[] end = new byte[0];
            Duration pause = Duration.ofMillis(1);
            long deadlineNanos = System.nanoTime() + Duration.ofSeconds(END_TIMEOUT_SECONDS).toNanos();
            while (true) {
                xpub.send(end);
                byte[] s = xpub.receiveBytes(pause);
                if (s != null && s.length > 0 && s[0] == 0) {
                    return 0;
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("pub-thr: the subscribers had not all left " + END_TIMEOUT_SECONDS + " s after the last message");
                    err.flush();
                    return 1;
                }
            }
        }
    }

    /** The pub/sub tools' extra checks: an empty message is the end marker, so messages have a byte at least. */
    static void checkPubSub(PerfTool tool, int subscribers) {
        if (tool.messageSize < 1) {
            throw new ParameterException(tool.spec.commandLine(),
                    "message-size: " + tool.messageSize + " (expected: >= 1; an empty message is the end marker)");
        }
        if (subscribers < 1) {
            throw new ParameterException(tool.spec.commandLine(),
                    "subscribers: " + subscribers + " (expected: >= 1)");
        }
    }
}
