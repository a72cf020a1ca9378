package dev.zmq4j.bench;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The {@code soak-chart} command: draws the CSV of {@code zmq4j perf soak} as one PNG file,
 * {@value #FILE_NAME}, of three panels stacked over a shared time axis, with XChart.
 *
 * <pre>
 *   java -jar zmq4j-bench.jar soak-chart &lt;soak.csv&gt; &lt;out-dir&gt;
 * </pre>
 *
 * <ol>
 *   <li>memory in MiB: heap used, heap after a full collection (the samples that have one, as
 *       points), resident set size (VmRSS), direct memory;
 *   <li>threads and open file descriptors;
 *   <li>messages per second, one line per pattern (the columns between {@code direct} and
 *       {@code churned}), with the errors counted in the title.
 * </ol>
 *
 * <p>The CSV has a header line naming at least {@value #REQUIRED} and then one line per second of
 * comma-separated numbers without quoting; an empty field, or a negative one (the soak writes -1
 * where the platform does not tell), is a missing value. Time is in seconds, or minutes for runs
 * over ten minutes. A file that does not fit is reported in one line on stderr with exit status 1;
 * usage errors exit with 2. Stateless; the methods are thread-safe.
 */
public final class SoakChart {
    /** The file written into the output directory. */
    public static final String FILE_NAME = "soak.png";
    /** The columns a soak CSV must have. */
    static final String REQUIRED = "second,heap_used,heap_after_gc,rss_kib,threads,fds,direct,churned,errors";
    /** Each panel's size; the image is {@code WIDTH} by three times {@code HEIGHT}. */
    static final int WIDTH = 960;
    static final int HEIGHT = 360;
    private static final List<String> COLUMNS = List.of(REQUIRED.split(","));
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    private static final double MIB = 1024 * 1024;

    private SoakChart() {
    }

    /**
     * The samples of one soak run: each column's values by line, NaN where missing.
     *
     * @param columns  every column of the header, in order, with its values
     * @param patterns the message columns, one per pattern, in the header's order
     */
    record Samples(Map<String, double[]> columns, List<String> patterns) {
        double[] column(String name) {
            return columns.get(name);
        }

        int size() {
            return columns.get("second").length;
        }
    }

    /** Runs {@code args = {csv, out-dir}} and exits with its status (see {@link #run}). */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Draws {@code args[0]} into {@code args[1]}, printing the path written on {@code out} or one
     * line saying what is wrong on {@code err}.
     *
     * @return 0 when the PNG was written, 1 when the CSV could not be read or does not fit, 2 on a
     *         usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: java -jar zmq4j-bench.jar soak-chart <soak.csv> <out-dir>");
            return 2;
        }
        // No display is needed to draw into an image; say so in case the caller did not.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        try {
            Path written = write(read(Path.of(args[0])), Path.of(args[1]));
            out.println("wrote " + written);
            return 0;
        } catch (NoSuchFileException e) {
            err.println("soak-chart: " + e.getFile() + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("soak-chart: " + e);
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("soak-chart: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Reads a soak CSV.
     *
     * @throws IllegalArgumentException if the header lacks a column of {@value #REQUIRED}, a line
     *                                  has another number of fields than the header, a field is
     *                                  not a number, or there is no sample
     */
    static Samples read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(csv + ": empty (expected: a header line with the columns " + REQUIRED + ")");
        }
        List<String> header = Arrays.asList(lines.get(0).strip().split(",", -1));
        if (!header.containsAll(COLUMNS)) {
            throw new IllegalArgumentException(csv + ": header " + lines.get(0) + " (expected the columns " + REQUIRED + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != header.size()) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": " + fields.length + " fields (expected: "
                        + header.size() + ", as in the header)");
            }
            double[] row = new double[fields.length];
            for (int c = 0; c < fields.length; c++) {
                row[c] = number(fields[c], csv, i + 1, header.get(c));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(csv + ": no samples (expected: a line a second after the header)");
        }
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int c = 0; c < header.size(); c++) {
            double[] values = new double[rows.size()];
            for (int r = 0; r < values.length; r++) {
                values[r] = rows.get(r)[c];
            }
            columns.put(header.get(c), values);
        }
        if (Double.isNaN(columns.get("second")[0])) {
            throw new IllegalArgumentException(csv + ": line 2, column second: empty (expected: the elapsed seconds)");
        }
        List<String> patterns = header.subList(header.indexOf("direct") + 1, header.indexOf("churned"));
        return new Samples(columns, List.copyOf(patterns));
    }

    private static double number(String field, Path csv, int line, String column) {
        if (field.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(field);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v < 0 ? Double.NaN : v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(csv + ": line " + line + ", column " + column + ": '" + field
                    + "' (expected: a number, or nothing)");
        }
    }

    /** Writes {@value #FILE_NAME} into {@code dir} (made if need be) and returns its path. */
    static Path write(Samples samples, Path dir) throws IOException {
        Files.createDirectories(dir);
        double[] seconds = samples.column("second");
        boolean minutes = seconds[seconds.length - 1] > 600;
        double[] time = Arrays.stream(seconds).map(s -> minutes ? s / 60 : s).toArray();
        String timeTitle = minutes ? "time (min)" : "time (s)";

        XYChart memory = panel("memory", timeTitle, "MiB");
        line(memory, "heap used", time, scaled(samples.column("heap_used"), MIB), 0);
        XYSeries afterGc = line(memory, "heap after GC", time, scaled(samples.column("heap_after_gc"), MIB), 1);
        if (afterGc != null) {
            // Sampled every tenth second: points, not a line that would hide the gaps.
            afterGc.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            afterGc.setMarker(SeriesMarkers.CIRCLE);
        }
        line(memory, "RSS", time, scaled(samples.column("rss_kib"), 1024), 2);
        line(memory, "direct", time, scaled(samples.column("direct"), MIB), 3);

        XYChart resources = panel("threads and file descriptors", timeTitle, "count");
        line(resources, "threads", time, samples.column("threads"), 0);
        line(resources, "fds", time, samples.column("fds"), 1);

        double errors = Arrays.stream(samples.column("errors")).filter(v -> !Double.isNaN(v)).max().orElse(0);
        XYChart messages = panel(String.format(Locale.ROOT, "messages per second by pattern (errors: %.0f)", errors),
                timeTitle, "messages/s");
        for (int i = 0; i < samples.patterns().size(); i++) {
            String pattern = samples.patterns().get(i);
            line(messages, pattern, time, samples.column(pattern), i);
        }

        List<XYChart> panels = new ArrayList<>();
        for (XYChart c : List.of(memory, resources, messages)) {
            // XChart refuses to draw a chart without series: a run whose CSV has no value for any
            // series of a panel gets an empty series there instead.
            if (c.getSeriesMap().isEmpty()) {
                c.addSeries("no data", new double[] {time[0]}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            }
            panels.add(c);
        }
        Path path = dir.resolve(FILE_NAME);
        BitmapEncoder.saveBitmap(panels, panels.size(), 1, path.toString(), BitmapFormat.PNG);
        return path;
    }

    private static XYChart panel(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        // The legend below the plot, so that the three panels' time axes line up.
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS).setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisDecimalPattern("#,##0.#");
        chart.getStyler().setXAxisTickMarkSpacingHint(80);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    /** Adds the points of {@code y} that have a value, as a line without markers; {@code null} if none has. */
    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, int colour) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(x[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return null;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(PALETTE[colour % PALETTE.length]);
        s.setMarkerColor(PALETTE[colour % PALETTE.length]);
        return s;
    }

    private static double[] scaled(double[] values, double divisor) {
        return Arrays.stream(values).map(v -> v / divisor).toArray();
    }
}
