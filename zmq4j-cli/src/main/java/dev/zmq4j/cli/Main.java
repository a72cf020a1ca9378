package dev.zmq4j.cli;

/** Placeholder entry point; replaced by the picocli command. */
public final class Main {
    private Main() {
    }

    /** Runs the command. */
    public static void main(String[] args) {
        System.out.println("zmq4j");
    }
}
