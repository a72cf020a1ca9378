package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One descriptor per socket type: its peers (rfc 37's table), its directions, and the options only
 * some types take, which the others refuse as libzmq does (EINVAL).
 */
@Timeout(30)
class SocketDescriptorTest {
    /** rfc 37 (and 28's draft-free part): who may talk to whom. */
    private static final Map<SocketType, Set<SocketType>> PEERS = Map.ofEntries(
            Map.entry(SocketType.PAIR, EnumSet.of(SocketType.PAIR)),
            Map.entry(SocketType.PUB, EnumSet.of(SocketType.SUB, SocketType.XSUB)),
            Map.entry(SocketType.SUB, EnumSet.of(SocketType.PUB, SocketType.XPUB)),
            Map.entry(SocketType.XPUB, EnumSet.of(SocketType.SUB, SocketType.XSUB)),
            Map.entry(SocketType.XSUB, EnumSet.of(SocketType.PUB, SocketType.XPUB)),
            Map.entry(SocketType.REQ, EnumSet.of(SocketType.REP, SocketType.ROUTER)),
            Map.entry(SocketType.REP, EnumSet.of(SocketType.REQ, SocketType.DEALER)),
            Map.entry(SocketType.DEALER, EnumSet.of(SocketType.REP, SocketType.DEALER, SocketType.ROUTER)),
            Map.entry(SocketType.ROUTER, EnumSet.of(SocketType.REQ, SocketType.DEALER, SocketType.ROUTER)),
            Map.entry(SocketType.PUSH, EnumSet.of(SocketType.PULL)),
            Map.entry(SocketType.PULL, EnumSet.of(SocketType.PUSH)));

    /** libzmq's zmq_setsockopt: the types each type-specific option applies to. */
    private static final Map<Option<?>, Set<SocketType>> TAKES = Map.ofEntries(
            Map.entry(Option.ROUTER_MANDATORY, EnumSet.of(SocketType.ROUTER)),
            Map.entry(Option.ROUTER_HANDOVER, EnumSet.of(SocketType.ROUTER)),
            Map.entry(Option.CONNECT_ROUTING_ID, EnumSet.of(SocketType.ROUTER)),
            Map.entry(Option.SUBSCRIBE, EnumSet.of(SocketType.SUB, SocketType.XPUB)),
            Map.entry(Option.UNSUBSCRIBE, EnumSet.of(SocketType.SUB, SocketType.XPUB)),
            Map.entry(Option.XPUB_VERBOSE, EnumSet.of(SocketType.XPUB)),
            Map.entry(Option.XPUB_VERBOSER, EnumSet.of(SocketType.XPUB)),
            Map.entry(Option.XPUB_MANUAL, EnumSet.of(SocketType.XPUB)),
            Map.entry(Option.XPUB_WELCOME_MSG, EnumSet.of(SocketType.XPUB)),
            Map.entry(Option.XPUB_NODROP, EnumSet.of(SocketType.PUB, SocketType.XPUB)),
            Map.entry(Option.REQ_RELAXED, EnumSet.of(SocketType.REQ)),
            Map.entry(Option.REQ_CORRELATE, EnumSet.of(SocketType.REQ)),
            Map.entry(Option.CONFLATE, EnumSet.of(SocketType.PUSH, SocketType.PULL, SocketType.PUB, SocketType.SUB,
                    SocketType.DEALER)));

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void peersAreRfc37sTable(SocketType type) {
        assertThat(type.peers()).isEqualTo(PEERS.get(type));
        assertThat(type.zmtpName()).isEqualTo(type.name());
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void directions(SocketType type) {
        assertThat(type.canSend()).isEqualTo(!EnumSet.of(SocketType.PULL, SocketType.SUB).contains(type));
        assertThat(type.canReceive()).isEqualTo(!EnumSet.of(SocketType.PUSH, SocketType.PUB).contains(type));
    }

    @Test
    void everyTypeSpecificOptionIsInTheTable() throws IllegalAccessException {
        for (java.lang.reflect.Field f : Option.class.getFields()) {
            if (f.get(null) instanceof Option<?> o && o.isTypeSpecific()) {
                assertThat(TAKES).as("table of type-specific options").containsKey(o);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void aTypeSpecificOptionAppliesExactlyToItsTypes(SocketType type) {
        try (Context ctx = new Context(); Socket s = ctx.socket(type)) {
            for (Map.Entry<Option<?>, Set<SocketType>> e : TAKES.entrySet()) {
                Option<?> option = e.getKey();
                if (e.getValue().contains(type)) {
                    setDefault(s, option);
                } else {
                    assertThatThrownBy(() -> setDefault(s, option))
                            .as("%s on %s", option, type)
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining(option.name())
                            .hasMessageContaining(type.name());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void setDefault(Socket s, Option<T> option) {
        T value = option.defaultValue();
        if (option == (Option<?>) Option.SUBSCRIBE || option == (Option<?>) Option.UNSUBSCRIBE) {
            value = (T) "t".getBytes();
        }
        s.set(option, value);
    }

    @ParameterizedTest
    @EnumSource(SocketType.class)
    void commonOptionsApplyToEveryType(SocketType type) {
        try (Context ctx = new Context(); Socket s = ctx.socket(type)) {
            s.set(Option.SNDHWM, 10);
            s.set(Option.LINGER, Duration.ZERO);
            s.set(Option.HANDSHAKE_IVL, Duration.ofSeconds(1));
            s.set(Option.METADATA, Map.of("X-Type", type.name()));
            assertThat(s.get(Option.SNDHWM)).isEqualTo(10);
            assertThat(s.get(Option.METADATA)).containsEntry("X-Type", type.name());
        }
    }

    @Test
    void theRefusalNamesTheOptionTheTypeAndWhatItTakes() {
        try (Context ctx = new Context(); Socket dealer = ctx.socket(SocketType.DEALER)) {
            assertThatThrownBy(() -> dealer.set(Option.ROUTER_MANDATORY, true))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ROUTER_MANDATORY: not an option of DEALER sockets (expected: one of the common options or [CONFLATE])");
        }
    }

    @Test
    void newOptionsValidateTheirValues() {
        try (Context ctx = new Context(); Socket s = ctx.socket(SocketType.PUSH)) {
            for (Runnable bad : List.<Runnable>of(
                    () -> s.set(Option.HANDSHAKE_IVL, Duration.ofMillis(-1)),
                    () -> s.set(Option.CONNECT_TIMEOUT, Duration.ofMillis(-1)),
                    () -> s.set(Option.BACKLOG, 0),
                    () -> s.set(Option.SNDBUF, 0),
                    () -> s.set(Option.RCVBUF, -2),
                    () -> s.set(Option.TOS, 256),
                    () -> s.set(Option.METADATA, Map.of("Hello", "no X- prefix")),
                    () -> s.set(Option.METADATA, Map.of("X-Bad Name", "space")))) {
                assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(s.get(Option.HANDSHAKE_IVL)).isEqualTo(Duration.ofSeconds(30));
            assertThat(s.get(Option.CONNECT_TIMEOUT)).isEqualTo(Duration.ZERO);
            assertThat(s.get(Option.SNDBUF)).isEqualTo(-1);
            assertThat(s.get(Option.IPV6)).isFalse();
        }
    }
}
