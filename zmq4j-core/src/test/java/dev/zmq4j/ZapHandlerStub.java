package dev.zmq4j;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A ZAP handler (rfc 27) written as an application would write one: a ROUTER bound on
 * {@code inproc://zeromq.zap.01} of a context, answering each request with what {@code decide}
 * says, on its own thread. Keeps every request it saw, for tests to check.
 */
final class ZapHandlerStub implements AutoCloseable {
    /** A request as the handler saw it: the frames after the envelope. */
    record Request(String version, String requestId, String domain, String address, byte[] identity, String mechanism,
                   List<byte[]> credentials) {
        String credential(int i) {
            return new String(credentials.get(i), StandardCharsets.UTF_8);
        }
    }

    /** An answer: the status code, text and user id; {@code null} = never answer. */
    record Answer(String code, String text, String userId) {
        static Answer ok(String userId) {
            return new Answer("200", "OK", userId);
        }

        static Answer refuse(String code) {
            return new Answer(code, "refused", "");
        }
    }

    private final Socket router;
    private final Thread thread;
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    ZapHandlerStub(Context ctx, Function<Request, Answer> decide) {
        router = ctx.socket(SocketType.ROUTER);
        router.set(Option.LINGER, Duration.ZERO);
        router.bind("inproc://zeromq.zap.01");
        thread = new Thread(() -> serve(decide), "zap-handler-stub");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Function<Request, Answer> decide) {
        try {
            while (true) {
                Message m = router.receive();
                // routing id, empty delimiter, version, request id, domain, address, identity, mechanism, credentials...
                List<Frame> f = m.frames();
                Request r = new Request(f.get(2).toUtf8(), f.get(3).toUtf8(), f.get(4).toUtf8(), f.get(5).toUtf8(),
                        f.get(6).toByteArray(), f.get(7).toUtf8(), f.subList(8, f.size()).stream().map(Frame::toByteArray).toList());
                requests.add(r);
                Answer a = decide.apply(r);
                if (a != null) {
                    router.send(Message.of(f.get(0), Frame.EMPTY, Frame.of("1.0"), Frame.of(r.requestId()), Frame.of(a.code()),
                            Frame.of(a.text()), Frame.of(a.userId()), Frame.EMPTY));
                }
            }
        } catch (ZmqException e) {
            // closed
        }
    }

    @Override
    public void close() {
        router.close();
    }
}
