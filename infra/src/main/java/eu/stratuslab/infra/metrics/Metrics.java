package eu.stratuslab.infra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one metrics seam of the cloud (issue 12 item 3): a Micrometer {@link MeterRegistry} that the
 * composition root ({@code cloud}) creates once and hands to the parts that count or time
 * something. Parts that are given nothing use {@link #none()}, whose meters record nothing, so unit
 * tests and embedders need no registry. There is deliberately no static registry: two clouds in one
 * JVM (tests) keep their numbers apart.
 *
 * <p>Meter names are dotted ({@code stratuslab.api.calls}); the Prometheus text format turns them
 * into {@code stratuslab_api_calls_seconds_count} etc. The names are listed in docs/metrics.md and
 * used by {@code conf/grafana-dashboard.json}.
 */
public final class Metrics {
    private static final Metrics NONE = new Metrics(new CompositeMeterRegistry(), null);

    private final MeterRegistry registry;
    private final PrometheusMeterRegistry prometheus;
    // Micrometer's builder-and-register builds and sorts an id and looks it up on every call: a
    // few per cent of the one-proxy's CPU per request (issue 14 item 8). The meters found once are
    // kept here by name and tags; the registry holds the same meters for ever anyway.
    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<MeterKey, Counter> counters = new ConcurrentHashMap<>();

    private record MeterKey(String name, List<String> tags) {
    }

    private Metrics(MeterRegistry registry, PrometheusMeterRegistry prometheus) {
        this.registry = registry;
        this.prometheus = prometheus;
    }

    /** Records nothing: a composite registry without children makes no-op meters. */
    public static Metrics none() {
        return NONE;
    }

    /** A Prometheus registry with the JVM's memory and thread meters bound. */
    public static Metrics prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return new Metrics(registry, registry);
    }

    /** @param m null means {@link #none()} (optional constructor arguments) */
    public static Metrics orNone(Metrics m) {
        return m == null ? NONE : m;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Work that is timed by {@link #time}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * Runs {@code work} and records its duration in the timer {@code name} with {@code tags} plus
     * {@code outcome=ok} or, when it throws, {@code outcome=error}.
     *
     * @param tags key, value, key, value…
     */
    public <T, E extends Exception> T time(String name, Work<T, E> work, String... tags) throws E {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = work.run();
            outcome = "ok";
            return result;
        } finally {
            record(name, System.nanoTime() - start, outcome, tags);
        }
    }

    /** Records {@code nanos} in the timer {@code name} with {@code tags} plus {@code outcome}. */
    public void record(String name, long nanos, String outcome, String... tags) {
        String[] all = Arrays.copyOf(tags, tags.length + 2);
        all[tags.length] = "outcome";
        all[tags.length + 1] = outcome;
        timers.computeIfAbsent(new MeterKey(name, Arrays.asList(all)),
                k -> Timer.builder(name).tags(all).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Adds {@code amount} to the counter {@code name} with {@code tags}. */
    public void count(String name, double amount, String... tags) {
        counters.computeIfAbsent(new MeterKey(name, Arrays.asList(tags.clone())),
                k -> Counter.builder(name).tags(tags).register(registry)).increment(amount);
    }

    /** Whether meters record anything (false for {@link #none()}). */
    public boolean recording() {
        return prometheus != null;
    }

    /** The Prometheus text exposition format (version 0.0.4) of every meter. */
    public String scrape() {
        if (prometheus == null) {
            return "";
        }
        return prometheus.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Override
    public String toString() {
        return prometheus == null ? "Metrics.none" : "Metrics(" + registry.getMeters().size() + " meters)";
    }
}
