package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The ipc:// transport (Unix domain sockets): endpoints, delivery, and the socket file's life. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IpcTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private String endpoint(String name) {
        return "ipc://" + dir.resolve(name);
    }

    @Test
    void pushDeliversToPullInOrderOverIpc() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = pull.bind(endpoint("pp.sock"));
            assertThat(ep).isEqualTo(endpoint("pp.sock"));
            push.connect(ep);
            for (int i = 0; i < 10_000; i++) {
                assertThat(push.send("m" + i, WAIT)).isTrue();
            }
            for (int i = 0; i < 10_000; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("m" + i);
            }
        }
    }

    @Test
    void reqRepRoundTripsCarryMultipartMessagesOverIpc() {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            req.connect(rep.bind(endpoint("rr.sock")));
            for (int i = 0; i < 100; i++) {
                assertThat(req.send(Message.of("a" + i, "", "c"), WAIT)).isTrue();
                Message got = rep.receive(WAIT);
                assertThat(got.toStrings()).containsExactly("a" + i, "", "c");
                assertThat(rep.send(Message.of("reply" + i, "x"), WAIT)).isTrue();
                assertThat(req.receive(WAIT).toStrings()).containsExactly("reply" + i, "x");
            }
        }
    }

    @Test
    void connectBeforeBindDeliversWhatWasQueued() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.set(Option.RECONNECT_IVL, Duration.ofMillis(10));
            String ep = endpoint("late.sock");
            push.connect(ep);
            assertThat(push.trySend("early")).isTrue();
            pull.bind(ep);
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("early");
        }
    }

    @Test
    void relativePathBindsInTheWorkingDirectoryAndIsReturnedAsWritten() throws IOException {
        String name = "zmq4j-ipc-test-" + ProcessHandle.current().pid() + ".sock";
        Path file = Path.of(name).toAbsolutePath();
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = pull.bind("ipc://" + name);
            assertThat(ep).isEqualTo("ipc://" + name);
            assertThat(file).exists();
            push.connect(ep);
            push.send("relative");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("relative");
        } finally {
            Files.deleteIfExists(file);
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void wildcardBindsAGeneratedPathInTheTempDirectoryAndRemovesItOnClose() {
        String ep;
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            ep = pull.bind("ipc://*");
            assertThat(ep).startsWith("ipc://" + Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
            assertThat(Path.of(ep.substring(6))).exists();
            assertThat(pull.lastEndpoint()).isEqualTo(ep);
            push.connect(ep);
            push.send("to the generated path");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("to the generated path");
        }
        assertThat(Path.of(ep.substring(6))).doesNotExist();
        assertThat(Path.of(ep.substring(6)).getParent()).doesNotExist();
    }

    @Test
    void connectToWildcardIsRefused() {
        try (Context ctx = new Context(); Socket push = ctx.socket(SocketType.PUSH)) {
            assertThatThrownBy(() -> push.connect("ipc://*")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'ipc://*'");
        }
    }

    @Test
    void unbindRemovesTheSocketFile() {
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            String ep = pull.bind(endpoint("unbind.sock"));
            assertThat(dir.resolve("unbind.sock")).exists();
            pull.unbind(ep);
            assertThat(dir.resolve("unbind.sock")).doesNotExist();
        }
    }

    @Test
    void closeRemovesTheSocketFile() {
        try (Context ctx = new Context()) {
            Socket pull = ctx.socket(SocketType.PULL);
            pull.bind(endpoint("close.sock"));
            assertThat(dir.resolve("close.sock")).exists();
            pull.close();
            assertThat(dir.resolve("close.sock")).doesNotExist();
        }
    }

    @Test
    void bindTakesOverAStaleSocketFileLeftByADeadListener() throws IOException {
        Path file = dir.resolve("stale.sock");
        // A listener that goes away without removing its file, as a killed process would.
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(file));
        dead.close();
        assertThat(file).exists();
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            push.connect(pull.bind("ipc://" + file));
            push.send("over the stale file");
            assertThat(pull.receive(WAIT).toStrings()).containsExactly("over the stale file");
        }
    }

    @Test
    void bindToAPathWhereAListenerAcceptsIsAddressInUse() {
        try (Context ctx = new Context();
             Socket first = ctx.socket(SocketType.PULL);
             Socket second = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = first.bind(endpoint("busy.sock"));
            assertThatThrownBy(() -> second.bind(ep)).isInstanceOf(ZmqException.AddressInUseException.class)
                    .hasMessageContaining(ep);
            push.connect(ep);
            push.send("still the first listener's");
            assertThat(first.receive(WAIT).toStrings()).containsExactly("still the first listener's");
        }
    }

    @Test
    void bindToARegularFileFailsAndLeavesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "data");
        try (Context ctx = new Context(); Socket pull = ctx.socket(SocketType.PULL)) {
            assertThatThrownBy(() -> pull.bind("ipc://" + file)).isInstanceOf(ZmqException.class);
        }
        assertThat(Files.readString(file)).isEqualTo("data");
    }

    @Test
    void worksOverTheNioFallbackToo() {
        String old = System.getProperty("zmq4j.nio");
        System.setProperty("zmq4j.nio", "true");
        Context ctx;
        try {
            ctx = new Context();
        } finally {
            if (old == null) {
                System.clearProperty("zmq4j.nio");
            } else {
                System.setProperty("zmq4j.nio", old);
            }
        }
        try (ctx;
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            assertThat(ctx.isNativeTransport()).isFalse();
            push.connect(pull.bind(endpoint("nio.sock")));
            for (int i = 0; i < 1000; i++) {
                assertThat(push.send(Message.of("n" + i, "more"), WAIT)).isTrue();
            }
            for (int i = 0; i < 1000; i++) {
                assertThat(pull.receive(WAIT).toStrings()).containsExactly("n" + i, "more");
            }
            pull.unbind(endpoint("nio.sock"));
            assertThat(dir.resolve("nio.sock")).doesNotExist();
        }
    }
}
