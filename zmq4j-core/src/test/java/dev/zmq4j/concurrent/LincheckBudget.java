package dev.zmq4j.concurrent;

/**
 * How much the Lincheck checks explore. The default keeps {@code mvn test} quick; a longer run
 * multiplies every iteration and invocation count by the system property
 * {@code zmq4j.lincheck.scale}, e.g. {@code mvn -pl zmq4j-core -Dtest='*Lincheck*'
 * -Dzmq4j.lincheck.scale=20 test}.
 */
public final class LincheckBudget {
    private LincheckBudget() {
    }

    /** The multiplier, at least 1. */
    public static int scale() {
        return Math.max(1, Integer.getInteger("zmq4j.lincheck.scale", 1));
    }

    /** {@code base} times the multiplier. */
    public static int times(int base) {
        return base * scale();
    }
}
