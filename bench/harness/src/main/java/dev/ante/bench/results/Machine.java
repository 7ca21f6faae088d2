package dev.ante.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine a run measured: cores, memory, JDK and OS, plus the CPU model and the load average when the
 * run started, because a busy shared machine moves every number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Machine(int cores, long memoryBytes, String jdk, String os, String cpu, Double loadAverage) {

    public static Machine current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                cpuModel(), load < 0 ? null : Math.round(load * 100) / 100.0);
    }

    private static String cpuModel() {
        Path cpuInfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuInfo)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(cpuInfo)) {
            return lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
