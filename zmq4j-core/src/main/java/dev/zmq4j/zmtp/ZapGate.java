package dev.zmq4j.zmtp;

import java.util.List;

/**
 * A server mechanism's side of ZAP (rfc 27) for one connection: sends at most one request and
 * keeps the reply until the mechanism, resumed on its own thread, takes it. With no handler (no
 * {@link Zap}) there is nothing to ask: the peer is accepted, as libzmq does. Thread-safe for the
 * hand-off of the reply only.
 */
public final class ZapGate {
    private final Zap zap;
    private final String domain;
    private final byte[] identity;
    private final String address;
    private final Runnable wake;
    private volatile Zap.Reply reply;
    private boolean requested;

    /**
     * @param zap      the ZAP handler's client, or {@code null} if no handler is installed
     * @param domain   ZAP_DOMAIN
     * @param identity our socket's routing id, as libzmq sends it
     * @param address  the peer's address
     * @param wake     run (on any thread) when the reply arrived
     */
    public ZapGate(Zap zap, String domain, byte[] identity, String address, Runnable wake) {
        this.zap = zap;
        this.domain = domain;
        this.identity = identity;
        this.address = address;
        this.wake = wake;
    }

    /**
     * Asks the handler about the peer.
     *
     * @return {@code true} if a request went out (the reply comes later, through {@code wake});
     *         {@code false} if there is no handler to ask (the peer is then accepted)
     */
    public boolean request(String mechanism, List<byte[]> credentials) {
        if (zap == null || requested) {
            return false;
        }
        requested = zap.authenticate(new Zap.Request("1", domain, address, identity, mechanism, credentials), r -> {
            reply = r;
            wake.run();
        });
        return requested;
    }

    /** Whether a request went out (so the peer's acceptance rests on the reply). */
    public boolean requested() {
        return requested;
    }

    /** The handler's reply, or {@code null} while none has arrived. */
    public Zap.Reply reply() {
        return reply;
    }

    /**
     * The handler's verdict, once its reply arrived: {@code null} if the peer is accepted (200),
     * else the failed status with the reply's code (300 temporary, 400 refused, 500 error).
     */
    public MechanismStatus refusal() {
        Zap.Reply r = reply;
        if (r == null || r.statusCode() == 200) {
            return null;
        }
        return MechanismStatus.failed(r.statusCode(), "ZAP " + r.statusCode() + " " + r.statusText());
    }

    /**
     * What a server sends on {@code refusal}: an ERROR whose reason is the status code (as libzmq
     * sends it, so that the client learns the code), or nothing for 300, after which the
     * connection just closes (rfc 27: the client retries later).
     */
    public static List<Command> errorFor(MechanismStatus refusal) {
        return refusal.errorCode() == 300 ? List.of() : List.of(Command.error(String.valueOf(refusal.errorCode())));
    }
}
