package dev.zmq4j.patterns.mdp;

import dev.zmq4j.patterns.Heartbeat;
import dev.zmq4j.Context;
import dev.zmq4j.Message;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A broker on {@code tcp://127.0.0.1:*} with short heartbeats, and the workers and clients a test
 * makes, all closed by {@link #close()}. Not thread-safe: one test thread sets it up.
 */
final class BrokerBed implements AutoCloseable {
    /** Short enough to make expiry tests quick, long enough not to expire live workers on a loaded machine. */
    static final Heartbeat HEARTBEAT = new Heartbeat(Duration.ofMillis(200), 3);
    static final Duration RECONNECT = Duration.ofMillis(50);

    final Context context = new Context();
    final MajordomoBroker broker;
    final String endpoint;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    BrokerBed() {
        this(HEARTBEAT);
    }

    /** A bed whose broker uses {@code heartbeat} (its workers keep {@link #HEARTBEAT}). */
    BrokerBed(Heartbeat heartbeat) {
        this(heartbeat, broker -> { });
    }

    /** A bed whose broker uses {@code heartbeat} and is given to {@code beforeBind} before it binds. */
    BrokerBed(Heartbeat heartbeat, Consumer<MajordomoBroker> beforeBind) {
        broker = new MajordomoBroker(context, heartbeat);
        beforeBind.accept(broker);
        endpoint = broker.bind("tcp://127.0.0.1:*");
        broker.start();
    }

    /** A worker for {@code service} answering with {@code handler}, on its own thread. */
    MajordomoWorker worker(String service, Function<Message, Message> handler) {
        MajordomoWorker worker = worker(context, service);
        worker.start(handler);
        return worker;
    }

    /** A worker for {@code service} in {@code in}, not started. */
    MajordomoWorker worker(Context in, String service) {
        MajordomoWorker worker = new MajordomoWorker(in, List.of(endpoint), service, HEARTBEAT, RECONNECT, RECONNECT.multipliedBy(4));
        closeables.add(worker);
        return worker;
    }

    MajordomoClient client(Duration timeout, int retries) {
        MajordomoClient client = new MajordomoClient(context, endpoint, timeout, retries);
        closeables.add(client);
        return client;
    }

    MajordomoAsyncClient asyncClient() {
        MajordomoAsyncClient client = new MajordomoAsyncClient(context, endpoint);
        closeables.add(client);
        return client;
    }

    /** A DEALER connected to the broker, to speak RFC 7's frames raw (a client that does not wait for replies, a worker). */
    Socket rawPeer() {
        Socket peer = closeLater(context.socket(SocketType.DEALER));
        peer.set(Option.LINGER, Duration.ZERO);
        peer.connect(endpoint);
        return peer;
    }

    /** Registers something to close with the bed (before the broker and context). */
    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        broker.close();
        context.close();
    }
}
