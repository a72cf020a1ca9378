package dev.zmq4j.interop;

import static dev.zmq4j.interop.Interop.ANY;
import static dev.zmq4j.interop.Interop.FINISH;
import static dev.zmq4j.interop.Interop.expect;
import static dev.zmq4j.interop.Interop.receive;
import static dev.zmq4j.interop.Interop.send;
import static dev.zmq4j.interop.Interop.socket;
import static dev.zmq4j.interop.Payloads.BIG;
import static dev.zmq4j.interop.Payloads.MULTIPART;
import static dev.zmq4j.interop.Payloads.SEQ;
import static dev.zmq4j.interop.Payloads.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * zmq4j REQ and REP against libzmq's (pyzmq) REP and REQ, zmq4j binding or connecting. In
 * {@link Roles}, "sends" means zmq4j is the REQ. The REP always echoes the request.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReqRepInteropTest {
    private static final int ROUND_TRIPS = 20_000;

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
        return roles.zmq4jSends() ? "OK echoed " + n : "OK " + n + " round trips";
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void completesManyRoundTripsInLockStep(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, SEQ, ROUND_TRIPS, false)).isEqualTo(expectedOk(roles, ROUND_TRIPS));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void carriesRequestsAndRepliesOfOneTo64FramesWithEmptyFramesIntact(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, MULTIPART, 640, false)).isEqualTo(expectedOk(roles, 640));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void carries16MiBRequestsAndRepliesIntact(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, BIG, 2, false)).isEqualTo(expectedOk(roles, 2));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void completesRoundTripsInLockStepOverIpc(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, SEQ, 5000, false, Interop.ANY_IPC)).isEqualTo(expectedOk(roles, 5000));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void carriesMultipartRequestsAndRepliesOverIpc(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, MULTIPART, 640, false, Interop.ANY_IPC)).isEqualTo(expectedOk(roles, 640));
    }

    @ParameterizedTest
    @EnumSource(Roles.class)
    void worksWhenTheConnectingSideStartsBeforeTheBindingSide(Roles roles) {
        assertThat(Interop.exchange(ctx, roles, SEQ, 1000, true)).isEqualTo(expectedOk(roles, 1000));
    }

    @Test
    void zmq4jRepServesANewPythonReqAfterTheFirstWasKilledMidStream() {
        try (Socket rep = socket(ctx, SocketType.REP)) {
            String endpoint = rep.bind(ANY);
            try (PythonPeer first = PythonPeer.connect("REQ", endpoint, "req seq 1000000000 --prefix A:")) {
                for (int i = 0; i < 200; i++) {
                    send(rep, expect(rep, first, message(SEQ, i, "A:"), i), first);
                }
                first.kill();
            }
            try (PythonPeer second = PythonPeer.connect("REQ", endpoint, "req seq 200 --prefix B:")) {
                List<String> fromFirst = new ArrayList<>();
                int served = 0;
                while (served < 200) {
                    Message request = receive(rep, second, "B:" + served);
                    String text = request.frame(0).toUtf8();
                    if (text.startsWith("A:")) {
                        fromFirst.add(text);
                    } else {
                        assertThat(request).as("request %d of the second peer", served).isEqualTo(message(SEQ, served, "B:"));
                        served++;
                    }
                    // A reply to the dead peer is dropped, as in libzmq.
                    send(rep, request, second);
                }
                // The killed REQ had at most the request after its last reply in flight.
                assertThat(fromFirst).isSubsetOf("A:200");
                assertThat(second.awaitSuccess(FINISH)).isEqualTo("OK 200 round trips");
            }
        }
    }

    /**
     * The REP dies while a request is outstanding; the REQ, like libzmq's, would wait for that
     * reply for ever, so the application does what the zguide's Lazy Pirate client does: time
     * out, close the socket, open a new one and resend.
     */
    @Test
    void zmq4jReqRecoversFromARestartedPythonRepTheLazyPirateWay() {
        Duration patience = Duration.ofSeconds(1);
        Socket req = socket(ctx, SocketType.REQ);
        try {
            String endpoint;
            try (PythonPeer first = PythonPeer.bind("REP", ANY, "echo seq 100 --stay")) {
                endpoint = first.endpoint();
                req.connect(endpoint);
                for (int i = 0; i < 100; i++) {
                    send(req, message(SEQ, i), first);
                    expect(req, first, message(SEQ, i), i);
                }
                first.awaitLine("OK echoed 100", FINISH);
                // The first REP has stopped answering: the request is lost with it.
                send(req, message(SEQ, 100), first);
                assertThat(req.receive(patience)).as("a reply from a REP that stopped reading").isNull();
                first.kill();
            }
            try (PythonPeer second = PythonPeer.bind("REP", endpoint, "echo seq 0 --timeout 60")) {
                second.awaitReady();
                assertThat(req.receive(patience)).as("a reply to a request the killed REP took with it").isNull();
                req.close();
                req = socket(ctx, SocketType.REQ);
                req.connect(endpoint);
                for (int i = 100; i < 200; i++) {
                    send(req, message(SEQ, i), second);
                    expect(req, second, message(SEQ, i), i);
                }
            }
        } finally {
            req.close();
        }
    }
}
