package dev.zmq4j.cli;

import dev.zmq4j.cli.socket.ProxyCommand;
import dev.zmq4j.cli.socket.SocketCommands;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code zmq4j} command (run it through {@code bin/zmq4j}): a demo, the perf tools and CURVE
 * key generation.
 *
 * <pre>
 *   zmq4j demo
 *   zmq4j keygen [--cert &lt;file&gt; [--metadata &lt;name=value&gt;]... [--force]]
 *   zmq4j perf local-thr  &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt;
 *   zmq4j perf remote-thr &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt;
 *   zmq4j perf local-lat  &lt;endpoint&gt; &lt;message-size&gt; &lt;roundtrips&gt;
 *   zmq4j perf remote-lat &lt;endpoint&gt; &lt;message-size&gt; &lt;roundtrips&gt;
 *   zmq4j perf pub-thr    &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt; &lt;subscribers&gt;
 *   zmq4j perf sub-thr    &lt;endpoint&gt; &lt;message-size&gt; &lt;count&gt; &lt;subscribers&gt;
 *   zmq4j perf router-srv &lt;endpoint&gt; &lt;clients&gt; &lt;requests&gt;
 *   zmq4j perf dealer-clients &lt;endpoint&gt; &lt;clients&gt; &lt;size&gt; &lt;requests-per-client&gt; [&lt;window&gt;]
 *   zmq4j perf handshake-srv &lt;endpoint&gt; &lt;count&gt;
 *   zmq4j perf handshake-cli &lt;endpoint&gt; &lt;count&gt;
 *   zmq4j probe &lt;endpoint&gt; [--socket-type &lt;type&gt;] [--timeout &lt;duration&gt;] [--format text|json]
 *   zmq4j pub|sub|push|pull|req|rep|dealer|router|pair|xpub|xsub (--bind EP | --connect EP)... [options]
 *   zmq4j proxy queue|forwarder|streamer FRONTEND BACKEND [--capture EP]
 *   zmq4j beacon (--announce TEXT | --listen) [--port N] [--interval D] [--address A] [--interface I] [--prefix P] [--zre] [--count N] [--duration D]
 *   zmq4j broker ENDPOINT [--verbose] [--heartbeat DURATION] [--liveness N]
 * </pre>
 * The perf tools over an endpoint also take {@code --curve-*} and {@code --plain-*} options
 * ({@link SecurityOptions}).
 */
@Command(name = "zmq4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "ØMQ for Java: the talks' demos, socket commands, proxy, UDP beacons, probe, perf tools and CURVE key generation.",
        subcommands = {DemoCommand.class, PerfCommand.class, KeygenCommand.class, ProbeCommand.class,
            SocketCommands.Pub.class, SocketCommands.Sub.class, SocketCommands.Push.class, SocketCommands.Pull.class,
            SocketCommands.Req.class, SocketCommands.Rep.class, SocketCommands.Dealer.class, SocketCommands.Router.class,
            SocketCommands.Pair.class, SocketCommands.Xpub.class, SocketCommands.Xsub.class, ProxyCommand.class,
            BrokerCommand.class, BeaconCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its status. {@code zmq4j perf TOOL ...} builds only that
     * tool's command (and {@code zmq4j perf ...} otherwise only the perf tools' commands): the
     * whole tree is many times larger, and building its model by reflection takes CPU and JIT
     * compilations that compete with the measured run in its first seconds.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("perf")) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            Class<?> tool = rest.length > 0 ? perfTool(rest[0]) : null;
            CommandLine cl = tool != null
                    ? new CommandLine(tool).setCommandName("zmq4j perf " + rest[0])
                    : new CommandLine(new PerfCommand()).setCommandName("zmq4j perf");
            System.exit(cl.execute(tool != null ? Arrays.copyOfRange(rest, 1, rest.length) : rest));
        }
        System.exit(commandLine().execute(args));
    }

    /** The perf tool named {@code name} (its {@code @Command} name), or {@code null}. */
    static Class<?> perfTool(String name) {
        for (Class<?> c : PerfCommand.class.getAnnotation(Command.class).subcommands()) {
            Command command = c.getAnnotation(Command.class);
            if (command != null && command.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The command line, ready to {@link CommandLine#execute}; tests redirect its output. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: demo, a socket command (pub, sub, push, pull, req, rep, ...), proxy, broker, beacon, probe, perf or keygen");
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"zmq4j " + (v == null ? "(development build)" : v)};
        }
    }
}
