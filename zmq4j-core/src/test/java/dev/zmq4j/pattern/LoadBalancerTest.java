package dev.zmq4j.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.pipe.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@link LoadBalancer}'s turn: one message per pipe in order, and a peer that leaves does not
 * make the turn skip the pipe that followed it (libzmq's load balancer behaves the same).
 */
class LoadBalancerTest {
    private static final Pipe.Owner OWNER = new Pipe.Owner() {
        @Override
        public void pipeReadable(Pipe pipe) {
        }

        @Override
        public void pipeWritable(Pipe pipe) {
        }
    };

    private final LoadBalancer lb = new LoadBalancer();
    private final Pipe a = pipe();
    private final Pipe b = pipe();
    private final Pipe c = pipe();

    private Pipe pipe() {
        Pipe p = new Pipe(OWNER, 10, 10);
        lb.add(p);
        return p;
    }

    /** Sends one message; returns the pipe it went to. */
    private Pipe send() {
        assertThat(lb.trySend("m".getBytes(StandardCharsets.UTF_8))).isTrue();
        return lb.lastPipe();
    }

    @Test
    void eachPipeInTurn() {
        assertThat(send()).isSameAs(a);
        assertThat(send()).isSameAs(b);
        assertThat(send()).isSameAs(c);
        assertThat(send()).isSameAs(a);
    }

    @Test
    void aPipeLeavingBeforeTheTurnDoesNotSkipTheNextOne() {
        assertThat(send()).isSameAs(a);
        assertThat(send()).isSameAs(b);
        lb.remove(a);
        assertThat(send()).isSameAs(c);
        assertThat(send()).isSameAs(b);
    }

    @Test
    void thePipeServedLastLeavingDoesNotSkipTheOneAfterIt() {
        assertThat(send()).isSameAs(a);
        lb.remove(a);
        assertThat(send()).isSameAs(b);
        assertThat(send()).isSameAs(c);
    }

    @Test
    void aPipeJoiningTakesItsTurnAtTheEnd() {
        assertThat(send()).isSameAs(a);
        Pipe d = pipe();
        assertThat(send()).isSameAs(b);
        assertThat(send()).isSameAs(c);
        assertThat(send()).isSameAs(d);
        assertThat(send()).isSameAs(a);
    }
}
