package dev.ante.bench.results;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A whole run: where, when, how, and every workload's result, plus notes on what was skipped and why. */
@JsonPropertyOrder({"machine", "mode", "startedAt", "durationSeconds", "command", "workloads", "notes"})
public record Results(Machine machine, String mode, String startedAt, double durationSeconds, String command,
                      List<Workload> workloads, List<String> notes) {
}
