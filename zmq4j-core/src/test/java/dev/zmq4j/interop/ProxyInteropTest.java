package dev.zmq4j.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Proxy;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A zmq4j streamer proxy between libzmq (pyzmq) peers: python PUSH, zmq4j PULL to PUSH, python PULL. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyInteropTest {
    private Context ctx;

    @BeforeEach
    void openContext() {
        PythonPeer.assumeAvailable();
        ctx = new Context();
    }

    @AfterEach
    void closeContext() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @Test
    void streamerBetweenPythonPeersDeliversEveryMessageInOrder() {
        int n = 50_000;
        Socket front = ctx.socket(SocketType.PULL);
        Socket back = ctx.socket(SocketType.PUSH);
        String frontEndpoint = front.bind("tcp://127.0.0.1:*");
        String backEndpoint = back.bind("tcp://127.0.0.1:*");
        Thread proxy = Proxy.start(front, back, null, null);
        try (PythonPeer sink = PythonPeer.connect("PULL", backEndpoint, "recv seq " + n);
             PythonPeer source = PythonPeer.connect("PUSH", frontEndpoint, "send seq " + n)) {
            sink.awaitReady();
            assertThat(source.awaitSuccess(Duration.ofSeconds(60))).isEqualTo("OK sent " + n);
            assertThat(sink.awaitSuccess(Duration.ofSeconds(60))).isEqualTo("OK received " + n);
        }
        assertThat(proxy.isAlive()).isTrue();
    }

    @Test
    void streamerKeepsMultipartMessagesWholeBetweenPythonPeers() {
        int n = 640;
        Socket front = ctx.socket(SocketType.PULL);
        Socket back = ctx.socket(SocketType.PUSH);
        String frontEndpoint = front.bind("tcp://127.0.0.1:*");
        String backEndpoint = back.bind("tcp://127.0.0.1:*");
        Proxy.start(front, back, null, null);
        try (PythonPeer sink = PythonPeer.connect("PULL", backEndpoint, "recv multipart " + n);
             PythonPeer source = PythonPeer.connect("PUSH", frontEndpoint, "send multipart " + n)) {
            sink.awaitReady();
            assertThat(source.awaitSuccess(Duration.ofSeconds(60))).isEqualTo("OK sent " + n);
            assertThat(sink.awaitSuccess(Duration.ofSeconds(60))).isEqualTo("OK received " + n);
        }
    }
}
