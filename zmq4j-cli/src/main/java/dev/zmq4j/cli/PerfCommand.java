package dev.zmq4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j perf}: throughput and latency tools that print the same lines as libzmq's
 * {@code local_thr}/{@code remote_thr}/{@code local_lat}/{@code remote_lat}, so their output can be
 * compared (and parsed) side by side. Run a {@code local-*} tool first (it binds), then the
 * matching {@code remote-*} tool (it connects); their endpoint may be tcp:// or ipc://.
 * {@code inproc-thr} and {@code inproc-lat} run both sides in one process over inproc://, as
 * libzmq's {@code inproc_thr} and {@code inproc_lat}. {@code pub-thr} (binds) and {@code sub-thr}
 * (connects N subscribers in one process) measure PUB → N SUBs, which libzmq has no tool for.
 * {@code router-srv} and {@code dealer-clients}
 * measure one ROUTER serving many DEALERs (connect time, memory per connection, round trips/s), as
 * {@code bench/c/zscale.c} does for libzmq. {@code handshake-srv} (binds) and {@code handshake-cli}
 * measure connection set-up: a new REQ socket per request. {@code soak} runs mixed patterns with
 * peer churn for a long time, sampling the process each second (docs/reliability).
 *
 * <p>Every tool over an endpoint takes the security options of {@link SecurityOptions}
 * ({@code --curve-server}, {@code --curve-secret-key}, {@code --curve-public-key},
 * {@code --curve-server-key}, {@code --curve-cert}, {@code --plain-server}, {@code --plain-user},
 * {@code --plain-password}), as {@code bench/c/zperf} does; the inproc tools have no handshake.
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = "Throughput and latency tools with the output of libzmq's perf tools.",
        subcommands = {LocalThroughput.class, RemoteThroughput.class, LocalLatency.class, RemoteLatency.class,
                InprocThroughput.class, InprocLatency.class, PubThroughput.class, SubThroughput.class,
                RouterServer.class, DealerClients.class, HandshakeServer.class, HandshakeClient.class, Soak.class})
final class PerfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing tool: local-thr, remote-thr, local-lat, remote-lat, inproc-thr, inproc-lat, pub-thr, sub-thr, router-srv, dealer-clients, handshake-srv, handshake-cli or soak");
    }
}
