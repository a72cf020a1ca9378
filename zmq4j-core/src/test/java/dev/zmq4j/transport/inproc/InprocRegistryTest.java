package dev.zmq4j.transport.inproc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pattern.SocketDescriptor;
import dev.zmq4j.pipe.PeerProperties;
import dev.zmq4j.pipe.Pipe;
import dev.zmq4j.transport.ConnectionOptions;
import dev.zmq4j.transport.SocketPort;
import dev.zmq4j.transport.TransportEvent;
import dev.zmq4j.zmtp.MechanismFactory;
import dev.zmq4j.zmtp.SocketProfile;
import dev.zmq4j.zmtp.Metadata;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the inproc registry links pipe ends: routing ids, HWMs, and both orders of bind and connect. */
@Timeout(10)
class InprocRegistryTest {
    /** A socket stand-in that records the pipes attached to it. */
    private static final class FakeSocket implements SocketPort, Pipe.Owner {
        final String type;
        final byte[] id;
        final int sndhwm;
        final int rcvhwm;
        final List<Pipe> attached = new ArrayList<>();

        @Override
        public void event(TransportEvent kind, String endpoint, java.net.SocketAddress remote, byte[] routingId,
                String reason, long value) {
        }

        @Override
        public void connection(boolean opened) {
        }

        FakeSocket(String type, String id, int sndhwm, int rcvhwm) {
            this.type = type;
            this.id = id.getBytes(StandardCharsets.US_ASCII);
            this.sndhwm = sndhwm;
            this.rcvhwm = rcvhwm;
        }

        @Override public void pipeReadable(Pipe pipe) { }
        @Override public void pipeWritable(Pipe pipe) { }
        @Override public SocketProfile profile() { return SocketDescriptor.forName(type).profile(); }
        @Override public ConnectionOptions options() {
            return new ConnectionOptions(sndhwm, rcvhwm, false, -1, id.clone(), Metadata.of(Map.of()), 100, 0, 0, 0, 0, 0,
                    false, -1, -1, -1, -1, 0, 100, -1, -1, 0, false, 0, MechanismFactory.NULL);
        }
        @Override public Pipe newPipe(ConnectionOptions o) { throw new UnsupportedOperationException(); }
        @Override public boolean attach(Pipe pipe) { return attached.add(pipe); }
        @Override public boolean identified(Pipe pipe) { return true; }
        @Override public void detach(Pipe pipe) { attached.remove(pipe); }
        @Override public Pipe.Owner pipeOwner() { return this; }
        @Override public PeerProperties inprocProperties() { return PeerProperties.none(); }
    }

    @Test
    void eachEndCarriesTheOtherSocketsRoutingIdWhicheverSideComesFirst() throws Exception {
        for (boolean bindFirst : new boolean[] {true, false}) {
            InprocRegistry registry = new InprocRegistry();
            FakeSocket binder = new FakeSocket("PAIR", "binder", 10, 10);
            FakeSocket connector = new FakeSocket("PAIR", "connector", 10, 10);
            if (bindFirst) {
                registry.bind("x", binder);
                registry.connect("x", connector);
            } else {
                registry.connect("x", connector);
                registry.bind("x", binder);
            }
            assertThat(binder.attached).hasSize(1);
            assertThat(connector.attached).hasSize(1);
            Pipe bound = binder.attached.get(0);
            Pipe connected = connector.attached.get(0);
            assertThat(bound.peer()).isSameAs(connected);
            assertThat(new String(bound.routingId(), StandardCharsets.US_ASCII)).isEqualTo("connector");
            assertThat(new String(connected.routingId(), StandardCharsets.US_ASCII)).isEqualTo("binder");
        }
    }

    @Test
    void eachDirectionHoldsTheSendersSndhwmPlusTheReceiversRcvhwm() throws Exception {
        InprocRegistry registry = new InprocRegistry();
        FakeSocket binder = new FakeSocket("PAIR", "", 2, 5);
        FakeSocket connector = new FakeSocket("PAIR", "", 3, 7);
        registry.bind("x", binder);
        registry.connect("x", connector);
        Pipe bound = binder.attached.get(0);
        Pipe connected = connector.attached.get(0);
        int toBinder = 0;
        while (connected.offerOut("m")) {
            toBinder++;
        }
        int toConnector = 0;
        while (bound.offerOut("m")) {
            toConnector++;
        }
        assertThat(toBinder).isEqualTo(3 + 5);
        assertThat(toConnector).isEqualTo(2 + 7);
    }

    @Test
    void aZeroHwmOnEitherSideMeansNoLimit() throws Exception {
        InprocRegistry registry = new InprocRegistry();
        FakeSocket binder = new FakeSocket("PAIR", "", 1, 0);
        FakeSocket connector = new FakeSocket("PAIR", "", 1, 1);
        registry.bind("x", binder);
        registry.connect("x", connector);
        Pipe connected = connector.attached.get(0);
        for (int i = 0; i < 5000; i++) {
            assertThat(connected.offerOut("m")).isTrue();
        }
    }

    @Test
    void unbindTerminatesBothEndsAndDetachesThem() throws Exception {
        InprocRegistry registry = new InprocRegistry();
        FakeSocket binder = new FakeSocket("PUSH", "", 10, 10);
        FakeSocket connector = new FakeSocket("PULL", "", 10, 10);
        InprocListener l = registry.bind("x", binder);
        registry.connect("x", connector);
        Pipe bound = binder.attached.get(0);
        Pipe connected = connector.attached.get(0);
        assertThat(bound.offerOut("queued")).isTrue();
        l.close(0);
        assertThat(bound.isTerminated()).isTrue();
        assertThat(connected.isTerminated()).isTrue();
        assertThat(binder.attached).isEmpty();
        assertThat(connector.attached).isEmpty();
        assertThat(connected.pollIn()).isEqualTo("queued");
        assertThat(connected.isDead()).isTrue();
    }
}
