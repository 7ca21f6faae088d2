package dev.ante.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BackgroundPriorityTest {

    @Test
    void processorsRunLowWhileTheyKeepUpAndBesideTheRequestsWhenBehind() {
        Map<String, Long> lags = Map.of("synergies", 2_000L, "game-summaries", 2_001L);

        assertThat(BackgroundPriority.priority("EventProcessor[synergies]-0", lags)).isEqualTo(Thread.MIN_PRIORITY);
        assertThat(BackgroundPriority.priority("EventProcessor[game-summaries]-0", lags))
                .isEqualTo(Thread.NORM_PRIORITY);
        // A processor not looked at yet has just started: it is behind nothing this instance knows of.
        assertThat(BackgroundPriority.priority("EventProcessor[jokers]-0", lags)).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void theLogReaderRunsLowOnlyWhileEveryProcessorKeepsUp() {
        assertThat(BackgroundPriority.priority("EmbeddedEventStore-0", Map.of("a", 10L, "b", 2_000L)))
                .isEqualTo(Thread.MIN_PRIORITY);
        assertThat(BackgroundPriority.priority("EmbeddedEventStore-0", Map.of("a", 10L, "b", 2_001L)))
                .isEqualTo(Thread.NORM_PRIORITY);
    }

    @Test
    void otherThreadsAreLeftAlone() {
        Map<String, Long> lags = Map.of("synergies", 0L);

        for (String name : new String[] {"http-nio-8080-exec-1", "stream-hub", "wal-apply_0", "H2-serialization",
                "read-model-rebuild-worker", "main"}) {
            assertThat(BackgroundPriority.priority(name, lags)).as(name).isNull();
        }
    }

    @Test
    void theProbeSaysWhatThisJvmAndUserCanDo() throws Exception {
        // Whatever this JVM's options and user, the probe's answer must match what a thread observes.
        int[] nice = new int[3];
        Thread thread = new Thread(() -> {
            try {
                nice[0] = nice();
                Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
                nice[1] = nice();
                Thread.currentThread().setPriority(Thread.NORM_PRIORITY);
                nice[2] = nice();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        boolean lowersAndRaises = nice[1] > nice[0] && nice[2] == 0;

        String answer = BackgroundPriority.probe();

        assertThat(answer == null).as("probe answered %s; nice values %d, %d, %d", answer, nice[0], nice[1], nice[2])
                .isEqualTo(lowersAndRaises);
    }

    @Test
    void withTheShippedJvmOptionsPrioritiesReachTheOperatingSystem() throws Exception {
        List<String> options = Files.readAllLines(Path.of("..", "deploy", "jvm.options")).stream()
                .map(String::trim).filter(line -> line.startsWith("-XX:ThreadPriorityPolicy")
                        || line.startsWith("-XX:JavaPriority")).toList();
        assertThat(options).hasSize(2);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // As root (or with CAP_SYS_NICE) priorities go down and up again; any other user may only lower them,
        // and the platform then leaves them alone. Either way the options are in effect.
        assertThat(output).as(output).containsAnyOf("probe: null", "probe: this user may lower");
    }

    /** Prints the probe's answer in a JVM started with the shipped options. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("probe: " + BackgroundPriority.probe());
        }
    }

    private static int nice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[16]);
    }
}
