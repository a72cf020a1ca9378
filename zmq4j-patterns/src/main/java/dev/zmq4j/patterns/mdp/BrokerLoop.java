package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import dev.zmq4j.Socket;
import dev.zmq4j.patterns.Heartbeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing of a {@link MajordomoBroker}, run on its loop: client requests into their service's
 * queue (or dropped at a bound), queued requests to idle workers, replies back to clients, the
 * {@code mmi.*} answers, and the workers' lifecycle (READY, heartbeats, expiry, DISCONNECT, the
 * request a gone worker held put back in its queue). The behaviour is described on
 * {@link MajordomoBroker}.
 *
 * <p>Logs as {@link MajordomoBroker}. Thread-safety: {@link #admission}, {@link #listener} and
 * {@link #requestTtl} may be set from any thread; everything else runs on the loop thread.
 */
final class BrokerLoop {
    private static final Logger log = LoggerFactory.getLogger(MajordomoBroker.class);
    private static final BrokerListener NONE = new BrokerListener() { };

    private final Socket socket;
    private final Heartbeat heartbeat;
    private final BrokerServices services;
    private final BrokerDrops drops;
    private final BrokerCounters counters;
    private final Map<Frame, BrokerWorker> workers = new HashMap<>();
    private volatile ClientAdmission admission = ClientAdmission.ALL;
    private volatile BrokerListener listener = NONE;
    private volatile Duration requestTtl = Duration.ofMinutes(1);

    BrokerLoop(Socket socket, Heartbeat heartbeat, BrokerServices services, BrokerDrops drops, BrokerCounters counters) {
        this.socket = socket;
        this.heartbeat = heartbeat;
        this.services = services;
        this.drops = drops;
        this.counters = counters;
    }

    /** Sets who admits client requests; {@code null} for {@link ClientAdmission#ALL}. Any thread. */
    void admission(ClientAdmission admission) {
        this.admission = admission == null ? ClientAdmission.ALL : admission;
    }

    /** Sets the listener told each step; {@code null} for none. Any thread. */
    void listener(BrokerListener listener) {
        this.listener = listener == null ? NONE : listener;
    }

    /** Sets how long a request may wait in its queue (positive, checked by the caller). Any thread. */
    void requestTtl(Duration ttl) {
        this.requestTtl = ttl;
    }

    /** Routes what the broker's socket received. */
    void route(Message m) {
        BrokerInbound in = BrokerInbound.classify(m);
        if (in instanceof BrokerInbound.ClientRequest r) {
            onClient(r);
        } else if (in instanceof BrokerInbound.Dropped d) {
            log.debug("broker: dropped {}", d.reason());
        } else {
            onWorker((BrokerInbound.WorkerCommand) in);
        }
    }

    private void onClient(BrokerInbound.ClientRequest r) {
        Frame client = r.client();
        String service = r.service();
        if (!admission.admit(client, service)) {
            counters.requestsRefused.incrementAndGet();
            notify(l -> l.requestRefused(client, service));
            return;
        }
        Message body = r.body();
        counters.requestsReceived.incrementAndGet();
        notify(l -> l.requestReceived(client, service, body));
        if (Mdp.isManagement(service)) {
            answerManagement(client, service, body);
            return;
        }
        BrokerService s = services.forRequest(service);
        String why = drops.dropReason(services, s, service, body.byteSize());
        if (why != null) {
            if (s != null) {
                services.forgetIfIdle(s);
            }
            notify(l -> l.requestDropped(client, service, why));
            return;
        }
        s.queue(new QueuedRequest(client, service, body, System.nanoTime()));
        dispatch(s);
    }

    private void answerManagement(Frame client, String service, Message body) {
        BrokerService s = services.find(Mdp.text(body.first()));
        String code = !service.equals(Mdp.MMI_SERVICE) ? "501" : s != null && s.workers > 0 ? "200" : "404";
        replyToClient(client, service, Message.of(code));
    }

    /** A worker's command, well-formed or not (see {@link BrokerInbound}). */
    private void onWorker(BrokerInbound.WorkerCommand in) {
        Frame identity = in.worker();
        BrokerWorker worker = workers.get(identity);
        if (in instanceof BrokerInbound.WorkerMalformed w) {
            protocolError(identity, worker, w.reason());
            return;
        }
        if (worker != null) {
            worker.expiryNanos = System.nanoTime() + heartbeat.expiry().toNanos();
        }
        if (in instanceof BrokerInbound.WorkerReady r) {
            onReady(identity, worker, r.service());
        } else if (in instanceof BrokerInbound.WorkerReply r) {
            onReply(identity, worker, r);
        } else if (in instanceof BrokerInbound.WorkerHeartbeat) {
            if (worker == null) {
                protocolError(identity, null, "HEARTBEAT before READY");
            }
        } else if (worker != null) {
            forget(worker, "DISCONNECT", false);
        }
    }

    private void onReady(Frame identity, BrokerWorker known, String service) {
        if (known != null) {
            protocolError(identity, known, "a second READY");
            return;
        }
        if (Mdp.isManagement(service)) {
            protocolError(identity, null, "READY for " + service + " (the mmi. namespace is the broker's)");
            return;
        }
        BrokerService s = services.forWorker(service);
        BrokerWorker worker = new BrokerWorker(identity, s, System.nanoTime() + heartbeat.expiry().toNanos());
        workers.put(identity, worker);
        counters.workers = workers.size();
        s.workers++;
        s.idle.addLast(worker);
        notify(l -> l.workerReady(identity, service));
        dispatch(s);
    }

    /** {@code worker | "" | MDPW01 | 0x03 | client | "" | body...} */
    private void onReply(Frame identity, BrokerWorker worker, BrokerInbound.WorkerReply reply) {
        if (worker == null || worker.current == null) {
            protocolError(identity, worker, worker == null ? "REPLY before READY" : "REPLY to no request");
            return;
        }
        QueuedRequest request = worker.current;
        worker.current = null;
        replyToClient(reply.client(), request.service(), reply.body());
        worker.service.idle.addLast(worker);
        dispatch(worker.service);
    }

    private void replyToClient(Frame client, String service, Message body) {
        List<Frame> head = Mdp.frames(client, Frame.EMPTY, Mdp.CLIENT_FRAME, Frame.of(service));
        // Counted before the send, so a client that holds its reply sees it counted; undone if not sent.
        counters.repliesSent.incrementAndGet();
        if (socket.trySend(Mdp.concat(head, body))) {
            notify(l -> l.replySent(client, service, body));
        } else {
            counters.repliesSent.decrementAndGet();
            log.debug("broker: reply for {} to client {} not sent (its queue is full)", service, Mdp.hex(client));
        }
    }

    /** Sends queued requests to idle workers while there are both. */
    private void dispatch(BrokerService s) {
        while (s.queued() > 0 && !s.idle.isEmpty()) {
            BrokerWorker worker = s.idle.pollFirst();
            QueuedRequest request = s.next();
            worker.current = request;
            List<Frame> rest = Mdp.frames(request.client(), Frame.EMPTY);
            sendToWorker(worker.identity, Mdp.concat(Mdp.workerCommand(Mdp.REQUEST, rest), request.body()));
            notify(l -> l.requestDispatched(request.client(), s.name, worker.identity));
        }
    }

    private void sendToWorker(Frame identity, Message command) {
        List<Frame> frames = new ArrayList<>(command.size() + 1);
        frames.add(identity);
        frames.addAll(command.frames());
        if (!socket.trySend(Message.of(frames))) {
            log.debug("broker: command to worker {} not sent (its queue is full)", Mdp.hex(identity));
        }
    }

    private void protocolError(Frame identity, BrokerWorker worker, String why) {
        log.debug("broker: worker {} broke the protocol: {}; DISCONNECT", Mdp.hex(identity), why);
        if (worker != null) {
            forget(worker, why, true);
        } else {
            sendToWorker(identity, Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
        }
    }

    /** Forgets {@code worker}, putting the request it held back in its service's queue. */
    private void forget(BrokerWorker worker, String why, boolean disconnect) {
        if (disconnect) {
            sendToWorker(worker.identity, Message.of(Mdp.workerCommand(Mdp.DISCONNECT, List.of())));
        }
        workers.remove(worker.identity);
        counters.workers = workers.size();
        BrokerService s = worker.service;
        s.workers--;
        s.idle.remove(worker);
        notify(l -> l.workerGone(worker.identity, s.name, why));
        QueuedRequest held = worker.current;
        if (held != null) {
            worker.current = null;
            s.requeue(held);
            counters.requestsRequeued.incrementAndGet();
            notify(l -> l.requestRequeued(held.client(), s.name));
            dispatch(s);
        }
        services.forgetIfIdle(s);
    }

    /**
     * Each heartbeat interval: forgets the workers silent for the expiry, heartbeats the idle ones,
     * and drops the queued requests older than the request TTL.
     */
    void onHeartbeatTick() {
        long now = System.nanoTime();
        for (BrokerWorker worker : workers.values().toArray(new BrokerWorker[0])) {
            if (worker.expiryNanos - now < 0) {
                counters.workersExpired.incrementAndGet();
                forget(worker, "expired (silent for " + heartbeat.expiry().toMillis() + " ms)", false);
            } else if (worker.current == null) {
                sendToWorker(worker.identity, Message.of(Mdp.workerCommand(Mdp.HEARTBEAT, List.of())));
            }
        }
        services.expire(now - requestTtl.toNanos(), r -> notify(l -> l.requestExpired(r.client(), r.service())));
    }

    private void notify(Consumer<BrokerListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            log.warn("broker: listener failed", e);
        }
    }
}
