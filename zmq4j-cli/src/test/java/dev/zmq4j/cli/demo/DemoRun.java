package dev.zmq4j.cli.demo;

import dev.zmq4j.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * A run of {@code zmq4j demo ...} in this process with its output captured. The output writer is
 * synchronised, so the test thread may read it while the demo writes.
 */
final class DemoRun {
    final CommandLine commandLine = Main.commandLine();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    /** Completed with the endpoint the program bound, if it binds. */
    final CompletableFuture<String> endpoint = new CompletableFuture<>();

    DemoRun() {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** Prepares {@code demo <name>}: its bound endpoint will complete {@link #endpoint}. */
    DemoRun program(String name) {
        DemoProgram program = commandLine.getSubcommands().get("demo").getSubcommands().get(name).getCommand();
        program.boundListener = endpoint::complete;
        return this;
    }

    /** Runs {@code zmq4j demo args...} in the calling thread and returns its exit status. */
    int execute(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    String output() {
        synchronized (out) {
            return out.toString();
        }
    }

    List<String> lines() {
        return output().lines().toList();
    }

    String errors() {
        return err.toString();
    }
}
