package dev.zmq4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChartsTest {
    private static final String HEADER = "test,size,count,impl,round,msg_per_s,mb_per_s,avg_us,p50_us,p99_us,p999_us,status";

    @TempDir
    Path dir;

    private Path csv(String... lines) throws IOException {
        Path csv = dir.resolve("compare.csv");
        Files.write(csv, List.of(HEADER));
        Files.write(csv, List.of(lines), StandardOpenOption.APPEND);
        return csv;
    }

    @Test
    void takesTheMedianOfTheRoundsThatSucceeded() throws IOException {
        List<Charts.Run> runs = Charts.read(csv(
                "thr,64,100,zmq4j,1,300,0.1,,,,,ok",
                "thr,64,100,zmq4j,2,100,0.1,,,,,ok",
                "thr,64,100,zmq4j,3,200,0.1,,,,,ok",
                "thr,64,100,zmq4j,4,,,,,,,fail",
                "thr,64,100,zmq4j,5,9999,0.1,,,,,fail"));

        assertThat(Charts.median(runs, "thr", 64, "zmq4j", "msg_per_s")).hasValue(200);
        assertThat(Charts.median(runs, "thr", 64, "libzmq", "msg_per_s")).isEmpty();
        assertThat(Charts.median(runs, "thr", 1024, "zmq4j", "msg_per_s")).isEmpty();
    }

    @Test
    void medianOfAnEvenNumberOfRoundsIsTheMeanOfTheMiddleTwo() throws IOException {
        List<Charts.Run> runs = Charts.read(csv(
                "lat,64,100,libzmq,1,,,10,5,20,40,ok",
                "lat,64,100,libzmq,2,,,30,7,20,40,ok"));

        assertThat(Charts.median(runs, "lat", 64, "libzmq", "avg_us")).hasValue(20);
        assertThat(Charts.median(runs, "lat", 64, "libzmq", "p50_us")).hasValue(6);
    }

    @Test
    void drawsTheThroughputCurveAndOneLatencyPanelPerTransport() throws IOException {
        List<Charts.Run> runs = Charts.read(csv(
                "thr,65536,100,raw,1,20000,10485.76,,,,,ok",
                "curve-thr,16,100,zmq4j,1,2000000,256,,,,,ok",
                "curve-thr,1048576,100,zmq4j,1,800,6710.886,,,,,ok",
                "curve-thr,16,100,libzmq,1,5000000,640,,,,,ok",
                "curve-thr,1048576,100,libzmq,1,1500,12582.912,,,,,ok",
                "lat,64,100,zmq4j,1,,,20,14,100,1000,ok",
                "lat,64,100,jeromq,1,,,30,17,150,1500,ok",
                "inproc-lat,64,100,zmq4j,1,,,2.5,1.4,40,120,ok"));

        List<Path> written = Charts.write(runs, dir.resolve("charts"));

        assertThat(written).containsExactly(dir.resolve("charts/perf-throughput.png"),
                dir.resolve("charts/perf-latency.png"));
        BufferedImage throughput = ImageIO.read(written.get(0).toFile());
        BufferedImage latency = ImageIO.read(written.get(1).toFile());
        assertThat(throughput.getWidth()).as("MB/s and msg/s panels side by side").isEqualTo(2 * 720);
        assertThat(latency.getWidth()).as("tcp and inproc panels, no ipc rows").isEqualTo(2 * 480);
    }

    @Test
    void drawsTheThroughputRowsWhenTheRunHadNoCurveAndNoLatencyChartWithoutLatencyRows() throws IOException {
        List<Charts.Run> runs = Charts.read(csv(
                "thr,64,100,zmq4j,1,2000000,1024,,,,,ok",
                "thr,1024,100,zmq4j,1,300000,2457.6,,,,,ok"));

        assertThat(Charts.write(runs, dir)).containsExactly(dir.resolve("perf-throughput.png"));
    }

    @Test
    void drawsNothingWhenNoRunSucceeded() throws IOException {
        List<Charts.Run> runs = Charts.read(csv("thr,64,100,zmq4j,1,,,,,,,fail"));

        assertThat(Charts.write(runs, dir)).isEmpty();
    }

    @Test
    void rejectsALineThatDoesNotFitTheHeader() throws IOException {
        Path csv = csv("thr,64,100");

        assertThatThrownBy(() -> Charts.read(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2: 3 fields (expected: 12)");
    }

    @Test
    void rejectsAFileWithoutTheColumnsOfCompareSh() throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.write(csv, List.of("name,value", "a,1"));

        assertThatThrownBy(() -> Charts.read(csv))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected the columns test,size,count");
    }

    @Test
    void labelsSizesInBinaryUnitsWhenTheyAreWholeKibOrMib() {
        assertThat(Charts.sizeLabel(16)).isEqualTo("16 B");
        assertThat(Charts.sizeLabel(1024)).isEqualTo("1 KiB");
        assertThat(Charts.sizeLabel(65536)).isEqualTo("64 KiB");
        assertThat(Charts.sizeLabel(1 << 20)).isEqualTo("1 MiB");
        assertThat(Charts.sizeLabel(1536)).isEqualTo("1536 B");
    }
}
