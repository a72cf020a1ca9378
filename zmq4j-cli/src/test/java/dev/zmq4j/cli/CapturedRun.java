package dev.zmq4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** A command line of the CLI whose output and errors are captured, for the tools' tests. */
final class CapturedRun {
    final CommandLine commandLine = Main.commandLine();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    CapturedRun() {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
    }

    /** The command object of {@code perf <name>}. */
    <T> T tool(String name) {
        return commandLine.getSubcommands().get("perf").getSubcommands().get(name).getCommand();
    }

    /** As {@link #tool}, for the tools that share {@link PerfTool}'s endpoint options. */
    PerfTool perfTool(String name) {
        return tool(name);
    }

    List<String> lines() {
        return out.toString().lines().toList();
    }
}
