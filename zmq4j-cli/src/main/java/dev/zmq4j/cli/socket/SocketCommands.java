package dev.zmq4j.cli.socket;

import dev.zmq4j.SocketType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The socket commands, one per socket type: each is a {@link SocketCommand} of that type.
 *
 * <pre>
 *   seq 1000 | zmq4j push --connect tcp://127.0.0.1:5557
 *   zmq4j pull --bind tcp://*:5557 --count 1000
 *   zmq4j sub --connect tcp://127.0.0.1:5556 --subscribe weather --format json | head -3
 *   echo hello | zmq4j req --connect tcp://127.0.0.1:5555
 *   zmq4j rep --bind tcp://*:5555 --echo
 * </pre>
 */
public final class SocketCommands {
    private SocketCommands() {
    }

    private static final String FOOTER = "%nExit status: 0 done, 1 --timeout before --count, 2 usage error, "
            + "3 an endpoint could not be bound or connected, 130 interrupted.";

    /** The --subscribe flag of sub and xsub (a picocli mixin). */
    static final class SubscribeFlag {
        @picocli.CommandLine.Option(names = "--subscribe", paramLabel = "PREFIX",
                description = "receive messages starting with PREFIX (repeatable)")
        List<String> prefixes = new ArrayList<>();
    }

    @Command(name = "pub", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A PUB socket: publishes each line of standard input.")
    public static final class Pub extends SocketCommand {
        @picocli.CommandLine.Option(names = "--wait-subscribers", paramLabel = "N",
                description = "send nothing before N subscriptions have arrived (bounded by --timeout; status 1 if not)")
        int waitSubscribers;

        Pub() {
            super(SocketType.PUB);
        }

        @Override
        int waitSubscribers() {
            return waitSubscribers;
        }
    }

    @Command(name = "sub", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A SUB socket: prints each message it receives (--subscribe PREFIX, default everything).")
    public static final class Sub extends SocketCommand {
        @Mixin
        SubscribeFlag subscribe;

        Sub() {
            super(SocketType.SUB);
        }

        @Override
        List<String> subscriptions() {
            return subscribe.prefixes;
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A PUSH socket: sends each line of standard input, then exits once they are handed over (within LINGER).")
    public static final class Push extends SocketCommand {
        Push() {
            super(SocketType.PUSH);
        }
    }

    @Command(name = "pull", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A PULL socket: prints each message it receives.")
    public static final class Pull extends SocketCommand {
        Pull() {
            super(SocketType.PULL);
        }
    }

    @Command(name = "req", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A REQ socket: sends each line of standard input and prints its reply.")
    public static final class Req extends SocketCommand {
        Req() {
            super(SocketType.REQ);
        }
    }

    @Command(name = "rep", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A REP socket: prints each request and answers it with the next line of standard input, or with itself (--echo).")
    public static final class Rep extends SocketCommand {
        @picocli.CommandLine.Option(names = "--echo", description = "answer each request with itself instead of a stdin line")
        boolean echo;

        Rep() {
            super(SocketType.REP);
        }

        @Override
        boolean echo() {
            return echo;
        }
    }

    @Command(name = "dealer", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A DEALER socket: sends each line of standard input and prints each message it receives.")
    public static final class Dealer extends SocketCommand {
        Dealer() {
            super(SocketType.DEALER);
        }
    }

    @Command(name = "router", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A ROUTER socket: prints each message with the sender's routing id as its first frame; "
                    + "sends each line of standard input to the peer named by its first frame.")
    public static final class Router extends SocketCommand {
        Router() {
            super(SocketType.ROUTER);
        }
    }

    @Command(name = "pair", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "A PAIR socket: sends each line of standard input and prints each message it receives.")
    public static final class Pair extends SocketCommand {
        Pair() {
            super(SocketType.PAIR);
        }
    }

    @Command(name = "xpub", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "An XPUB socket: prints each subscription message (0x01 or 0x00, then the prefix; try --format hex) "
                    + "and publishes each line of standard input.")
    public static final class Xpub extends SocketCommand {
        Xpub() {
            super(SocketType.XPUB);
        }
    }

    @Command(name = "xsub", mixinStandardHelpOptions = true, footer = FOOTER,
            description = "An XSUB socket: subscribes to each --subscribe PREFIX (none by default), sends each line of "
                    + "standard input (e.g. subscriptions in --input-format hex) and prints each message it receives.")
    public static final class Xsub extends SocketCommand {
        @Mixin
        SubscribeFlag subscribe;

        Xsub() {
            super(SocketType.XSUB);
        }

        @Override
        List<String> subscriptions() {
            return subscribe.prefixes;
        }
    }
}
