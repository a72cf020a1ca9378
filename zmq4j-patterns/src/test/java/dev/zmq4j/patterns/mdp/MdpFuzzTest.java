package dev.zmq4j.patterns.mdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for the Majordomo parsers (docs/RELIABILITY.md, "Fuzzing"): the broker's reading of
 * what its ROUTER receives ({@link BrokerInbound#classify}) and a worker's reading of what the
 * broker sends ({@link WorkerInbound#classify}).
 *
 * <pre>
 * input: | frame count (mod 12, at least 1) | length | bytes ... | length | bytes ... | ...
 * </pre>
 */
class MdpFuzzTest {
    /**
     * Never throws, for any multipart message; what it returns is what RFC 7 says the frames are:
     * the sender is frame 0, a request's or reply's body is exactly the frames after its header
     * (one or more), a service name is frame 3 or 4 as UTF-8, and a message is dropped only if it
     * lacks the delimiter, the header, or (a client's) a service and a body.
     */
    @FuzzTest
    void brokerClassifiesAnyMessage(byte[] input) {
        Message m = message(input);

        BrokerInbound in = BrokerInbound.classify(m);

        boolean mdp = m.size() >= 3 && m.frame(1).isEmpty();
        boolean client = mdp && m.frame(2).equals(Frame.of(Mdp.CLIENT));
        boolean worker = mdp && m.frame(2).equals(Frame.of(Mdp.WORKER));
        if (in instanceof BrokerInbound.Dropped) {
            assertThat(!mdp || (client && m.size() < 5) || (!client && !worker)).as("dropped %s", m).isTrue();
        } else if (in instanceof BrokerInbound.ClientRequest r) {
            assertThat(client).isTrue();
            assertThat(r.client()).isEqualTo(m.frame(0));
            assertThat(r.service()).isEqualTo(Mdp.text(m.frame(3)));
            assertThat(r.body().frames()).isEqualTo(m.frames().subList(4, m.size()));
        } else {
            assertThat(worker).isTrue();
            BrokerInbound.WorkerCommand w = (BrokerInbound.WorkerCommand) in;
            assertThat(w.worker()).isEqualTo(m.frame(0));
            boolean oneByte = m.size() >= 4 && m.frame(3).size() == 1;
            byte command = oneByte ? m.frame(3).byteAt(0) : -1;
            if (w instanceof BrokerInbound.WorkerReady r) {
                assertThat(command).isEqualTo(Mdp.READY);
                assertThat(m.size()).isEqualTo(5);
                assertThat(r.service()).isEqualTo(Mdp.text(m.frame(4)));
            } else if (w instanceof BrokerInbound.WorkerReply r) {
                assertThat(command).isEqualTo(Mdp.REPLY);
                assertThat(r.client()).isEqualTo(m.frame(4));
                assertThat(m.frame(5).isEmpty()).isTrue();
                assertThat(r.body().frames()).isEqualTo(m.frames().subList(6, m.size())).isNotEmpty();
            } else if (w instanceof BrokerInbound.WorkerHeartbeat) {
                assertThat(command).isEqualTo(Mdp.HEARTBEAT);
            } else if (w instanceof BrokerInbound.WorkerDisconnect) {
                assertThat(command).isEqualTo(Mdp.DISCONNECT);
            } else {
                boolean wellFormed = (command == Mdp.READY && m.size() == 5)
                        || (command == Mdp.REPLY && m.size() >= 7 && m.frame(5).isEmpty())
                        || command == Mdp.HEARTBEAT || command == Mdp.DISCONNECT;
                assertThat(wellFormed).as("a well-formed command called malformed: %s", m).isFalse();
            }
        }
    }

    /**
     * Never throws, for any multipart message; a request is exactly RFC 7's {@code "" | MDPW01 |
     * 0x02 | client | "" | body...} (its body the frames after the second delimiter, one or
     * more), heartbeats and DISCONNECTs are recognised, and nothing well-formed is dropped.
     */
    @FuzzTest
    void workerClassifiesAnyMessage(byte[] input) {
        Message m = message(input);

        WorkerInbound in = WorkerInbound.classify(m);

        boolean header = m.size() >= 3 && m.frame(0).isEmpty() && m.frame(1).equals(Frame.of(Mdp.WORKER))
                && m.frame(2).size() == 1;
        byte command = header ? m.frame(2).byteAt(0) : -1;
        boolean request = command == Mdp.REQUEST && m.size() >= 6 && m.frame(4).isEmpty();
        if (in instanceof WorkerInbound.BrokerRequest r) {
            assertThat(request).isTrue();
            assertThat(r.client()).isEqualTo(m.frame(3));
            assertThat(r.body().frames()).isEqualTo(m.frames().subList(5, m.size())).isNotEmpty();
        } else if (in instanceof WorkerInbound.Heartbeat) {
            assertThat(command).isEqualTo(Mdp.HEARTBEAT);
        } else if (in instanceof WorkerInbound.Disconnect) {
            assertThat(command).isEqualTo(Mdp.DISCONNECT);
        } else {
            assertThat(request || command == Mdp.HEARTBEAT || command == Mdp.DISCONNECT)
                    .as("a well-formed command dropped: %s", m).isFalse();
        }
    }

    private static Message message(byte[] input) {
        int p = 0;
        int count = 1 + (input.length > 0 ? (input[p++] & 0xFF) % 12 : 0);
        List<Frame> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int n = p < input.length ? input[p++] & 0xFF : 0;
            int end = Math.min(p + n, input.length);
            frames.add(Frame.of(Arrays.copyOfRange(input, Math.min(p, end), end)));
            p = end;
        }
        return Message.of(frames);
    }
}
