package dev.zmq4j.fuzz;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The bytes a piece of code allocates on the calling thread (HotSpot's per-thread allocation
 * counter), for the fuzz targets' "bounded allocation" property: a header that announces a huge
 * frame must not make us allocate it.
 *
 * <p>The first run of a code path also allocates for class loading, lambda and string-concatenation
 * bootstraps; {@link #checkBounded} therefore runs an input that seems over budget once more
 * before it fails. Thread-safe (each thread measures itself).
 */
public final class Allocations {
    /**
     * {@code com.sun.management.ThreadMXBean#getCurrentThreadAllocatedBytes}, looked up at run
     * time: the tests compile inside the module {@code dev.zmq4j}, which does not read
     * {@code jdk.management}; they run on the class path, which does.
     */
    private static final MethodHandle ALLOCATED;

    static {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
            ALLOCATED = MethodHandles.publicLookup()
                    .findVirtual(type, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
                    .bindTo(bean);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Code under measure: starts from fresh state each time (it may run twice). */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private Allocations() {
    }

    /**
     * Runs {@code body} and fails with an {@link AssertionError} if it allocated more than
     * {@code budget} bytes on this thread (on a second run too); otherwise rethrows what
     * {@code body} threw, if anything.
     */
    public static void checkBounded(String what, long budget, Body body) throws Exception {
        long[] allocated = new long[1];
        Exception thrown = run(body, allocated);
        if (allocated[0] > budget) {
            run(body, allocated);
            if (allocated[0] > budget) {
                AssertionError e = new AssertionError(what + ": allocated " + allocated[0] + " bytes (expected: <= " + budget + ")");
                if (thrown != null) {
                    e.addSuppressed(thrown);
                }
                throw e;
            }
        }
        if (thrown != null) {
            throw thrown;
        }
    }

    /**
     * The bytes {@code body} allocated on this thread, measured on its second run (the first loads
     * and links what it uses); rethrows what it threw.
     */
    public static long measureWarm(Body body) throws Exception {
        long[] allocated = new long[1];
        Exception thrown = run(body, allocated);
        if (thrown == null) {
            thrown = run(body, allocated);
        }
        if (thrown != null) {
            throw thrown;
        }
        return allocated[0];
    }

    /** The bytes this thread allocated since it started: subtract two readings to measure. */
    public static long current() {
        try {
            return (long) ALLOCATED.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("thread allocation counter", e);
        }
    }

    private static Exception run(Body body, long[] allocated) {
        long before = current();
        try {
            body.run();
            return null;
        } catch (Exception e) {
            return e;
        } finally {
            allocated[0] = current() - before;
        }
    }
}
