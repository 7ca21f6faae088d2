package dev.ante.bench.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A whole run: where, when, how, and every workload's result, plus notes on what was skipped and why. */
@JsonPropertyOrder({"machine", "mode", "startedAt", "durationSeconds", "command", "workloads", "notes"})
public record Results(Machine machine, String mode, String startedAt, double durationSeconds, String command,
                      List<Workload> workloads, List<String> notes) {

    /** Writes the run as indented JSON to {@code out}, creating its directory. */
    public void writeTo(Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), this);
    }
}
