package dev.zmq4j.patterns.beacon;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How beacon payloads are shown to people: as text when every byte is printable ASCII, else as
 * hex. Stateless and thread-safe.
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * {@return whether every byte is printable ASCII (space to tilde); true for an empty payload}
     *
     * @param payload a beacon's payload
     */
    public static boolean isPrintable(byte[] payload) {
        for (byte b : payload) {
            if (b < 0x20 || b > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@return {@code "text"} in double quotes when printable, else {@code hex 5a5245...}}
     *
     * @param payload a beacon's payload
     */
    public static String describe(byte[] payload) {
        return isPrintable(payload)
                ? '"' + new String(payload, StandardCharsets.US_ASCII) + '"'
                : "hex " + HexFormat.of().formatHex(payload);
    }

    /** Whether {@code payload} starts with {@code prefix}. */
    static boolean startsWith(byte[] payload, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (payload[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
