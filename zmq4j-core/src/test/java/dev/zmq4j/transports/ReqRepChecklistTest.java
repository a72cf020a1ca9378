package dev.zmq4j.transports;

import static dev.zmq4j.transports.Peers.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** REQ/REP over every transport: round trips, lock-step, replies finding their requester. */
@Timeout(60)
class ReqRepChecklistTest {
    private final Peers peers = new Peers();

    @AfterEach
    void close() {
        peers.close();
    }

    @TransportTest
    void roundTripsCarryMultipartRequestsAndRepliesWhole(TransportFixture fixture) {
        Socket rep = peers.socket(SocketType.REP);
        Socket req = peers.socket(SocketType.REQ);
        Peers.marry(fixture, rep, req);
        for (int i = 0; i < 200; i++) {
            assertThat(req.send(Message.of("q" + i, "", "tail"), WAIT)).isTrue();
            assertThat(rep.receive(WAIT).toStrings()).as("request %d", i).containsExactly("q" + i, "", "tail");
            assertThat(rep.send(Message.of("r" + i, "x"), WAIT)).isTrue();
            assertThat(req.receive(WAIT).toStrings()).as("reply %d", i).containsExactly("r" + i, "x");
        }
    }

    @TransportTest
    void callsOutOfTurnAreRefusedAndTheExchangeGoesOn(TransportFixture fixture) {
        Socket rep = peers.socket(SocketType.REP);
        Socket req = peers.socket(SocketType.REQ);
        Peers.marry(fixture, rep, req);
        assertThatThrownBy(() -> req.receive(WAIT)).as("REQ receive before send").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rep.send("unasked")).as("REP send before receive").isInstanceOf(IllegalStateException.class);
        assertThat(req.send("first", WAIT)).isTrue();
        assertThatThrownBy(() -> req.send("second")).as("REQ send twice").isInstanceOf(IllegalStateException.class);
        assertThat(rep.receive(WAIT).toStrings()).containsExactly("first");
        assertThatThrownBy(() -> rep.receive(WAIT)).as("REP receive twice").isInstanceOf(IllegalStateException.class);
        assertThat(rep.send("answer", WAIT)).isTrue();
        assertThat(req.receive(WAIT).toStrings()).containsExactly("answer");
        assertThat(req.send("third", WAIT)).isTrue();
        assertThat(rep.receive(WAIT).toStrings()).as("the refused second request was never sent").containsExactly("third");
    }

    @TransportTest
    void eachReplyReturnsToTheRequesterThatAsked(TransportFixture fixture) {
        Socket rep = peers.socket(SocketType.REP);
        Socket one = peers.socket(SocketType.REQ);
        Socket two = peers.socket(SocketType.REQ);
        String ep = Peers.marry(fixture, rep, one);
        Peers.connect(fixture, ep, rep, two);
        for (int i = 0; i < 20; i++) {
            assertThat(one.send("one " + i, WAIT)).isTrue();
            assertThat(two.send("two " + i, WAIT)).isTrue();
            for (int k = 0; k < 2; k++) {
                String request = rep.receive(WAIT).first().toUtf8();
                assertThat(rep.send("re: " + request, WAIT)).isTrue();
            }
            assertThat(one.receive(WAIT).toStrings()).containsExactly("re: one " + i);
            assertThat(two.receive(WAIT).toStrings()).containsExactly("re: two " + i);
        }
    }
}
