package dev.zmq4j.cli.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zmq4j.Context;
import dev.zmq4j.Socket;
import dev.zmq4j.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exit statuses of the socket commands, run in this process. */
@Timeout(60)
class SocketCommandExitStatusTest {
    @Test
    void aCommandWithoutAnEndpointIsAUsageError() {
        CommandRun run = new CommandRun("pull");
        assertThat(run.execute("--count", "1")).isEqualTo(ExitStatus.USAGE);
        assertThat(run.err.toString()).contains("no endpoint (expected: at least one --bind EP or --connect EP)");
    }

    @Test
    void flagsThatDoNotFitTheCommandAreUsageErrors() {
        assertThat(new CommandRun("push").execute("--connect", "tcp://127.0.0.1:1", "--count", "3")).isEqualTo(ExitStatus.USAGE);
        assertThat(new CommandRun("pull").execute("--bind", "tcp://127.0.0.1:*", "--subscribe", "x")).isEqualTo(ExitStatus.USAGE);
        assertThat(new CommandRun("req").execute("--connect", "tcp://127.0.0.1:1", "--echo")).isEqualTo(ExitStatus.USAGE);
        CommandRun badDuration = new CommandRun("pull");
        assertThat(badDuration.execute("--bind", "tcp://127.0.0.1:*", "--timeout", "5")).isEqualTo(ExitStatus.USAGE);
        assertThat(badDuration.err.toString()).contains("'5' (expected: a duration such as 250ms");
        CommandRun badFormat = new CommandRun("pull");
        assertThat(badFormat.execute("--bind", "tcp://127.0.0.1:*", "--format", "xml")).isEqualTo(ExitStatus.USAGE);
        CommandRun badOption = new CommandRun("pull");
        assertThat(badOption.execute("--bind", "tcp://127.0.0.1:*", "--sndhwm", "-5")).isEqualTo(ExitStatus.USAGE);
        assertThat(badOption.err.toString()).contains("--sndhwm: ");
    }

    @Test
    void aTypeSpecificOptionOnAnotherTypeIsAUsageErrorNamingOptionAndType() {
        CommandRun run = new CommandRun("push");
        assertThat(run.execute("--connect", "tcp://127.0.0.1:1", "--xpub-verbose")).isEqualTo(ExitStatus.USAGE);
        assertThat(run.err.toString()).contains("--xpub-verbose").contains("PUSH");
        CommandRun metadata = new CommandRun("push");
        assertThat(metadata.execute("--connect", "tcp://127.0.0.1:1", "--metadata", "Foo=bar")).isEqualTo(ExitStatus.USAGE);
        assertThat(metadata.err.toString()).contains("--metadata");
        assertThat(new CommandRun("sub").execute("--connect", "tcp://127.0.0.1:1", "--wait-subscribers", "1")).isEqualTo(ExitStatus.USAGE);
        assertThat(new CommandRun("pub").execute("--connect", "tcp://127.0.0.1:1", "--wait-subscribers", "-1")).isEqualTo(ExitStatus.USAGE);
    }

    @Test
    void typeSpecificFlagsAppearOnlyInTheHelpOfTheirCommands() {
        String sub = help("sub");
        String xsub = help("xsub");
        String rep = help("rep");
        String pub = help("pub");
        String push = help("push");
        assertThat(sub).contains("--subscribe").doesNotContain("--echo").doesNotContain("--wait-subscribers");
        assertThat(xsub).contains("--subscribe");
        assertThat(rep).contains("--echo").doesNotContain("--subscribe");
        assertThat(pub).contains("--wait-subscribers").doesNotContain("--subscribe").doesNotContain("--echo");
        assertThat(push).doesNotContain("--subscribe").doesNotContain("--echo").doesNotContain("--wait-subscribers");
        CommandRun run = new CommandRun("push");
        assertThat(run.execute("--connect", "tcp://127.0.0.1:1", "--subscribe", "x")).isEqualTo(ExitStatus.USAGE);
        assertThat(run.err.toString()).contains("--subscribe");
    }

    private static String help(String command) {
        CommandRun run = new CommandRun(command);
        assertThat(run.execute("--help")).isZero();
        return run.out.toString();
    }

    @Test
    void aTimeoutBeforeTheCountIsStatusOne() {
        CommandRun run = new CommandRun("pull");
        assertThat(run.execute("--bind", "tcp://127.0.0.1:*", "--count", "1", "--timeout", "200ms")).isEqualTo(ExitStatus.TIMED_OUT);
        assertThat(run.lines()).isEmpty();
    }

    @Test
    void aTimeoutWithoutACountIsTheNormalEnd() {
        CommandRun run = new CommandRun("sub");
        assertThat(run.execute("--bind", "tcp://127.0.0.1:*", "--timeout", "PT0.2S")).isEqualTo(ExitStatus.DONE);
    }

    @Test
    void anAddressInUseIsStatusThreeWithOneLineNamingTheEndpoint() {
        try (Context context = new Context(); Socket taken = context.socket(SocketType.PULL)) {
            String endpoint = taken.bind("tcp://127.0.0.1:*");
            CommandRun run = new CommandRun("pull");
            assertThat(run.execute("--bind", endpoint, "--timeout", "1s")).isEqualTo(ExitStatus.ENDPOINT_FAILED);
            assertThat(run.err.toString().lines().toList()).containsExactly("zmq4j pull: cannot bind " + endpoint + ": address in use");
        }
    }

    @Test
    void aMalformedEndpointIsStatusThree() {
        CommandRun run = new CommandRun("push", "x\n");
        assertThat(run.execute("--connect", "tcp://no-port-here")).isEqualTo(ExitStatus.ENDPOINT_FAILED);
        assertThat(run.err.toString()).startsWith("zmq4j push: cannot connect to tcp://no-port-here: ");
    }

    @Test
    void aProxyEndpointInUseIsStatusThree() {
        try (Context context = new Context(); Socket taken = context.socket(SocketType.PULL)) {
            String endpoint = taken.bind("tcp://127.0.0.1:*");
            CommandRun run = new CommandRun("proxy");
            assertThat(run.execute("queue", "tcp://127.0.0.1:*", endpoint)).isEqualTo(ExitStatus.ENDPOINT_FAILED);
            assertThat(run.err.toString()).contains("zmq4j proxy backend: cannot bind " + endpoint + ": address in use");
        }
    }

    @Test
    void aPushDeliversEveryLineToAZmq4jPullAndTheStdinRawModeSendsOneFrame() {
        try (Context context = new Context(); Socket pull = context.socket(SocketType.PULL)) {
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            assertThat(new CommandRun("push", "a\nb\n").execute("--connect", endpoint)).isZero();
            assertThat(pull.receive(java.time.Duration.ofSeconds(10)).toStrings()).containsExactly("a");
            assertThat(pull.receive(java.time.Duration.ofSeconds(10)).toStrings()).containsExactly("b");
            assertThat(new CommandRun("push", "a\nb\n").execute("--connect", endpoint, "--stdin-raw")).isZero();
            assertThat(pull.receive(java.time.Duration.ofSeconds(10)).toStrings()).containsExactly("a\nb\n");
        }
    }
}
