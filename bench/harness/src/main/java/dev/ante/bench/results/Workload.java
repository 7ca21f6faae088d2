package dev.ante.bench.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured workload as {@code bench/results/latest.json} records it (docs/benchmarks.md). {@code peer},
 * {@code peerValue} and {@code ratio} are set when the same workload ran against Axon's stock engine;
 * {@code ratio} is Ante / peer, inverted for latencies and sizes, so that above 1 always means Ante did
 * better. {@code details} holds whatever else explains the number (rates, counts, targets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "unit", "value", "p50", "p99", "peer", "peerValue", "ratio", "target", "meetsTarget",
    "details"})
public record Workload(String name, String unit, double value, Double p50, Double p99, String peer,
                       Double peerValue, Double ratio, String target, Boolean meetsTarget,
                       Map<String, Object> details) {

    /** Which way is better for a unit. */
    public enum Better {
        HIGHER, LOWER
    }

    public static Workload of(String name, String unit, double value) {
        return new Workload(name, unit, value, null, null, null, null, null, null, null, new LinkedHashMap<>());
    }

    public Workload percentiles(double p50, double p99) {
        return new Workload(name, unit, value, p50, p99, peer, peerValue, ratio, target, meetsTarget, details);
    }

    /** Adds the stock peer's value; the ratio follows from which way is better. */
    public Workload peer(String peerName, double peerResult, Better better) {
        double r = better == Better.HIGHER ? value / peerResult : peerResult / value;
        return new Workload(name, unit, value, p50, p99, peerName, peerResult, Math.round(r * 1000) / 1000.0, target,
                meetsTarget, details);
    }

    /** Records the target (docs/benchmarks.md) and whether the value meets it. */
    public Workload target(String text, boolean met) {
        return new Workload(name, unit, value, p50, p99, peer, peerValue, ratio, text, met, details);
    }

    public Workload detail(String key, Object value) {
        details.put(key, value);
        return this;
    }
}
