package dev.zmq4j.cli;

import java.util.Locale;
import java.util.Map;

/**
 * {@link ProbeReport} as {@code zmq4j probe} prints it: human-readable lines, or one JSON object
 * for scripts. Stateless.
 *
 * <pre>
 * probe tcp://127.0.0.1:5555 as DEALER (NULL)
 *   tcp connect            0.214 ms
 *   greeting received      1.032 ms
 *   READY received         0.118 ms
 * peer: ZMTP 3.1, mechanism NULL, as-server no
 *   Socket-Type: ROUTER
 *   Identity: ""
 * handshake complete
 * </pre>
 */
final class ProbeOutput {
    private ProbeOutput() {
    }

    /** The report as lines of text, each ending in a newline. */
    static String text(ProbeReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("probe ").append(r.endpoint).append(" as ").append(r.socketType)
                .append(" (").append(r.mechanism).append(")\n");
        for (ProbeReport.Step s : r.steps) {
            sb.append(String.format(Locale.ROOT, "  %-20s %8.3f ms%n", s.name(), s.nanos() / 1e6));
        }
        if (r.version != null) {
            sb.append("peer: ZMTP ").append(r.version).append(", mechanism ").append(r.peerMechanism)
                    .append(", as-server ").append(r.peerAsServer ? "yes" : "no").append('\n');
        }
        for (Map.Entry<String, byte[]> e : r.properties.entrySet()) {
            String v = ProbeReport.display(e.getValue());
            sb.append("  ").append(e.getKey()).append(": ").append(v.isEmpty() ? "\"\"" : v).append('\n');
        }
        if (r.outcome == ProbeReport.Outcome.COMPLETE) {
            sb.append("handshake complete\n");
        } else {
            sb.append("FAILED at ").append(r.failedStep).append(": ").append(r.reason).append('\n');
            if (r.firstBytes != null) {
                sb.append("  first bytes: ").append(ProbeReport.hex(r.firstBytes, 32, " "))
                        .append(r.firstBytes.length > 32 ? " ..." : "")
                        .append("  |").append(ProbeReport.ascii(r.firstBytes, 32)).append("|\n");
            }
        }
        for (String hint : r.hints) {
            sb.append("  hint: ").append(hint).append('\n');
        }
        return sb.toString();
    }

    /** The report as one JSON object and a newline. */
    static String json(ProbeReport r) {
        StringBuilder sb = new StringBuilder("{");
        field(sb, "endpoint", r.endpoint).append(',');
        field(sb, "socketType", r.socketType).append(',');
        field(sb, "mechanism", r.mechanism).append(',');
        field(sb, "outcome", r.outcome.name()).append(',');
        sb.append("\"exitStatus\":").append(r.outcome.exitStatus).append(",\"steps\":[");
        for (int i = 0; i < r.steps.size(); i++) {
            ProbeReport.Step s = r.steps.get(i);
            sb.append(i == 0 ? "{" : ",{");
            field(sb, "name", s.name()).append(String.format(Locale.ROOT, ",\"millis\":%.3f}", s.nanos() / 1e6));
        }
        sb.append("],\"peer\":");
        if (r.version == null) {
            sb.append("null");
        } else {
            sb.append('{');
            field(sb, "version", r.version).append(',');
            field(sb, "mechanism", r.peerMechanism).append(',');
            sb.append("\"asServer\":").append(r.peerAsServer).append(",\"properties\":{");
            boolean first = true;
            for (Map.Entry<String, byte[]> e : r.properties.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                field(sb, e.getKey(), ProbeReport.display(e.getValue()));
            }
            sb.append("}}");
        }
        sb.append(',');
        field(sb, "failedStep", r.failedStep).append(',');
        field(sb, "reason", r.reason).append(',');
        field(sb, "firstBytes", r.firstBytes == null ? null : ProbeReport.hex(r.firstBytes, r.firstBytes.length, ""));
        sb.append(",\"hints\":[");
        for (int i = 0; i < r.hints.size(); i++) {
            sb.append(i == 0 ? "" : ",");
            string(sb, r.hints.get(i));
        }
        return sb.append("]}\n").toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        string(sb, name);
        sb.append(':');
        if (value == null) {
            return sb.append("null");
        }
        return string(sb, value);
    }

    private static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
