package dev.zmq4j.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The {@code chart} command: draws {@code bench/compare.sh}'s CSV as two PNG files, with XChart.
 *
 * <pre>
 *   java -Djava.awt.headless=true -jar zmq4j-bench.jar chart &lt;compare.csv&gt; &lt;out-dir&gt;
 * </pre>
 *
 * <ul>
 *   <li>{@code perf-throughput.png}: tcp PUSH/PULL throughput against message size (log scale), in
 *       MB/s and in msg/s, one line per implementation; the {@code curve-thr} rows, or the tcp
 *       {@code thr} rows of a run without the curve. Raw loopback TCP, when the run measured it, is
 *       a dashed line across the MB/s panel.
 *   <li>{@code perf-latency.png}: REQ/REP one-way latency (average, p50, p99, p99.9; log scale),
 *       one panel per transport (tcp, ipc, inproc) with a bar per implementation; left out when the
 *       run had no latency rows.
 * </ul>
 *
 * <p>Every point is the median over the rounds whose status is {@code ok}. The CSV is the one
 * described in {@code bench/compare.sh --help}: a header line, then comma-separated fields without
 * quoting. Stateless; the methods are thread-safe.
 */
public final class Charts {
    private static final List<String> IMPLEMENTATIONS = List.of("zmq4j", "libzmq", "jeromq");
    private static final Map<String, String> NAMES = Map.of("zmq4j", "zmq4j", "libzmq", "libzmq",
            "jeromq", "JeroMQ", "raw", "raw TCP");
    private static final Map<String, Color> COLORS = Map.of("zmq4j", new Color(0x1f77b4),
            "libzmq", new Color(0xff7f0e), "jeromq", new Color(0x2ca02c), "raw", new Color(0x7f7f7f));
    private static final List<String> COLUMNS = List.of("test", "size", "count", "impl", "round", "msg_per_s",
            "mb_per_s", "avg_us", "p50_us", "p99_us", "p999_us", "status");
    private static final int WIDTH = 720;
    private static final int HEIGHT = 480;

    private Charts() {
    }

    /** One line of the CSV: a run of one implementation. */
    record Run(String test, long size, String impl, boolean ok, Map<String, String> fields) {
        /** The named numeric column, or NaN when the run has no value there. */
        double value(String column) {
            String text = fields.get(column);
            return text == null || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
        }
    }

    /** Runs {@code args = {csv, out-dir}}; exits with 0, 1 (unreadable input, nothing to draw) or 2 (usage). */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java -jar zmq4j-bench.jar chart <compare.csv> <out-dir>");
            System.exit(2);
        }
        // No display is needed to draw into an image; say so in case the caller did not.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            List<Path> written = write(read(Path.of(args[0])), Path.of(args[1]));
            if (written.isEmpty()) {
                System.err.println("chart: " + args[0] + " has no tcp throughput and no latency rows to draw");
                System.exit(1);
            }
            written.forEach(path -> System.out.println("wrote " + path));
        } catch (IOException e) {
            System.err.println("chart: " + e);
            System.exit(1);
        } catch (IllegalArgumentException e) {
            System.err.println("chart: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Reads compare.sh's CSV; throws IllegalArgumentException on a line that does not fit its header. */
    static List<Run> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty (expected: a header line " + String.join(",", COLUMNS) + ")");
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        if (!header.containsAll(COLUMNS)) {
            throw new IllegalArgumentException(csv + ": header " + lines.get(0) + " (expected the columns "
                    + String.join(",", COLUMNS) + ")");
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] values = lines.get(i).split(",", -1);
            if (values.length != header.size()) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": " + values.length
                        + " fields (expected: " + header.size() + ")");
            }
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < values.length; c++) {
                fields.put(header.get(c), values[c]);
            }
            runs.add(new Run(fields.get("test"), Long.parseLong(fields.get("size")), fields.get("impl"),
                    fields.get("status").equals("ok"), fields));
        }
        return runs;
    }

    /** Writes the PNG files for runs into dir and returns their paths. */
    static List<Path> write(List<Run> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        List<XYChart> throughput = throughputCharts(runs);
        if (!throughput.isEmpty()) {
            Path path = dir.resolve("perf-throughput.png");
            BitmapEncoder.saveBitmap(throughput, 1, throughput.size(), path.toString(), BitmapFormat.PNG);
            written.add(path);
        }
        List<CategoryChart> latency = latencyCharts(runs);
        if (!latency.isEmpty()) {
            Path path = dir.resolve("perf-latency.png");
            BitmapEncoder.saveBitmap(latency, 1, latency.size(), path.toString(), BitmapFormat.PNG);
            written.add(path);
        }
        return written;
    }

    /** The median of column over the ok runs of test at size by impl; empty if there are none. */
    static OptionalDouble median(List<Run> runs, String test, long size, String impl, String column) {
        double[] values = runs.stream()
                .filter(r -> r.ok() && r.test().equals(test) && r.size() == size && r.impl().equals(impl))
                .mapToDouble(r -> r.value(column))
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        int middle = values.length / 2;
        return OptionalDouble.of(values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2);
    }

    /** The MB/s and msg/s panels, or none when the runs have no tcp throughput row. */
    private static List<XYChart> throughputCharts(List<Run> runs) {
        String test = runs.stream().anyMatch(r -> r.test().equals("curve-thr")) ? "curve-thr" : "thr";
        TreeSet<Long> sizes = new TreeSet<>();
        runs.stream().filter(r -> r.test().equals(test)).forEach(r -> sizes.add(r.size()));
        if (sizes.isEmpty()) {
            return List.of();
        }
        XYChart megabytes = sizeAxisChart("tcp PUSH/PULL throughput, MB/s", "MB/s (10^6 B of message body)");
        megabytes.getStyler().setYAxisMin(0.0);
        XYChart messages = sizeAxisChart("tcp PUSH/PULL throughput, msg/s", "messages per second (log scale)");
        // A custom tick formatter would make XChart lay the ticks out linearly: use a pattern.
        messages.getStyler().setYAxisLogarithmic(true).setYAxisDecimalPattern("#,##0");
        for (String impl : IMPLEMENTATIONS) {
            List<Double> x = new ArrayList<>();
            List<Double> mbps = new ArrayList<>();
            List<Double> msgps = new ArrayList<>();
            for (long size : sizes) {
                OptionalDouble rate = median(runs, test, size, impl, "msg_per_s");
                if (rate.isPresent() && rate.getAsDouble() > 0) {
                    x.add(log2(size));
                    mbps.add(rate.getAsDouble() * size / 1e6);
                    msgps.add(rate.getAsDouble());
                }
            }
            if (!x.isEmpty()) {
                style(megabytes.addSeries(NAMES.get(impl), x, mbps), impl);
                style(messages.addSeries(NAMES.get(impl), x, msgps), impl);
            }
        }
        // Raw TCP was measured at one size; its bandwidth is the ceiling at every size.
        runs.stream().filter(r -> r.test().equals("thr") && r.impl().equals("raw")).map(Run::size).distinct()
                .forEach(size -> median(runs, "thr", size, "raw", "msg_per_s").ifPresent(rate -> {
                    double mbps = rate * size / 1e6;
                    XYSeries line = megabytes.addSeries(NAMES.get("raw") + " (" + sizeLabel(size) + " writes)",
                            List.of(log2(sizes.first()), log2(sizes.last())), List.of(mbps, mbps));
                    style(line, "raw");
                    line.setMarker(SeriesMarkers.NONE);
                    line.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {8f, 6f}, 0f));
                }));
        if (megabytes.getSeriesMap().isEmpty()) {
            return List.of();
        }
        return List.of(megabytes, messages);
    }

    /**
     * A chart whose x axis is the message size on a log scale: XChart's log axis marks only powers
     * of ten, so x is log2(size) on a linear axis, labelled back in bytes at the whole powers of two.
     */
    private static XYChart sizeAxisChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("message size (log scale)").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setXAxisTickMarkSpacingHint(60);
        chart.setCustomXAxisTickLabelsFormatter(x -> x == Math.rint(x) && x >= 0 ? sizeLabel(1L << x.intValue()) : "");
        return chart;
    }

    private static void style(XYSeries series, String impl) {
        series.setLineColor(COLORS.get(impl));
        series.setMarkerColor(COLORS.get(impl));
        series.setMarker(SeriesMarkers.CIRCLE);
    }

    /** One bar chart per transport that has a latency row: average, p50, p99, p99.9 by implementation. */
    private static List<CategoryChart> latencyCharts(List<Run> runs) {
        List<String> metrics = List.of("average", "p50", "p99", "p99.9");
        List<String> columns = List.of("avg_us", "p50_us", "p99_us", "p999_us");
        List<CategoryChart> charts = new ArrayList<>();
        for (String transport : List.of("tcp", "ipc", "inproc")) {
            String test = transport.equals("tcp") ? "lat" : transport + "-lat";
            TreeSet<Long> sizes = new TreeSet<>();
            runs.stream().filter(r -> r.test().equals(test)).forEach(r -> sizes.add(r.size()));
            if (sizes.isEmpty()) {
                continue;
            }
            long size = sizes.first();
            CategoryChart chart = new CategoryChartBuilder().width(WIDTH * 2 / 3).height(HEIGHT)
                    .title(transport + " REQ/REP " + sizeLabel(size) + ", one way")
                    .xAxisTitle("").yAxisTitle("µs (log scale)").build();
            chart.getStyler().setYAxisLogarithmic(true).setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
            // Values inside the bars, half way up: every bar spans at least half a decade (below).
            chart.getStyler().setLabelsVisible(true).setLabelsRotation(90).setLabelsPosition(0.5)
                    .setLabelsFontColorAutomaticEnabled(true);
            chart.getStyler().setYAxisDecimalPattern("#,##0.#");
            double smallest = Double.MAX_VALUE;
            double largest = 0;
            for (String impl : IMPLEMENTATIONS) {
                List<Double> values = new ArrayList<>();
                for (String column : columns) {
                    median(runs, test, size, impl, column).ifPresent(values::add);
                }
                if (values.size() == columns.size() && values.stream().allMatch(v -> v > 0)) {
                    CategorySeries series = chart.addSeries(NAMES.get(impl), metrics, values);
                    series.setFillColor(COLORS.get(impl));
                    smallest = Math.min(smallest, values.stream().mapToDouble(Double::doubleValue).min().orElseThrow());
                    largest = Math.max(largest, values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
                }
            }
            // Bars start at the axis minimum, which XChart puts at 0 unless told: a log axis needs
            // it above 0, here at the power of ten at or below half the shortest bar. The top is
            // the power of ten above the tallest, so that both ends carry a label.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest / 2))))
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(largest))));
            if (!chart.getSeriesMap().isEmpty()) {
                charts.add(chart);
            }
        }
        return charts;
    }

    private static double log2(long size) {
        return Math.log(size) / Math.log(2);
    }

    /** 16 B, 64 KiB, 1 MiB; a size that is no whole number of KiB or MiB stays in bytes. */
    static String sizeLabel(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
