package dev.zmq4j.fuzz;

import dev.zmq4j.zmtp.Metadata;
import dev.zmq4j.zmtp.Zap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A ZAP handler whose behaviour one byte of a fuzz input chooses: absent, answering at once,
 * answering only when {@link #release} is called (a handler that takes its time), or never; with
 * a status code of 200, 300, 400 or 500. Not thread-safe (the fuzz targets run on one thread).
 *
 * <pre>
 * mode byte: bits 0-1 timing (0 no handler, 1 at once, 2 on release, 3 never)
 *            bits 2-4 status (200, 300, 400, 500, 200, 200, 400, 500)
 *            bit 5    the 200 reply carries a user id and metadata
 * </pre>
 */
public final class ScriptedZap implements Zap {
    /** rfc 27's codes: ZapClient turns any other a handler sends into 500 before a mechanism sees it. */
    private static final int[] STATUS = {200, 300, 400, 500, 200, 200, 400, 500};

    private final int timing;
    private final int status;
    private final boolean withMetadata;
    private final List<Runnable> held = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();

    public ScriptedZap(int mode) {
        this.timing = mode & 3;
        this.status = STATUS[(mode >> 2) & 7];
        this.withMetadata = (mode & 0x20) != 0;
    }

    /** The handler for a {@link dev.zmq4j.zmtp.ZapGate}, or {@code null} when there is none. */
    public Zap orNull() {
        return timing == 0 ? null : this;
    }

    /** Whether the peer may complete its handshake: no handler, or one that answers 200. */
    public boolean accepts() {
        return timing == 0 || (timing != 3 && status == 200);
    }

    /** The requests made so far. */
    public List<Request> requests() {
        return requests;
    }

    @Override
    public boolean authenticate(Request request, Consumer<Reply> reply) {
        requests.add(request);
        Reply r = status == 200 && withMetadata
                ? new Reply(request.requestId(), 200, "OK", "user",
                        Metadata.of(Map.of("Department", "fuzz".getBytes(StandardCharsets.US_ASCII))))
                : new Reply(request.requestId(), status, "scripted", "", Metadata.empty());
        switch (timing) {
            case 1 -> reply.accept(r);
            case 2 -> held.add(() -> reply.accept(r));
            default -> { }
        }
        return true;
    }

    /** Answers the requests held so far (timing 2). */
    public void release() {
        List<Runnable> now = new ArrayList<>(held);
        held.clear();
        now.forEach(Runnable::run);
    }
}
