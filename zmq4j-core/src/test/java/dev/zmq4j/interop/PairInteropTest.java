package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY;
import static dev.zmq4j.interop.Interop.FINISH;
import static dev.zmq4j.interop.Interop.expect;
import static dev.zmq4j.interop.Interop.send;
import static dev.zmq4j.interop.Payloads.BIG;
import static dev.zmq4j.interop.Payloads.MULTIPART;
import static dev.zmq4j.interop.Payloads.SEQ;
import static dev.zmq4j.interop.Payloads.message;
import static dev.zmq4j.SocketType.PAIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** zmq4j PAIR against libzmq's (pyzmq) PAIR, zmq4j binding or connecting, sending or receiving. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PairInteropTest {
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

    private static String expectedOk(Roles roles, int n) {
        return roles.zmq4jSends() ? "OK received " + n : "OK sent " + n;
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void delivers100000MessagesInOrder(Roles roles) {
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, SEQ, 100_000, false)).isEqualTo(expectedOk(roles, 100_000));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversMessagesOfOneTo64FramesWithEmptyFramesIntact(Roles roles) {
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, MULTIPART, 640, false)).isEqualTo(expectedOk(roles, 640));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void delivers16MiBMessagesIntact(Roles roles) {
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, BIG, 2, false)).isEqualTo(expectedOk(roles, 2));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversMessagesInOrderAndMultipartOverIpc(Roles roles) {
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, SEQ, 10_000, false, Interop.ANY_IPC)).isEqualTo(expectedOk(roles, 10_000));
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, MULTIPART, 640, false, Interop.ANY_IPC)).isEqualTo(expectedOk(roles, 640));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversEverythingWhenTheConnectingSideStartsBeforeTheBindingSide(Roles roles) {
        assertThat(Interop.stream(ctx, PAIR, PAIR, roles, SEQ, 10_000, true)).isEqualTo(expectedOk(roles, 10_000));
    }

    @ParameterizedTest(name = "zmq4j binds: {0}")
    @ValueSource(booleans = {true, false})
    void carriesMessagesBothWaysOverOneConnection(boolean zmq4jBinds) {
        String script = "echo multipart 640";
        try (Socket pair = Interop.socket(ctx, PAIR)) {
            PythonPeer peer = zmq4jBinds ? PythonPeer.connect("PAIR", pair.bind(ANY), script) : PythonPeer.bind("PAIR", ANY, script);
            try (peer) {
                if (!zmq4jBinds) {
                    pair.connect(peer.endpoint());
                }
                for (int i = 0; i < 640; i++) {
                    send(pair, message(MULTIPART, i), peer);
                    expect(pair, peer, message(MULTIPART, i), i);
                }
                assertThat(peer.awaitSuccess(FINISH)).isEqualTo("OK echoed 640");
            }
        }
    }

    @Test
    void zmq4jPairDeliversEverythingAPythonPairSentBeforeItExited() {
        Interop.receiveAfterPeerExited(ctx, PAIR, PAIR, 100_000);
    }

    @Test
    void zmq4jPairReceivesFromANewPythonPairAfterTheFirstWasKilledMidStream() {
        Interop.receiveAcrossPeerRestart(ctx, PAIR, PAIR);
    }

    @Test
    void zmq4jPairReconnectsToAPythonPairRestartedOnTheSamePort() {
        assertThat(Interop.sendAcrossPeerRestart(ctx, PAIR, PAIR)).startsWith("OK received 2000");
    }
}
