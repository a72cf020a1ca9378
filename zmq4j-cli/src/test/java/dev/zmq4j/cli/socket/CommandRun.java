package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine;

/**
 * A socket command run in this process through picocli, with its standard input given and its
 * output and errors captured; {@link #bound()} completes with the first endpoint it binds.
 */
public final class CommandRun {
    final CommandLine commandLine = Main.commandLine();
    final StringWriter out = new StringWriter();
    public final StringWriter err = new StringWriter();
    final CompletableFuture<String> bound = new CompletableFuture<>();
    private final String name;

    CommandRun(String name, InputStream input) {
        this.name = name;
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        Object command = commandLine.getSubcommands().get(name).getCommand();
        if (command instanceof SocketCommand s) {
            s.input = input;
            s.boundListener = bound::complete;
        } else if (command instanceof ProxyCommand p) {
            p.boundListener = bound::complete;
        }
    }

    public CommandRun(String name, String input) {
        this(name, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    CommandRun(String name) {
        this(name, "");
    }

    <T> T command() {
        return commandLine.getSubcommands().get(name).getCommand();
    }

    public int execute(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = name;
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    String bound() throws Exception {
        return bound.get(10, TimeUnit.SECONDS);
    }

    List<String> lines() {
        return out.toString().lines().toList();
    }

    /** Waits (deadline 20 s) until the command has printed at least {@code n} lines. */
    void awaitLines(int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (lines().size() < n && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        assertThat(lines()).as("output of " + name + "; errors: " + err).hasSizeGreaterThanOrEqualTo(n);
    }
}
