package dev.ante.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a flight recording of the platform over a time window: where CPU samples
 * ({@code jdk.ExecutionSample}) fall by thread group, by code area and by method, plus GC pauses and CPU
 * load — what {@code jfr print --events jdk.ExecutionSample} shows, counted.
 */
public final class JfrSummary {

    private JfrSummary() {
    }

    /** Prints the summary of a recording's whole duration: {@code JfrSummary <file.jfr> [top]}. */
    public static void main(String[] args) throws IOException {
        System.out.print(summarize(Path.of(args[0]), Instant.EPOCH, Instant.now(),
                args.length > 1 ? Integer.parseInt(args[1]) : 15));
    }

    public static String summarize(Path recording, Instant from, Instant to, int top) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> byArea = new HashMap<>();
        Map<String, Integer> byMethod = new HashMap<>();
        Map<String, Integer> requestAreas = new HashMap<>();
        Map<String, Integer> requestMethods = new HashMap<>();
        int requestSamples = 0;
        int samples = 0;
        long gcPauseNanos = 0;
        int gcs = 0;
        double machineLoad = 0;
        double jvmLoad = 0;
        int loads = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = e.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    String thread = threadGroup(e.getThread("sampledThread").getJavaName());
                    byThread.merge(thread, 1, Integer::sum);
                    byArea.merge(area(stack.getFrames()), 1, Integer::sum);
                    byMethod.merge(methodWithCaller(stack.getFrames()), 1, Integer::sum);
                    if (thread.startsWith("http-nio")) {
                        requestSamples++;
                        requestAreas.merge(area(stack.getFrames()), 1, Integer::sum);
                        requestMethods.merge(methodWithCaller(stack.getFrames()), 1, Integer::sum);
                    }
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPauseNanos += e.getDuration("sumOfPauses").toNanos();
                }
                case "jdk.CPULoad" -> {
                    machineLoad += e.getFloat("machineTotal");
                    jvmLoad += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                    loads++;
                }
                default -> {
                    // not summarised
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d CPU samples over %.1f s", samples,
                Duration.between(from, to).toMillis() / 1000.0));
        if (loads > 0) {
            out.append(String.format(Locale.ROOT, "; CPU load: platform %.0f%%, whole machine %.0f%%",
                    100 * jvmLoad / loads, 100 * machineLoad / loads));
        }
        out.append(String.format(Locale.ROOT, "; %d GCs, %.0f ms paused%n", gcs, gcPauseNanos / 1e6));
        section(out, "by thread", byThread, samples, top);
        section(out, "by code area (first frame outside the JDK)", byArea, samples, top);
        section(out, "by method on top of the stack (with its first caller outside the JDK)", byMethod, samples, top);
        if (requestSamples > 0) {
            out.append(String.format(Locale.ROOT, "%nrequest threads (http-nio), %d samples:%n", requestSamples));
            section(out, "  by code area", requestAreas, requestSamples, top);
            section(out, "  by method", requestMethods, requestSamples, top);
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Map<String, Integer> counts, int total, int top) {
        out.append('\n').append(title).append(":\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> out.append(String.format(Locale.ROOT, "  %5.1f%%  %s%n",
                        100.0 * en.getValue() / Math.max(1, total), en.getKey())));
    }

    /** The top frame's method and, when it is JDK code, the first caller outside the JDK. */
    static String methodWithCaller(List<RecordedFrame> frames) {
        String top = name(frames.get(0));
        if (!isJdk(frames.get(0).getMethod().getType().getName())) {
            return top;
        }
        for (RecordedFrame frame : frames) {
            if (!isJdk(frame.getMethod().getType().getName())) {
                return top + "  <-  " + name(frame);
            }
        }
        return top;
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("javax.") || type.startsWith("com.sun.");
    }

    /** Thread names without their numbers, so that pools read as one line. */
    static String threadGroup(String name) {
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    /** The code area of a sample: the package family of the first frame that is not JDK code. */
    static String area(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!isJdk(type)) {
                return areaOf(type);
            }
        }
        return "JDK only";
    }

    private static String areaOf(String type) {
        String[][] areas = {
            {"org.sqlite.", "SQLite (sqlite-jdbc, JNI)"},
            {"com.zaxxer.hikari.", "HikariCP"},
            {"com.fasterxml.jackson.", "Jackson"},
            {"org.axonframework.", "Axon"},
            {"org.apache.tomcat.", "Tomcat"},
            {"org.apache.catalina.", "Tomcat"},
            {"org.apache.coyote.", "Tomcat"},
            {"org.springframework.security.", "Spring Security"},
            {"org.springframework.", "Spring"},
            {"io.micrometer.", "Micrometer"},
            {"org.h2.", "H2 (read models, tokens)"},
            {"io.questdb.", "QuestDB"},
            {"org.flywaydb.", "Flyway"},
            {"ch.qos.logback.", "Logback"},
            {"org.slf4j.", "SLF4J"},
            {"dev.ante.api.", "Ante API"},
            {"dev.ante.projections.", "Ante projections"},
            {"dev.ante.infra.", "Ante infra"},
            {"dev.ante.domain.", "Ante domain"},
        };
        for (String[] area : areas) {
            if (type.startsWith(area[0])) {
                return area[1];
            }
        }
        int dot = type.indexOf('.', type.indexOf('.') + 1);
        return dot < 0 ? type : type.substring(0, dot);
    }
}
