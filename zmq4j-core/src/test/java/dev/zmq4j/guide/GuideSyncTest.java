package dev.zmq4j.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/GUIDE.md's Java snippets are code that runs: each is marked {@code <!-- guide: NAME -->}
 * and its lines (trimmed, blank lines aside) appear in order after {@code // guide: NAME} in one
 * of the tests that run them ({@link GuideExamplesTest}, and zmq4j-micrometer's
 * {@code GuideMetricsExampleTest} for the Micrometer snippet), before the next marker.
 */
class GuideSyncTest {
    private static final Path ROOT = Path.of("..");
    private static final Path GUIDE = ROOT.resolve("docs/GUIDE.md");
    private static final List<Path> TESTS = List.of(
            ROOT.resolve("zmq4j-core/src/test/java/dev/zmq4j/guide/GuideExamplesTest.java"),
            ROOT.resolve("zmq4j-micrometer/src/test/java/dev/zmq4j/micrometer/GuideMetricsExampleTest.java"));
    private static final Pattern SNIPPET = Pattern.compile("<!-- guide: ([a-z-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("// guide: ([a-z-]+)");

    @Test
    void everyJavaSnippetOfTheGuideIsRunByATest() throws IOException {
        String guide = Files.readString(GUIDE);
        Map<String, List<String>> snippets = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(guide);
        while (m.find()) {
            assertThat(snippets.put(m.group(1), lines(m.group(2)))).as("snippet %s marked twice", m.group(1)).isNull();
        }
        assertThat(snippets).as("marked snippets in %s", GUIDE).hasSizeGreaterThanOrEqualTo(10);
        long javaBlocks = guide.lines().filter(l -> l.equals("```java")).count();
        assertThat(snippets).as("every ```java block of the guide is marked").hasSize((int) javaBlocks);

        Map<String, List<String>> tested = new LinkedHashMap<>();
        for (Path test : TESTS) {
            tested.putAll(markedCode(Files.readString(test)));
        }
        snippets.forEach((name, lines) -> {
            assertThat(tested).as("a test marked // guide: %s", name).containsKey(name);
            List<String> code = tested.get(name);
            int at = 0;
            for (String line : lines) {
                int found = code.subList(at, code.size()).indexOf(line);
                assertThat(found).as("snippet %s: line not in its test, in order: %s", name, line).isNotNegative();
                at += found + 1;
            }
        });
    }

    /** For each marker, the trimmed lines that follow it up to the next marker. */
    private static Map<String, List<String>> markedCode(String source) {
        Map<String, List<String>> code = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : source.split("\n")) {
            Matcher m = MARKER.matcher(line.trim());
            if (m.matches()) {
                current = new ArrayList<>();
                code.put(m.group(1), current);
            } else if (current != null && !line.isBlank()) {
                current.add(line.trim());
            }
        }
        return code;
    }

    private static List<String> lines(String block) {
        return block.lines().filter(l -> !l.isBlank()).map(String::trim).toList();
    }
}
