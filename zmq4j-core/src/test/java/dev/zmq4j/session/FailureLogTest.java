package dev.zmq4j.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** A peer failing again and again for the same reason is told at WARN once, then at DEBUG. */
class FailureLogTest {
    private final List<String> calls = new ArrayList<>();
    private final Logger log = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
            (proxy, method, args) -> {
                if (method.getName().equals("warn") || method.getName().equals("debug") || method.getName().equals("info")) {
                    Object last = args[args.length - 1];
                    // warn(format, Object...): the reason is the last argument
                    calls.add(method.getName() + " " + (last instanceof Object[] a ? a[a.length - 1] : last));
                }
                return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
            });

    @Test
    void repeatsOfOnePeersFailureGoToDebug() {
        FailureLog failures = new FailureLog();
        for (int port = 40000; port < 40005; port++) {
            failures.closing(log, "tcp://127.0.0.1:5555", "/10.0.0.1:" + port, "10.0.0.1", "peer refused: ZAP 400");
        }
        failures.closing(log, "tcp://127.0.0.1:5555", "/10.0.0.2:40000", "10.0.0.2", "peer refused: ZAP 400");
        failures.closing(log, "tcp://127.0.0.1:5555", "/10.0.0.1:40009", "10.0.0.1", "another reason");
        assertThat(calls).filteredOn(c -> c.startsWith("warn")).containsExactly(
                "warn peer refused: ZAP 400", "warn peer refused: ZAP 400", "warn another reason");
        assertThat(calls).filteredOn(c -> c.startsWith("debug")).hasSize(4);
    }

    @Test
    void itForgetsRatherThanGrowWithoutBound() {
        FailureLog failures = new FailureLog();
        for (int i = 0; i <= FailureLog.MAX; i++) {
            failures.closing(log, "e", "p", "10.0.0." + i, "r");
        }
        failures.closing(log, "e", "p", "10.0.0.0", "r");
        assertThat(calls).filteredOn(c -> c.startsWith("warn")).hasSize(FailureLog.MAX + 2);
    }

    @Test
    void aFloodOfResetsFromOneHostIsOneInfoLine() {
        FailureLog failures = new FailureLog();
        for (int port = 40000; port < 41000; port++) {
            failures.connectionError(log, "tcp://127.0.0.1:5555", "/10.0.0.1:" + port, "10.0.0.1", "Connection reset by peer");
        }
        failures.connectionError(log, "tcp://127.0.0.1:5555", "/10.0.0.2:40000", "10.0.0.2", "Connection reset by peer");
        assertThat(calls).filteredOn(c -> c.startsWith("info")).containsExactly(
                "info Connection reset by peer", "info Connection reset by peer");
        assertThat(calls).filteredOn(c -> c.startsWith("debug")).hasSize(999);
    }
}
