package dev.zmq4j;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the build on a ByteBuf leak that Netty's leak detector reports (the surefire argLine sets it
 * to PARANOID: every buffer is tracked). Registered for every test class through
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} (autodetection is on in
 * {@code junit-platform.properties}), it installs a leak listener ({@link ByteBufUtil#setLeakListener})
 * that records each report, and after each test class collects garbage, makes the detector poll
 * (it does so when a buffer is allocated) and fails that class if anything was reported.
 *
 * <p>A leak is reported once its buffer has been collected, so it may surface after a later class
 * than the one that leaked: the failure says after which class it was seen, and the report names
 * where the buffer was allocated and touched. Netty still logs its own "LEAK:" line at ERROR.
 *
 * <p>Thread-safe: the detector reports from whichever thread allocates.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    private static final Queue<String> REPORTS = new ConcurrentLinkedQueue<>();

    static {
        // Context's initialiser sets Netty's properties (JFR events off) before Netty reads them, as
        // in an application; touching ByteBufUtil first would initialise Netty's allocator without them.
        try {
            Class.forName(Context.class.getName(), true, LeakCheck.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        ByteBufUtil.setLeakListener((resourceType, records) -> REPORTS.add(resourceType + " leaked:" + records));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The static initialiser has installed the listener; nothing else to do before a class.
    }

    @Override
    public void afterAll(ExtensionContext context) {
        poll();
        List<String> leaks = take(r -> true);
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) reported by Netty's leak detector after "
                    + context.getDisplayName() + " (this class or an earlier one leaked):\n" + String.join("\n", leaks));
        }
    }

    /**
     * Collects garbage and allocates tracked buffers (pooled ones; unpooled heap buffers are not
     * tracked), so that the detector reports the buffers collected unreleased.
     */
    static void poll() {
        System.gc();
        for (int i = 0; i < 4; i++) {
            ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
            pooled.release();
            ByteBuf heap = PooledByteBufAllocator.DEFAULT.heapBuffer(16);
            heap.release();
        }
    }

    /** Removes and returns the reports recorded so far that match {@code which}. */
    static List<String> take(Predicate<String> which) {
        List<String> taken = new ArrayList<>();
        REPORTS.removeIf(r -> {
            if (which.test(r)) {
                taken.add(r);
                return true;
            }
            return false;
        });
        return taken;
    }
}
