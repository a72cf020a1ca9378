package dev.zmq4j.patterns;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the patterns' loop threads: a virtual thread on Java 21 and later (found through
 * {@code Thread.startVirtualThread}, so that this module still compiles for Java 17), otherwise a
 * daemon platform thread.
 */
public final class LoopThreads {
    private static final Logger log = LoggerFactory.getLogger(LoopThreads.class);
    private static final MethodHandle START_VIRTUAL = find();

    private LoopThreads() {
    }

    /**
     * Starts {@code body} on a new thread named {@code name}.
     *
     * @param body the loop to run
     * @param name the thread's name
     * @return the thread, started
     */
    public static Thread start(Runnable body, String name) {
        if (START_VIRTUAL != null) {
            try {
                Thread t = (Thread) START_VIRTUAL.invokeExact(body);
                t.setName(name);
                return t;
            } catch (Throwable e) {
                log.debug("virtual thread not started: {}", e.toString());
            }
        }
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static MethodHandle find() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
