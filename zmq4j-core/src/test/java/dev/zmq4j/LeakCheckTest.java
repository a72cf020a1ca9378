package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link LeakCheck} sees a leak: a ByteBuf dropped unreleased on purpose is reported to it (and then
 * taken out of its reports, so that this deliberate leak does not fail the build).
 */
@Timeout(60)
class LeakCheckTest {
    @Test
    void theDetectorRunsAtParanoidForTheWholeSuite() {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aBufferDroppedUnreleasedIsReportedToTheLeakCheck() {
        String hint = "deliberate leak " + UUID.randomUUID();
        leak(hint);

        List<String> seen = new ArrayList<>();
        Await.until(() -> {
            LeakCheck.poll();
            seen.addAll(LeakCheck.take(r -> r.contains(hint)));
            return !seen.isEmpty();
        }, Duration.ofSeconds(30), "no leak report containing '" + hint + "'");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).contains("ByteBuf leaked").contains(hint).contains(LeakCheckTest.class.getName());
    }

    /**
     * Allocates a tracked buffer (a pooled one: Netty does not track unpooled heap buffers), touches it
     * with {@code hint}, and drops it without releasing it: 32 bytes stay taken in the pool's arena.
     */
    private static void leak(String hint) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(32);
        buf.writeInt(42);
        buf.touch(hint);
    }
}
