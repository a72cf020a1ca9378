package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zmq4j.Context;
import dev.zmq4j.Option;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The byte-valued flags reach their options, and a type-specific flag on another type is refused naming the flag. */
class SocketOptionFlagsTest {
    private final Context ctx = new Context();

    @AfterEach
    void close() {
        ctx.close();
    }

    @Test
    void welcomeMessageAndConnectRoutingIdAreSet() {
        SocketOptionFlags xpubFlags = new SocketOptionFlags();
        xpubFlags.xpubWelcomeMsg = "hello subscriber";
        Socket xpub = ctx.socket(SocketType.XPUB);
        xpubFlags.apply(xpub);
        assertThat(new String(xpub.get(Option.XPUB_WELCOME_MSG), StandardCharsets.UTF_8)).isEqualTo("hello subscriber");

        SocketOptionFlags routerFlags = new SocketOptionFlags();
        routerFlags.connectRoutingId = "peer-1";
        Socket router = ctx.socket(SocketType.ROUTER);
        routerFlags.apply(router);
        assertThat(new String(router.get(Option.CONNECT_ROUTING_ID), StandardCharsets.UTF_8)).isEqualTo("peer-1");
    }

    @Test
    void aTypeSpecificFlagOnAnotherTypeNamesTheFlag() {
        SocketOptionFlags flags = new SocketOptionFlags();
        flags.xpubWelcomeMsg = "hi";
        Socket push = ctx.socket(SocketType.PUSH);
        assertThatThrownBy(() -> flags.apply(push)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--xpub-welcome-msg: XPUB_WELCOME_MSG: not an option of PUSH");
    }
}
