package dev.zmq4j.security;

import java.nio.charset.StandardCharsets;

/**
 * Z85 (rfc 32): binary data as printable text, 5 characters for every 4 bytes. CURVE keys travel
 * as 40-character Z85 strings in options, certificates and logs.
 */
public final class Z85 {
    private static final char[] DIGITS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < DIGITS.length; i++) {
            VALUES[DIGITS[i]] = (byte) i;
        }
    }

    private Z85() {
    }

    /**
     * Encodes {@code data}, whose length must be a multiple of 4.
     *
     * @param data the bytes to encode
     * @return 5 Z85 characters per 4 bytes
     * @throws IllegalArgumentException if it is not
     */
    public static String encode(byte[] data) {
        if (data.length % 4 != 0) {
            throw new IllegalArgumentException("Z85: " + data.length + " bytes (expected: a multiple of 4)");
        }
        char[] out = new char[data.length / 4 * 5];
        for (int i = 0, o = 0; i < data.length; i += 4, o += 5) {
            long value = ((data[i] & 0xFFL) << 24) | ((data[i + 1] & 0xFF) << 16) | ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            for (int k = 4; k >= 0; k--) {
                out[o + k] = DIGITS[(int) (value % 85)];
                value /= 85;
            }
        }
        return new String(out);
    }

    /**
     * Decodes {@code text}, whose length must be a multiple of 5, of Z85 characters only.
     *
     * @param text the Z85 text
     * @return 4 bytes per 5 characters
     * @throws IllegalArgumentException if it is not valid Z85
     */
    public static byte[] decode(String text) {
        if (text.length() % 5 != 0) {
            throw new IllegalArgumentException("Z85: " + text.length() + " characters (expected: a multiple of 5)");
        }
        byte[] out = new byte[text.length() / 5 * 4];
        for (int i = 0, o = 0; i < text.length(); i += 5, o += 4) {
            long value = 0;
            for (int k = 0; k < 5; k++) {
                char c = text.charAt(i + k);
                int v = c < 128 ? VALUES[c] : -1;
                if (v < 0) {
                    throw new IllegalArgumentException("Z85: character " + (i + k) + " is not a Z85 digit");
                }
                value = value * 85 + v;
            }
            if (value > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("Z85: characters " + i + ".." + (i + 4) + " exceed 32 bits");
            }
            out[o] = (byte) (value >>> 24);
            out[o + 1] = (byte) (value >>> 16);
            out[o + 2] = (byte) (value >>> 8);
            out[o + 3] = (byte) value;
        }
        return out;
    }

    /**
     * {@return whether {@code text} is valid Z85 (length a multiple of 5, Z85 digits, each group within 32 bits)}
     *
     * @param text any text
     */
    public static boolean isValid(String text) {
        try {
            decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A CURVE key from an option or certificate value: 32 bytes as they are, or 40 bytes of Z85 text
     * (libzmq accepts both; a 41st NUL byte, as C strings carry it, is ignored).
     *
     * @param value the option or certificate value
     * @return the key's 32 bytes (a copy)
     * @throws IllegalArgumentException if it is neither
     */
    public static byte[] key(byte[] value) {
        if (value.length == 32) {
            return value.clone();
        }
        int n = value.length == 41 && value[40] == 0 ? 40 : value.length;
        if (n == 40) {
            return decode(new String(value, 0, 40, StandardCharsets.US_ASCII));
        }
        throw new IllegalArgumentException("CURVE key: " + value.length + " bytes (expected: 32 bytes or 40 Z85 characters)");
    }

    /**
     * {@return whether {@link #key} accepts {@code value}}
     *
     * @param value any bytes
     */
    public static boolean isKey(byte[] value) {
        try {
            key(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
