package dev.zmq4j.patterns.mdp;

import dev.zmq4j.Frame;
import dev.zmq4j.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Majordomo Protocol's wire constants (RFC 7, MDP/0.1) and the few helpers that build and
 * read its commands. Every class of this package speaks the wire through here.
 *
 * <pre>
 * MDP/Client (REQ adds and strips frame 0; a DEALER client sends and reads it itself)
 *   REQUEST  | "" | "MDPC01" | service | body...
 *   REPLY    | "" | "MDPC01" | service | body...
 *
 * MDP/Worker (DEALER to the broker's ROUTER)
 *   READY      | "" | "MDPW01" | 0x01 | service
 *   REQUEST    | "" | "MDPW01" | 0x02 | client address | "" | body...
 *   REPLY      | "" | "MDPW01" | 0x03 | client address | "" | body...
 *   HEARTBEAT  | "" | "MDPW01" | 0x04
 *   DISCONNECT | "" | "MDPW01" | 0x05
 * </pre>
 *
 * <p>Management services (RFC 8, MMI) are the service names starting {@code "mmi."}: the broker
 * answers them itself.
 *
 * <p><b>Thread-safety:</b> stateless; every member is safe from any thread.
 */
public final class Mdp {
    /** "MDPC01": the header of every MDP/Client command. */
    public static final String CLIENT = "MDPC01";
    /** "MDPW01": the header of every MDP/Worker command. */
    public static final String WORKER = "MDPW01";
    /** The worker's registration for one service. */
    public static final byte READY = 0x01;
    /** A request, from broker to worker. */
    public static final byte REQUEST = 0x02;
    /** A reply, from worker to broker. */
    public static final byte REPLY = 0x03;
    /** A heartbeat, either way. */
    public static final byte HEARTBEAT = 0x04;
    /** The end of a worker's registration, either way. */
    public static final byte DISCONNECT = 0x05;
    /** The prefix of the broker's own management services (RFC 8). */
    public static final String MMI_PREFIX = "mmi.";
    /** The MMI service that answers "200" if its request names a service with a worker, else "404". */
    public static final String MMI_SERVICE = "mmi.service";

    static final Frame CLIENT_FRAME = Frame.of(CLIENT);
    static final Frame WORKER_FRAME = Frame.of(WORKER);

    private Mdp() {
    }

    /**
     * {@return the name of a worker command byte, e.g. {@code "READY"}, or its hex value if unknown}
     *
     * @param command the command byte
     */
    public static String commandName(byte command) {
        return switch (command) {
            case READY -> "READY";
            case REQUEST -> "REQUEST";
            case REPLY -> "REPLY";
            case HEARTBEAT -> "HEARTBEAT";
            case DISCONNECT -> "DISCONNECT";
            default -> String.format("0x%02x", command & 0xff);
        };
    }

    /**
     * {@return whether {@code service} is in the MMI namespace}
     *
     * @param service a service's name
     */
    public static boolean isManagement(String service) {
        return service.startsWith(MMI_PREFIX);
    }

    /** {@code "" | MDPW01 | command | rest...}: a worker command as a DEALER sends it (or a ROUTER, after the address). */
    static List<Frame> workerCommand(byte command, List<Frame> rest) {
        List<Frame> frames = new ArrayList<>(3 + rest.size());
        frames.add(Frame.EMPTY);
        frames.add(WORKER_FRAME);
        frames.add(Frame.wrap(new byte[] {command}));
        frames.addAll(rest);
        return frames;
    }

    /** Whether {@code frame} holds exactly the text {@code header}. */
    static boolean isHeader(Frame frame, Frame header) {
        return frame.equals(header);
    }

    /** The body frames {@code from} to the end of {@code message}, as a message; {@code null} if there are none. */
    static Message body(Message message, int from) {
        if (from >= message.size()) {
            return null;
        }
        return Message.of(message.frames().subList(from, message.size()));
    }

    /** A service name from its frame (printable string). */
    static String text(Frame frame) {
        return new String(frame.toByteArray(), StandardCharsets.UTF_8);
    }

    /** A routing id in hex, for logs. */
    static String hex(Frame frame) {
        StringBuilder sb = new StringBuilder(frame.size() * 2);
        for (byte b : frame.toByteArray()) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /** Frames in order: {@code head...} then every frame of {@code body}. */
    static Message concat(List<Frame> head, Message body) {
        List<Frame> frames = new ArrayList<>(head.size() + body.size());
        frames.addAll(head);
        frames.addAll(body.frames());
        return Message.of(frames);
    }

    /** Frames in order. */
    static List<Frame> frames(Frame... frames) {
        return Arrays.asList(frames);
    }
}
