package dev.zmq4j.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code zmq4j probe} found out about one endpoint: each step it finished and how long it
 * took, what the peer said about itself (greeting, READY properties), and, when the probe did not
 * get through, where and why ({@link Outcome}, {@link #failedStep}, {@link #reason}, hints). Filled
 * in by {@link ZmtpProbe} as the probe goes; printed by {@link ProbeCommand}. Not thread-safe.
 */
final class ProbeReport {
    /** How the probe ended. */
    enum Outcome {
        /** Both sides sent READY and the socket types suit each other. */
        COMPLETE(0),
        /** Nothing accepted the connection (closed port, missing ipc file). */
        REFUSED(1),
        /** The host or path could not be reached, or an I/O error other than a refusal. */
        UNREACHABLE(1),
        /** A step did not finish in time. */
        TIMEOUT(1),
        /** The peer does not speak ZMTP 3 (other protocol, echo server, ZMTP 1.0/2.0). */
        NOT_ZMTP(1),
        /** The peer speaks ZMTP 3 but another security mechanism. */
        MECHANISM_MISMATCH(1),
        /** The peer sent ERROR, closed the connection during the handshake, or broke the protocol. */
        HANDSHAKE_FAILED(1),
        /** Both sides sent READY but the socket types cannot talk to each other. */
        INCOMPATIBLE(1);

        final int exitStatus;

        Outcome(int exitStatus) {
            this.exitStatus = exitStatus;
        }
    }

    /** One finished step and its own duration. */
    record Step(String name, long nanos) {
    }

    final String endpoint;
    final String socketType;
    final String mechanism;
    final List<Step> steps = new ArrayList<>();
    Outcome outcome;
    /** The step that did not finish ({@code connect}, {@code greeting}, {@code handshake}), or null. */
    String failedStep;
    /** Why the probe failed, one line; null when complete. */
    String reason;
    final List<String> hints = new ArrayList<>();
    /** The peer's greeting fields, once its 64 bytes arrived and decoded. */
    String version;
    String peerMechanism;
    Boolean peerAsServer;
    /** The peer's READY properties in wire order (values as received). */
    final Map<String, byte[]> properties = new LinkedHashMap<>();
    /** The first bytes received, when the peer is not a ZMTP 3 peer. */
    byte[] firstBytes;

    ProbeReport(String endpoint, String socketType, String mechanism) {
        this.endpoint = endpoint;
        this.socketType = socketType;
        this.mechanism = mechanism;
    }

    /** Records a finished step. */
    void step(String name, long nanos) {
        steps.add(new Step(name, nanos));
    }

    /** Ends the probe with a failure at {@code step}. */
    ProbeReport fail(Outcome outcome, String step, String reason) {
        this.outcome = outcome;
        this.failedStep = step;
        this.reason = reason;
        return this;
    }

    /** The peer's Socket-Type, or null if its READY did not arrive. */
    String peerSocketType() {
        for (Map.Entry<String, byte[]> e : properties.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Socket-Type")) {
                return new String(e.getValue(), StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    /** A property value as text when it is printable ASCII, else {@code 0x} and hex. */
    static String display(byte[] value) {
        for (byte b : value) {
            if (b < 0x20 || b > 0x7E) {
                return "0x" + hex(value, value.length, "");
            }
        }
        return new String(value, StandardCharsets.US_ASCII);
    }

    /** The first {@code n} bytes of {@code bytes} in lower-case hex, with {@code separator} between. */
    static String hex(byte[] bytes, int n, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, bytes.length); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            sb.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }

    /** Bytes as ASCII with anything unprintable as {@code .}, for a glance at a foreign protocol. */
    static String ascii(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, bytes.length); i++) {
            int b = bytes[i] & 0xFF;
            sb.append(b >= 0x20 && b <= 0x7E ? (char) b : '.');
        }
        return sb.toString();
    }
}
