package dev.zmq4j.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ZeroMQ Property Language (rfc 4), as far as certificate files need it: a tree of
 * {@code name [= value]} lines, a child indented 4 spaces more than its parent, {@code #}
 * comments, values bare or enclosed in single or double quotes. Reading only; {@link #quote}
 * helps writers.
 *
 * <pre>
 * curve                               a node without a value
 *     public-key = "rq:rM&gt;}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"   quoted: '#' and '=' are text here
 *     name = alice    # a comment     bare: ends at '#', trailing blanks dropped
 * </pre>
 *
 * <p>Stateless; thread-safe.
 */
final class Zpl {
    /** One line of the tree: a name, an optional value, the children indented below it. */
    static final class Node {
        final String name;
        final String value;
        final int line;
        final List<Node> children = new ArrayList<>();

        Node(String name, String value, int line) {
            this.name = name;
            this.value = value;
            this.line = line;
        }
    }

    private static final int INDENT = 4;

    private Zpl() {
    }

    /** rfc 4: {@code name-char = ALPHA | DIGIT | "$" | "-" | "_" | "@" | "." | "&" | "+" | "/"}. */
    static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || "$-_@.&+/".indexOf(c) >= 0;
    }

    /** Whether {@code name} is a ZPL name: one or more name characters. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code value} quoted for a ZPL file: in double quotes, or in single quotes if it holds a
     * double quote.
     *
     * @throws IllegalArgumentException if it holds both quotes or a control character (ZPL has
     *                                  no escapes)
     */
    static String quote(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("value: " + value.replaceAll("\\p{Cntrl}", "?")
                        + " (expected: no control characters)");
            }
        }
        if (value.indexOf('"') < 0) {
            return '"' + value + '"';
        }
        if (value.indexOf('\'') < 0) {
            return '\'' + value + '\'';
        }
        throw new IllegalArgumentException("value: " + value + " (expected: at most one kind of quote; ZPL has no escapes)");
    }

    /**
     * Parses the text of {@code file} into its top-level nodes. Lines end at CR, LF or CR LF.
     *
     * @throws CertificateFormatException naming the file and line of the first line that is not ZPL
     */
    static List<Node> parse(String text, Path file) throws CertificateFormatException {
        List<Node> roots = new ArrayList<>();
        List<Node> open = new ArrayList<>();   // open.get(d) is the last node at depth d
        String[] lines = text.split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Node node = parseLine(lines[i], i + 1, file, open.size());
            if (node == null) {
                continue;
            }
            int depth = depth(lines[i]);
            while (open.size() > depth) {
                open.remove(open.size() - 1);
            }
            (depth == 0 ? roots : open.get(depth - 1).children).add(node);
            open.add(node);
        }
        return roots;
    }

    private static int depth(String line) {
        int spaces = 0;
        while (line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces / INDENT;
    }

    /** The node of one line, or {@code null} for a blank or comment line. */
    private static Node parseLine(String line, int n, Path file, int maxDepth) throws CertificateFormatException {
        int p = 0;
        while (p < line.length() && line.charAt(p) == ' ') {
            p++;
        }
        if (p == line.length() || line.charAt(p) == '#') {
            return null;
        }
        if (line.charAt(p) == '\t') {
            throw new CertificateFormatException(file, n, "indentation: a tab (expected: 4 spaces per level)");
        }
        if (p % INDENT != 0) {
            throw new CertificateFormatException(file, n, "indentation: " + p + " spaces (expected: a multiple of 4)");
        }
        if (p / INDENT > maxDepth) {
            throw new CertificateFormatException(file, n, "indentation: level " + p / INDENT
                    + " (expected: <= " + maxDepth + ", at most one level below the line above)");
        }
        int nameStart = p;
        while (p < line.length() && isNameChar(line.charAt(p))) {
            p++;
        }
        if (p == nameStart) {
            throw new CertificateFormatException(file, n, "name: starts with '" + line.charAt(p)
                    + "' (expected: a letter, digit or one of $-_@.&+/)");
        }
        String name = line.substring(nameStart, p);
        p = skipBlanks(line, p);
        if (p == line.length() || line.charAt(p) == '#') {
            return new Node(name, null, n);
        }
        if (line.charAt(p) != '=') {
            throw new CertificateFormatException(file, n, "after name '" + name + "': '" + line.charAt(p)
                    + "' (expected: '=', a comment or the end of the line)");
        }
        return new Node(name, value(line, skipBlanks(line, p + 1)), n);
    }

    private static int skipBlanks(String line, int p) {
        while (p < line.length() && (line.charAt(p) == ' ' || line.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    /**
     * The value that starts at {@code p}: quoted if it opens with a quote that closes before the
     * end of the line or a comment; otherwise bare (rfc 4: a value that starts with a quote and
     * does not end in a matching one is unquoted), up to a comment, trailing blanks dropped.
     */
    private static String value(String line, int p) {
        if (p < line.length() && (line.charAt(p) == '"' || line.charAt(p) == '\'')) {
            int close = line.indexOf(line.charAt(p), p + 1);
            if (close > 0) {
                int after = skipBlanks(line, close + 1);
                if (after == line.length() || line.charAt(after) == '#') {
                    return line.substring(p + 1, close);
                }
            }
        }
        int end = line.indexOf('#', p);
        return line.substring(p, end < 0 ? line.length() : end).stripTrailing();
    }
}
