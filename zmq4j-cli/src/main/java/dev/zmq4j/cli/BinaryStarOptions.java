package dev.zmq4j.cli;

import dev.zmq4j.Context;
import dev.zmq4j.patterns.Reactor;
import dev.zmq4j.patterns.bstar.BinaryStar;
import dev.zmq4j.patterns.mdp.MajordomoBroker;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code zmq4j broker}'s Binary Star flags: {@code --primary | --backup}, {@code --state-bind EP},
 * {@code --state-peer EP} and {@code --state-heartbeat D}. With them the broker is one of a
 * high-availability pair ({@link BinaryStar}): the two brokers exchange their states over
 * PUB/SUB on the state endpoints, and a broker serves a client request only while its side of the
 * pair is active (the pair's gate is the broker's {@link MajordomoBroker#admission admission});
 * requests reaching the passive one are dropped, so that clients given both endpoints
 * ({@code MajordomoClient}) time out and move to the active one. A state change is reported on
 * standard error: {@code binary star: active}, {@code binary star: passive},
 * {@code binary star: fatal: <why>}.
 */
final class BinaryStarOptions {
    /** Exactly one role. */
    static final class Role {
        @Option(names = "--primary", required = true, description = "be the primary of a Binary Star pair")
        boolean primary;

        @Option(names = "--backup", required = true, description = "be the backup of a Binary Star pair")
        boolean backup;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Role role;

    @Option(names = "--state-bind", paramLabel = "EP", required = true,
            description = "where this broker publishes its Binary Star state, e.g. tcp://*:5003")
    String stateBind;

    @Option(names = "--state-peer", paramLabel = "EP", required = true,
            description = "where the other broker publishes its state, e.g. tcp://backup:5004")
    String statePeer;

    @Option(names = "--state-heartbeat", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "how often the pair exchange states; the peer is taken for dead after two (default: ${DEFAULT-VALUE})")
    Duration heartbeat;

    /** A running pair member: its reactor and its {@link BinaryStar}, closed together. */
    static final class Running implements AutoCloseable {
        private final Reactor reactor;
        private final BinaryStar star;

        Running(Reactor reactor, BinaryStar star) {
            this.reactor = reactor;
            this.star = star;
        }

        BinaryStar star() {
            return star;
        }

        @Override
        public void close() {
            reactor.close();
            star.close();
        }
    }

    /**
     * Joins the pair: binds the state endpoint, gates {@code broker}'s client requests and starts
     * the state exchange on a reactor of its own.
     *
     * @throws dev.zmq4j.ZmqException   if the state endpoint cannot be bound
     * @throws IllegalArgumentException if an endpoint is malformed
     */
    Running start(Context context, MajordomoBroker broker, PrintWriter err) {
        Reactor reactor = new Reactor(context);
        BinaryStar star;
        try {
            star = new BinaryStar(context, reactor, role.primary ? BinaryStar.Role.PRIMARY : BinaryStar.Role.BACKUP,
                    stateBind, statePeer, heartbeat);
        } catch (RuntimeException e) {
            reactor.close();
            throw e;
        }
        star.onActive(() -> note(err, "active"))
                .onPassive(() -> note(err, "passive"))
                .onFatal(why -> note(err, "fatal: " + why));
        broker.admission((client, service) -> star.admitClientRequest());
        reactor.start();
        return new Running(reactor, star);
    }

    private static void note(PrintWriter err, String what) {
        synchronized (err) {
            err.println("binary star: " + what);
            err.flush();
        }
    }
}
