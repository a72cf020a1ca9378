package dev.zmq4j.cli;

import dev.zmq4j.cli.demo.BeaconPub;
import dev.zmq4j.cli.demo.BeaconSub;
import dev.zmq4j.cli.demo.HwmDemo;
import dev.zmq4j.cli.demo.JsonDemo;
import dev.zmq4j.cli.demo.LazyPirateDemo;
import dev.zmq4j.cli.demo.LingerDemo;
import dev.zmq4j.cli.demo.MajordomoDemo;
import dev.zmq4j.cli.demo.MultipartDemo;
import dev.zmq4j.cli.demo.NaiveBeaconPub;
import dev.zmq4j.cli.demo.NaiveBeaconSub;
import dev.zmq4j.cli.demo.PollDemo;
import dev.zmq4j.cli.demo.TimeRep;
import dev.zmq4j.cli.demo.TimeRepCluster;
import dev.zmq4j.cli.demo.TimeReq;
import dev.zmq4j.cli.demo.WorkPull;
import dev.zmq4j.cli.demo.WorkPullCluster;
import dev.zmq4j.cli.demo.WorkPush;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zmq4j demo}: alone, the tour ({@link dev.zmq4j.cli.demo.Tour}); {@code zmq4j demo NAME}
 * runs one of the talks' programs (package {@code dev.zmq4j.cli.demo}); {@code --list} names them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The talks' programs: alone, a tour of every pattern in this process; NAME runs one program.",
        subcommands = {BeaconPub.class, BeaconSub.class, TimeRep.class, TimeReq.class, TimeRepCluster.class,
                WorkPush.class, WorkPull.class, WorkPullCluster.class,
                JsonDemo.class, MultipartDemo.class, HwmDemo.class, PollDemo.class, LingerDemo.class,
                NaiveBeaconPub.class, NaiveBeaconSub.class, LazyPirateDemo.class, MajordomoDemo.class})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--list", description = "list the programs and exit")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            for (Map.Entry<String, CommandLine> e : spec.commandLine().getSubcommands().entrySet()) {
                String[] description = e.getValue().getCommandSpec().usageMessage().description();
                out.printf("%-20s %s%n", e.getKey(), description.length == 0 ? "" : description[0]);
            }
            out.flush();
            return 0;
        }
        return new dev.zmq4j.cli.demo.Tour(out).run();
    }
}
