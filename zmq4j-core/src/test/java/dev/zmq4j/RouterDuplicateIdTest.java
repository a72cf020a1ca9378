package dev.zmq4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.transports.TransportFixture;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * A ROUTER that connects to a second peer carrying a routing id already in use refuses it and
 * closes that connection (it would otherwise stay unaddressable), unless ROUTER_HANDOVER.
 */
@Timeout(30)
class RouterDuplicateIdTest {
    private static final Duration WAIT = Duration.ofSeconds(10);


    @ParameterizedTest
    @EnumSource(TransportFixture.class)
    void aConnectedPeerWithAnIdInUseIsRefusedAndClosed(TransportFixture fixture) {
        try (Context ctx = new Context();
             Socket router = ctx.socket(SocketType.ROUTER);
             Socket first = ctx.socket(SocketType.DEALER);
             Socket second = ctx.socket(SocketType.DEALER)) {
            for (Socket s : new Socket[] {router, first, second}) {
                s.set(Option.LINGER, Duration.ZERO);
            }
            first.set(Option.ROUTING_ID, "twin".getBytes());
            second.set(Option.ROUTING_ID, "twin".getBytes());
            router.set(Option.ROUTER_MANDATORY, true);
            String firstEp = first.bind(fixture.endpoint());
            String secondEp = second.bind(fixture.endpoint());

            Monitor routerEvents = router.monitor();
            router.connect(firstEp);
            if (fixture.supports(TransportFixture.Capability.MONITOR_CONNECTION_EVENTS)) {
                // A connect()'s peer is routable once its handshake has told its id.
                Events.await(routerEvents, SocketEvent.Type.HANDSHAKE_SUCCEEDED);
            }
            assertThat(router.send(Message.of("twin", "to the first"), WAIT)).isTrue();
            assertThat(first.receive(WAIT).toStrings()).containsExactly("to the first");

            Monitor secondSide = second.monitor();
            router.connect(secondEp);
            if (fixture.supports(TransportFixture.Capability.MONITOR_CONNECTION_EVENTS)) {
                // The refused connection is closed: the router says why, and the peer sees it go.
                assertThat(Events.await(routerEvents, SocketEvent.Type.DISCONNECTED).reason()).contains("peer refused by the ROUTER socket");
                Events.await(secondSide, SocketEvent.Type.DISCONNECTED);
            }
            assertThat(router.send(Message.of("twin", "still the first"), WAIT)).isTrue();
            assertThat(first.receive(WAIT).toStrings()).containsExactly("still the first");
            assertThat(second.receive(Duration.ofMillis(200))).isNull();
        }
    }
}
