package dev.zmq4j.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration flag: a whole number with a unit ({@code 250ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, also {@code us} and {@code ns}), ISO-8601 ({@code PT5S}), {@code 0}, or {@code -1}
 * (also {@code forever}) for libzmq's "no limit" (a negative duration, {@link dev.zmq4j.Option#FOREVER}).
 * A bare number other than 0 and -1 is refused: it would be ambiguous between libzmq's
 * milliseconds and seconds.
 *
 * <p>Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)(ns|us|ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses {@code value} as described above.
     *
     * @throws TypeConversionException if it is none of those forms
     */
    public static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        if (v.equals("-1") || v.equals("forever")) {
            return Duration.ofMillis(-1);
        }
        Matcher m = WITH_UNIT.matcher(v);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw invalid(value);
            }
            return switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us" -> Duration.ofNanos(Math.multiplyExact(n, 1000L));
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (v.startsWith("pt") || v.startsWith("p")) {
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        throw invalid(value);
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value
                + "' (expected: a duration such as 250ms, 5s, 2m or PT5S; 0; or -1 for no limit)");
    }
}
