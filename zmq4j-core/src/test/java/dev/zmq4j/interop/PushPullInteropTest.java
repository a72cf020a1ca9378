package dev.zmq4j.interop;

import static dev.zmq4j.interop.Payloads.BIG;
import static dev.zmq4j.interop.Payloads.MULTIPART;
import static dev.zmq4j.interop.Payloads.SEQ;
import static dev.zmq4j.SocketType.PULL;
import static dev.zmq4j.SocketType.PUSH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** zmq4j PUSH and PULL against libzmq's (pyzmq) PULL and PUSH, zmq4j on each side in turn. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PushPullInteropTest {
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
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, SEQ, 100_000, false)).isEqualTo(expectedOk(roles, 100_000));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversMessagesOfOneTo64FramesWithEmptyFramesIntact(Roles roles) {
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, MULTIPART, 640, false)).isEqualTo(expectedOk(roles, 640));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void delivers16MiBMessagesIntact(Roles roles) {
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, BIG, 2, false)).isEqualTo(expectedOk(roles, 2));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversEverythingWhenTheConnectingSideStartsBeforeTheBindingSide(Roles roles) {
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, SEQ, 10_000, true)).isEqualTo(expectedOk(roles, 10_000));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void delivers20000MessagesInOrderOverIpc(Roles roles) {
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, SEQ, 20_000, false, Interop.ANY_IPC))
                .isEqualTo(expectedOk(roles, 20_000));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void deliversMessagesOfOneTo64FramesOverIpc(Roles roles) {
        assertThat(Interop.stream(ctx, PUSH, PULL, roles, MULTIPART, 640, false, Interop.ANY_IPC))
                .isEqualTo(expectedOk(roles, 640));
    }

    @Test
    void zmq4jPullDeliversEverythingAPythonPushSentBeforeItExited() {
        Interop.receiveAfterPeerExited(ctx, PULL, PUSH, 100_000);
    }

    @Test
    void zmq4jPullReceivesFromANewPythonPushAfterTheFirstWasKilledMidStream() {
        Interop.receiveAcrossPeerRestart(ctx, PULL, PUSH);
    }

    @Test
    void zmq4jPushReconnectsToAPythonPullRestartedOnTheSamePort() {
        assertThat(Interop.sendAcrossPeerRestart(ctx, PUSH, PULL)).startsWith("OK received 2000");
    }
}
