package dev.ante.bench.http;

import dev.ante.bench.corpus.Corpus;
import dev.ante.bench.results.Workload;
import dev.ante.simulator.HttpSink;
import dev.ante.simulator.SinkException;
import dev.ante.simulator.StreamBatch;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A long run at a load the platform sustains: many agents, each posting its games' events in small batches
 * with a pause between requests, as agents that think between moves do. Every {@code sampleSeconds} it
 * records the window's append latency (p99), the platform's resident memory (and its anonymous part) and open
 * files, and the largest
 * projection lag; a platform that leaks shows one of them growing. Writes the samples as a PNG plot too.
 */
public final class Soak {

    private static final long MAX_MICROS = 60_000_000L;

    /** One sample. */
    public record Sample(double atSeconds, double p99Ms, long requests, long errors, long rssMb, long rssAnonMb,
                         long rssFileMb, long openFiles, long maxLag) {
    }

    private final Platform platform;
    private final Api api;
    private final HttpSink sink;

    public Soak(Platform platform, Api api, HttpSink sink) {
        this.platform = platform;
        this.api = api;
        this.sink = sink;
    }

    /**
     * Runs {@code agents} agents for {@code seconds}, each replaying one of the corpus's timelines under fresh
     * ids (a new round of ids whenever one ends), pausing {@code pauseMillis} after each request.
     */
    public Workload run(List<List<StreamBatch>> corpus, int agents, int seconds, int sampleSeconds, long pauseMillis,
                        Path plot) throws InterruptedException, IOException {
        ConcurrentLinkedQueue<List<HttpSink.Prepared>> timelines = new ConcurrentLinkedQueue<>();
        AtomicInteger rounds = new AtomicInteger();
        Runnable refill = () -> {
            for (List<StreamBatch> agent : Corpus.replica(corpus, "-soak" + rounds.getAndIncrement())) {
                List<HttpSink.Prepared> requests = new ArrayList<>();
                agent.forEach(b -> requests.addAll(sink.prepare(b)));
                timelines.add(requests);
            }
        };
        while (timelines.size() < agents) {
            refill.run();
        }
        Recorder latency = new Recorder(MAX_MICROS, 3);
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    List<HttpSink.Prepared> timeline = timelines.poll();
                    if (timeline == null) {
                        synchronized (timelines) {
                            if (timelines.isEmpty()) {
                                refill.run();
                            }
                        }
                        continue;
                    }
                    for (HttpSink.Prepared request : timeline) {
                        if (stop.get()) {
                            return;
                        }
                        long t0 = System.nanoTime();
                        try {
                            sink.send(request);
                            requests.incrementAndGet();
                        } catch (SinkException e) {
                            errors.incrementAndGet();
                        }
                        latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - t0) / 1_000));
                        try {
                            Thread.sleep(pauseMillis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "soak-agent-" + a);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        long lastRequests = 0;
        long lastErrors = 0;
        Histogram all = new Histogram(MAX_MICROS, 3);
        latency.getIntervalHistogram();
        for (int i = 1; i * sampleSeconds <= seconds; i++) {
            long due = start + i * sampleSeconds * 1_000_000_000L;
            Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            Histogram window = latency.getIntervalHistogram();
            all.add(window);
            long done = requests.get();
            long failed = errors.get();
            samples.add(new Sample((System.nanoTime() - start) / 1e9, window.getValueAtPercentile(99) / 1000.0,
                    done - lastRequests, failed - lastErrors, platform.rssBytes() >> 20, platform.rssAnonBytes() >> 20,
                    platform.rssFileBytes() >> 20, openFiles(), api.maxProjectionLag()));
            lastRequests = done;
            lastErrors = failed;
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(30_000);
        }
        writePlot(samples, plot);
        return verdict(samples, all, agents, seconds, sampleSeconds, pauseMillis, plot);
    }

    private long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(platform.pid()), "fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Flat means: the last third's median anonymous resident memory (heap and native allocations; mapped files
     * grow with the data and are the kernel's to drop) within 15% of the first third's (after the first
     * sample), open files within 10% plus 20, and the lag at the end no larger than the largest before it plus
     * a few batches' worth — nothing that keeps growing.
     */
    static Workload verdict(List<Sample> samples, Histogram all, int agents, int seconds, int sampleSeconds,
                            long pauseMillis, Path plot) {
        List<Sample> steady = samples.size() > 3 ? samples.subList(1, samples.size()) : samples;
        int third = Math.max(1, steady.size() / 3);
        List<Sample> first = steady.subList(0, third);
        List<Sample> last = steady.subList(steady.size() - third, steady.size());
        double rssGrowth = median(last, Sample::rssMb) / Math.max(1, median(first, Sample::rssMb)) - 1;
        double anonGrowth = median(last, Sample::rssAnonMb) / Math.max(1, median(first, Sample::rssAnonMb)) - 1;
        double filesFirst = median(first, Sample::openFiles);
        double filesLast = median(last, Sample::openFiles);
        long lagEnd = samples.get(samples.size() - 1).maxLag();
        long lagBefore = samples.subList(0, samples.size() - 1).stream().mapToLong(Sample::maxLag).max().orElse(0);
        boolean rssFlat = anonGrowth < 0.15;
        boolean filesFlat = filesLast <= filesFirst * 1.10 + 20;
        boolean lagFlat = lagEnd <= Math.max(lagBefore, 0) + 2_000;
        long totalRequests = samples.stream().mapToLong(Sample::requests).sum();
        long totalErrors = samples.stream().mapToLong(Sample::errors).sum();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("atSeconds", Math.round(s.atSeconds() * 10) / 10.0);
            row.put("p99Ms", s.p99Ms());
            row.put("requests", s.requests());
            row.put("errors", s.errors());
            row.put("rssMB", s.rssMb());
            row.put("rssAnonMB", s.rssAnonMb());
            row.put("rssFileMB", s.rssFileMb());
            row.put("openFiles", s.openFiles());
            row.put("maxLag", s.maxLag());
            rows.add(row);
        }
        return Workload.of("soak", "ms p99", all.getValueAtPercentile(99) / 1000.0)
                .percentiles(all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(99) / 1000.0)
                .target("RSS, open files and lag flat over the run", rssFlat && filesFlat && lagFlat && totalErrors == 0)
                .detail("agents", agents)
                .detail("seconds", seconds)
                .detail("sampleSeconds", sampleSeconds)
                .detail("pauseAfterRequestMs", pauseMillis)
                .detail("requests", totalRequests)
                .detail("errors", totalErrors)
                .detail("rssGrowthLastThirdVsFirst", Math.round(rssGrowth * 1000) / 1000.0)
                .detail("rssAnonGrowthLastThirdVsFirst", Math.round(anonGrowth * 1000) / 1000.0)
                .detail("openFilesFirstThirdMedian", filesFirst)
                .detail("openFilesLastThirdMedian", filesLast)
                .detail("lagAtEnd", lagEnd)
                .detail("rssFlat", rssFlat)
                .detail("openFilesFlat", filesFlat)
                .detail("lagFlat", lagFlat)
                .detail("plot", plot == null ? null : plot.toString())
                .detail("samples", rows);
    }

    private static double median(List<Sample> samples, java.util.function.ToLongFunction<Sample> value) {
        long[] values = samples.stream().mapToLong(value).sorted().toArray();
        if (values.length == 0) {
            return 0;
        }
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2.0;
    }

    /** Four stacked plots over the run's seconds: p99 append latency, resident memory, open files, lag. */
    static void writePlot(List<Sample> samples, Path file) throws IOException {
        if (file == null) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds into the run"));
        plot.add(subplot(samples, "p99 append latency (ms)", Sample::p99Ms, new Color(0x1f77b4)));
        plot.add(subplot(samples, "resident memory (MB)", s -> s.rssMb(), new Color(0xd62728)));
        plot.add(subplot(samples, "of it anonymous (MB)", s -> s.rssAnonMb(), new Color(0xff7f0e)));
        plot.add(subplot(samples, "open files", s -> s.openFiles(), new Color(0x2ca02c)));
        plot.add(subplot(samples, "largest projection lag (events)", s -> s.maxLag(), new Color(0x9467bd)));
        JFreeChart chart = new JFreeChart("Soak: " + samples.size() + " samples", JFreeChart.DEFAULT_TITLE_FONT,
                plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 1100);
    }

    private static XYPlot subplot(List<Sample> samples, String label, java.util.function.ToDoubleFunction<Sample> value,
                                  Color color) {
        XYSeries series = new XYSeries(label);
        samples.forEach(s -> series.add(s.atSeconds(), value.applyAsDouble(s)));
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }
}
