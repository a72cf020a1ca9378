package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code zmq4j perf TOOL} builds only that tool's command: {@link Main#perfTool} finds each by name. */
class MainPerfDispatchTest {
    @Test
    void everyPerfToolIsFoundByItsNameAndNothingElseIs() {
        CommandLine perf = Main.commandLine().getSubcommands().get("perf");
        assertThat(perf.getSubcommands()).isNotEmpty();
        perf.getSubcommands().forEach((name, sub) ->
                assertThat(Main.perfTool(name)).as(name).isEqualTo(sub.getCommand().getClass()));
        assertThat(Main.perfTool("local-thr")).isEqualTo(LocalThroughput.class);
        assertThat(Main.perfTool("no-such-tool")).isNull();
        assertThat(Main.perfTool("--help")).isNull();
    }

    @Test
    void aToolBuiltAloneParsesAsUnderThePerfCommand() {
        CommandLine alone = new CommandLine(Main.perfTool("local-thr")).setCommandName("zmq4j perf local-thr");
        CommandLine.ParseResult r = alone.parseArgs("tcp://127.0.0.1:5555", "64", "1000");
        assertThat(r.matchedPositionals()).hasSize(3);
        assertThat(alone.getUsageMessage()).startsWith("Usage: zmq4j perf local-thr");
    }
}
