package dev.zmq4j.pattern;

import dev.zmq4j.zmtp.SocketProfile;
import dev.zmq4j.zmtp.SocketProfile.Subscriptions;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything that differs between socket types, in one place per type: its wire profile (name,
 * compatible peers, Identity in READY, subscriptions), whether it sends and receives, its
 * readiness rules, whether it is thread-safe, the options that apply only to some types, and its
 * routing pattern. Adding a socket type is one constant here, one {@link Pattern} class and one
 * {@code SocketType} value naming the constant. Immutable.
 *
 * @param profile         what ZMTP needs to know of the type
 * @param sends           whether the type sends at all (PULL and SUB do not)
 * @param receives        whether the type receives at all (PUSH and PUB do not)
 * @param lockStep        whether sends and receives alternate (REQ, REP)
 * @param threadSafe      whether one socket may be used by several threads at once for whole
 *                        messages (the classic types are used so through zmq4j's locks; the draft
 *                        thread-safe types will say so here)
 * @param typeOptions     the names of the type-specific options this type takes; setting another
 *                        type-specific option fails
 * @param pattern         makes the routing pattern of a new socket
 */
public record SocketDescriptor(SocketProfile profile, boolean sends, boolean receives,
        boolean lockStep, boolean threadSafe, Set<String> typeOptions, Supplier<Pattern> pattern) {

    /** Copies {@code typeOptions}. */
    public SocketDescriptor {
        typeOptions = Set.copyOf(typeOptions);
    }

    private static final Set<String> REQ_PEERS = Set.of("REP", "ROUTER");
    private static final Set<String> DEALER_PEERS = Set.of("REP", "DEALER", "ROUTER");

    /** Exclusive pair. */
    public static final SocketDescriptor PAIR = new SocketDescriptor(
            profile("PAIR", Set.of("PAIR"), false, Subscriptions.NONE),
            true, true, false, false, Set.of(), Pair::new);
    /** Pipeline source. */
    public static final SocketDescriptor PUSH = new SocketDescriptor(
            profile("PUSH", Set.of("PULL"), false, Subscriptions.NONE),
            true, false, false, false, Set.of("CONFLATE"), Push::new);
    /** Pipeline sink. */
    public static final SocketDescriptor PULL = new SocketDescriptor(
            profile("PULL", Set.of("PUSH"), false, Subscriptions.NONE),
            false, true, false, false, Set.of("CONFLATE"), Pull::new);
    /** Request client. */
    public static final SocketDescriptor REQ = new SocketDescriptor(
            profile("REQ", REQ_PEERS, true, Subscriptions.NONE),
            true, true, true, false, Set.of("REQ_RELAXED", "REQ_CORRELATE"), Req::new);
    /** Reply server. */
    public static final SocketDescriptor REP = new SocketDescriptor(
            profile("REP", Set.of("REQ", "DEALER"), false, Subscriptions.NONE),
            true, true, true, false, Set.of(), Rep::new);
    /** Asynchronous request. */
    public static final SocketDescriptor DEALER = new SocketDescriptor(
            profile("DEALER", DEALER_PEERS, true, Subscriptions.NONE),
            true, true, false, false, Set.of("CONFLATE"), Dealer::new);
    /** Asynchronous reply, routing by id. */
    public static final SocketDescriptor ROUTER = new SocketDescriptor(
            profile("ROUTER", Set.of("REQ", "DEALER", "ROUTER"), true, Subscriptions.NONE),
            true, true, false, false, Set.of("ROUTER_MANDATORY", "ROUTER_HANDOVER", "CONNECT_ROUTING_ID"), Router::new);
    /** Publisher. */
    public static final SocketDescriptor PUB = new SocketDescriptor(
            profile("PUB", Set.of("SUB", "XSUB"), false, Subscriptions.PUBLISHER),
            true, false, false, false, Set.of("CONFLATE", "XPUB_NODROP"), () -> new Pub(false));
    /** Subscriber. */
    public static final SocketDescriptor SUB = new SocketDescriptor(
            profile("SUB", Set.of("PUB", "XPUB"), false, Subscriptions.SUBSCRIBER),
            false, true, false, false, Set.of("CONFLATE", "SUBSCRIBE", "UNSUBSCRIBE"), () -> new Sub(false));
    /** Publisher that receives the subscriptions. */
    public static final SocketDescriptor XPUB = new SocketDescriptor(
            profile("XPUB", Set.of("SUB", "XSUB"), false, Subscriptions.PUBLISHER),
            true, true, false, false,
            Set.of("SUBSCRIBE", "UNSUBSCRIBE", "XPUB_VERBOSE", "XPUB_VERBOSER", "XPUB_MANUAL", "XPUB_WELCOME_MSG", "XPUB_NODROP"),
            () -> new Pub(true));
    /** Subscriber that sends its subscriptions as messages. */
    public static final SocketDescriptor XSUB = new SocketDescriptor(
            profile("XSUB", Set.of("PUB", "XPUB"), false, Subscriptions.SUBSCRIBER),
            true, true, false, false, Set.of(), () -> new Sub(true));

    /** Every descriptor, by wire name. */
    private static final java.util.Map<String, SocketDescriptor> BY_NAME = java.util.Map.ofEntries(
            java.util.Map.entry("PAIR", PAIR), java.util.Map.entry("PUSH", PUSH), java.util.Map.entry("PULL", PULL),
            java.util.Map.entry("REQ", REQ), java.util.Map.entry("REP", REP), java.util.Map.entry("DEALER", DEALER),
            java.util.Map.entry("ROUTER", ROUTER), java.util.Map.entry("PUB", PUB), java.util.Map.entry("SUB", SUB),
            java.util.Map.entry("XPUB", XPUB), java.util.Map.entry("XSUB", XSUB));

    /**
     * The descriptor of the type named {@code name} on the wire.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static SocketDescriptor forName(String name) {
        SocketDescriptor d = BY_NAME.get(name);
        if (d == null) {
            throw new IllegalArgumentException("socket type: " + name + " (expected: one of " + new java.util.TreeSet<>(BY_NAME.keySet()) + ")");
        }
        return d;
    }

    private static SocketProfile profile(String name, Set<String> peers, boolean identity, Subscriptions subscriptions) {
        return new SocketProfile(name, peers, identity, subscriptions);
    }

    /** The type's name on the wire, e.g. {@code PUSH}. */
    public String name() {
        return profile.name();
    }

    /** Whether {@code option} (a type-specific option's libzmq name without ZMQ_) applies to this type. */
    public boolean takes(String option) {
        return typeOptions.contains(option);
    }

    /** Makes a new pattern for a socket of this type. */
    public Pattern newPattern() {
        return pattern.get();
    }
}
