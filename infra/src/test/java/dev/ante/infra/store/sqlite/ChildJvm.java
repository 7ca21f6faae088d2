package dev.ante.infra.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test class's {@code main} in a separate JVM with this JVM's classpath. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Class<?> mainClass, Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .start();
    }
}
