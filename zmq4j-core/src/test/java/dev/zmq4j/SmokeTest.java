package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SmokeTest {
    @Test
    void pushPullOverTcp() {
        try (Context ctx = new Context();
             Socket pull = ctx.socket(SocketType.PULL);
             Socket push = ctx.socket(SocketType.PUSH)) {
            String ep = pull.bind("tcp://127.0.0.1:*");
            push.connect(ep);
            for (int i = 0; i < 10_000; i++) {
                push.send("m" + i);
            }
            for (int i = 0; i < 10_000; i++) {
                assertThat(pull.receiveString()).isEqualTo("m" + i);
            }
        }
    }

    @Test
    void reqRepOverTcp() {
        try (Context ctx = new Context();
             Socket rep = ctx.socket(SocketType.REP);
             Socket req = ctx.socket(SocketType.REQ)) {
            req.connect("tcp://127.0.0.1:" + 1);
            req.disconnect("tcp://127.0.0.1:1");
            String ep = rep.bind("tcp://127.0.0.1:*");
            req.connect(ep);
            for (int i = 0; i < 100; i++) {
                req.send(Message.of("a", "b" + i));
                Message m = rep.receive(Duration.ofSeconds(5));
                assertThat(m.toStrings()).containsExactly("a", "b" + i);
                rep.send("r" + i);
                assertThat(req.receiveString()).isEqualTo("r" + i);
            }
        }
    }
}
