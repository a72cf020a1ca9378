package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY;
import static dev.zmq4j.interop.Interop.FINISH;
import static dev.zmq4j.interop.Interop.STEP;
import static dev.zmq4j.interop.Interop.socket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** zmq4j DEALER and ROUTER against libzmq's (pyzmq) ROUTER and DEALER. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RouterDealerInteropTest {
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
    void zmq4jDealerGetsItsMessagesBackFromAnEchoingPythonRouter() {
        try (Socket dealer = socket(ctx, SocketType.DEALER);
             PythonPeer peer = PythonPeer.bind("ROUTER", ANY, "echo seq 1000")) {
            dealer.connect(peer.endpoint());
            for (int i = 0; i < 1000; i++) {
                Interop.send(dealer, Message.of("a", "m" + i), peer);
                assertThat(Interop.receive(dealer, peer, "m" + i).toStrings()).containsExactly("a", "m" + i);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK echoed 1000");
        }
    }

    @Test
    void zmq4jRouterSeesThePythonDealersChosenIdAndRepliesToIt() {
        try (Socket router = socket(ctx, SocketType.ROUTER);
             PythonPeer peer = PythonPeer.connect("DEALER", router.bind(ANY), "req seq 500 --id py-dealer")) {
            for (int i = 0; i < 500; i++) {
                Message m = Interop.receive(router, peer, "request " + i);
                assertThat(m.toStrings()).containsExactly("py-dealer", String.valueOf(i));
                Interop.send(router, m, peer);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK 500 round trips");
        }
    }

    @Test
    void pythonRouterRoutesByTheIdsOfZmq4jDealers() {
        try (PythonPeer peer = PythonPeer.bind("ROUTER", ANY, "echo seq 1000")) {
            String ep = peer.endpoint();
            List<Socket> dealers = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    Socket d = socket(ctx, SocketType.DEALER);
                    d.set(Option.ROUTING_ID, ("z" + i).getBytes(StandardCharsets.UTF_8));
                    d.connect(ep);
                    dealers.add(d);
                }
                for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < 100; i++) {
                        Interop.send(dealers.get(i), Message.of("z" + i + ":" + round), peer);
                    }
                    for (int i = 0; i < 100; i++) {
                        assertThat(Interop.receive(dealers.get(i), peer, "echo").toStrings())
                                .as("echo to dealer z" + i).containsExactly("z" + i + ":" + round);
                    }
                }
                assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK echoed 1000");
            } finally {
                dealers.forEach(Socket::close);
            }
        }
    }

    @Test
    void zmq4jRouterRepliesToEachOfAHundredPythonDealersWithChosenIds() {
        try (Socket router = socket(ctx, SocketType.ROUTER);
             PythonPeer peer = PythonPeer.connect("DEALER", router.bind(ANY), "dealers seq 100 --rounds 10")) {
            for (int i = 0; i < 100 * 10; i++) {
                Message m = Interop.receive(router, peer, "message " + i);
                String id = m.frame(0).toUtf8();
                assertThat(m.frame(1).toUtf8()).startsWith(id + ":");
                Interop.send(router, m, peer);
            }
            assertThat(peer.awaitSuccess(STEP)).isEqualTo("OK 100 dealers, 10 rounds");
        }
    }

    @Test
    void zmq4jDealerEchoesForAPythonDealer() {
        try (Socket dealer = socket(ctx, SocketType.DEALER);
             PythonPeer peer = PythonPeer.connect("DEALER", dealer.bind(ANY), "req seq 200 --id other")) {
            for (int i = 0; i < 200; i++) {
                Message m = Interop.receive(dealer, peer, "request " + i);
                Interop.send(dealer, m, peer);
            }
            assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK 200 round trips");
        }
    }
}
