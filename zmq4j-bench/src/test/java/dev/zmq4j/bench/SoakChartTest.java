package dev.zmq4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SoakChartTest {
    /** The 4-minute soak run committed with the reliability report. */
    private static final Path SOAK_4M = Path.of("..", "docs", "reliability", "soak-4m.csv");
    private static final String HEADER = "second,heap_used,heap_after_gc,rss_kib,threads,fds,direct,pubsub,pushpull,routerdealer,curve,churned,errors";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SoakChart.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path csv(String... lines) throws IOException {
        Path csv = dir.resolve("soak.csv");
        Files.write(csv, List.of(lines));
        return csv;
    }

    @Test
    void drawsTheCommittedSoakRunAsThreeStackedPanels() throws IOException {
        assertThat(SOAK_4M).exists();
        Path outDir = dir.resolve("charts");

        assertThat(run(SOAK_4M.toString(), outDir.toString())).as(err()).isZero();

        Path png = outDir.resolve(SoakChart.FILE_NAME);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + png);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(SoakChart.WIDTH);
        assertThat(image.getHeight()).as("memory, threads and fds, messages: stacked").isEqualTo(3 * SoakChart.HEIGHT);
        assertThat(err()).isEmpty();
    }

    @Test
    void readsEveryColumnAndTakesThePatternsFromTheHeader() throws IOException {
        SoakChart.Samples s = SoakChart.read(SOAK_4M);

        assertThat(s.size()).isEqualTo(240);
        assertThat(s.patterns()).containsExactly("pubsub", "pushpull", "routerdealer", "curve");
        assertThat(s.column("second")[0]).isEqualTo(1);
        assertThat(s.column("heap_after_gc")[0]).as("no collection in the first second").isNaN();
        assertThat(s.column("heap_after_gc")[9]).isEqualTo(9233944);
        assertThat(s.column("rss_kib")[0]).isEqualTo(134028);
    }

    @Test
    void aMissingOrNegativeValueIsLeftOutAndOtherPatternNamesAreDrawnToo() throws IOException {
        Path csv = csv("second,heap_used,heap_after_gc,rss_kib,threads,fds,direct,radio,churned,errors",
                "1,1000,,-1,10,-1,0,50,0,0",
                "2,2000,900,-1,11,-1,0,60,1,0");

        SoakChart.Samples s = SoakChart.read(csv);
        assertThat(s.patterns()).containsExactly("radio");
        assertThat(s.column("rss_kib")).containsOnly(Double.NaN);

        assertThat(run(csv.toString(), dir.toString())).as(err()).isZero();
        BufferedImage image = ImageIO.read(dir.resolve(SoakChart.FILE_NAME).toFile());
        assertThat(image.getHeight()).isEqualTo(3 * SoakChart.HEIGHT);
    }

    @Test
    void aMalformedFieldIsOneClearLineAndExitStatusOne() throws IOException {
        Path csv = csv(HEADER, "1,21470768,,134028,31,40,4825089,6642,2730,417,449,0,0",
                "2,31079552,,131860,thirty,40,5087233,5316,1779,1888,1688,4,0");

        assertThat(run(csv.toString(), dir.toString())).isEqualTo(1);

        assertThat(err()).isEqualTo("soak-chart: " + csv + ": line 3, column threads: 'thirty' (expected: a number, or nothing)"
                + System.lineSeparator());
        assertThat(dir.resolve(SoakChart.FILE_NAME)).doesNotExist();
    }

    @Test
    void aShortLineAWrongHeaderAnEmptyFileAndAMissingFileAreReportedTheSameWay() throws IOException {
        Path shortLine = csv(HEADER, "1,2,3");
        assertThat(run(shortLine.toString(), dir.toString())).isEqualTo(1);
        assertThat(err()).contains("line 2: 3 fields (expected: 13, as in the header)").doesNotContain("Exception").doesNotContain("\tat ");

        Path compare = csv("test,size,count,impl,round,msg_per_s", "thr,64,100,zmq4j,1,200");
        assertThatThrownBy(() -> SoakChart.read(compare)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected the columns second,heap_used");

        Path empty = csv();
        assertThatThrownBy(() -> SoakChart.read(empty)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        Path headerOnly = csv(HEADER);
        assertThatThrownBy(() -> SoakChart.read(headerOnly)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no samples");

        err.reset();
        assertThat(run(dir.resolve("absent.csv").toString(), dir.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo("soak-chart: " + dir.resolve("absent.csv") + ": no such file" + System.lineSeparator());
    }

    @Test
    void aWrongNumberOfArgumentsIsAUsageError() {
        assertThat(run(SOAK_4M.toString())).isEqualTo(2);
        assertThat(err()).startsWith("usage: java -jar zmq4j-bench.jar soak-chart");
    }
}
