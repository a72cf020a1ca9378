package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/** Waiting for monitor events in tests. */
final class Events {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Events() {
    }

    /** The next event of {@code type}, skipping others; fails if none comes within 10 s of each event. */
    static SocketEvent await(Monitor m, SocketEvent.Type type) {
        for (;;) {
            SocketEvent e = m.next(WAIT);
            assertThat(e).as("waiting for %s", type).isNotNull();
            if (e.type() == type) {
                return e;
            }
        }
    }
}
