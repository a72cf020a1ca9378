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
 * {@code bench/c/zscale.c} does for libzmq.
 */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = "Throughput and latency tools with the output of libzmq's perf tools.",
        subcommands = {LocalThroughput.class, RemoteThroughput.class, LocalLatency.class, RemoteLatency.class,
                InprocThroughput.class, InprocLatency.class, PubThroughput.class, SubThroughput.class,
                RouterServer.class, DealerClients.class})
final class PerfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing tool: local-thr, remote-thr, local-lat, remote-lat, inproc-thr, inproc-lat, pub-thr, sub-thr, router-srv or dealer-clients");
    }
}
