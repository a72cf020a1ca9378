// Bytes allocated per received message by a ROUTER reading from 32 inproc DEALERs (FairQueue's list mode).
// Run: java -cp zmq4j-cli/target/zmq4j.jar bench/ListAlloc.java [messages per DEALER per round, default 2000]
import dev.zmq4j.*;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Bytes allocated by the receiving thread per message: a ROUTER reading from 32 inproc DEALERs (past FairQueue's visit limit, so its list is used). */
public class ListAlloc {
    public static void main(String[] a) throws Exception {
        int peers = 32, per = Integer.parseInt(a.length > 0 ? a[0] : "2000"), rounds = 5;
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Context ctx = new Context(); Socket router = ctx.socket(SocketType.ROUTER)) {
            router.set(Option.RCVHWM, 0);
            router.bind("inproc://alloc");
            List<Socket> dealers = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                Socket d = ctx.socket(SocketType.DEALER);
                d.set(Option.SNDHWM, 0);
                d.connect("inproc://alloc");
                dealers.add(d);
            }
            byte[] body = new byte[64];
            long tid = Thread.currentThread().getId();
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < per; k++) {
                    for (Socket d : dealers) {
                        d.send(body);
                    }
                }
                long before = mx.getThreadAllocatedBytes(tid);
                int n = peers * per;
                for (int i = 0; i < n; i++) {
                    router.receive();
                }
                long after = mx.getThreadAllocatedBytes(tid);
                System.out.printf("round %d: %.1f B per received message%n", r, (after - before) / (double) n);
            }
            for (Socket d : dealers) {
                d.close();
            }
        }
    }
}
