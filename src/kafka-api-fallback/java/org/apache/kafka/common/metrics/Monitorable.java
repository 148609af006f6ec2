package org.apache.kafka.common.metrics;

/**
 * Stand-in for Kafka 4.1's {@code Monitorable} (KIP-877), shipped in the archive's own fallback jar so that the bundle's
 * transformations and predicate, which implement it, load on a worker older than 4.1. A worker's plugin class loader
 * asks its parent first for every {@code org.apache.kafka} class, so a 4.1 or later worker always uses its own
 * interface, and calls {@link #withPluginMetrics}; an older one finds only this one, and never calls it.
 * Compiled on its own (src/kafka-api-fallback), never into the plugin jar; the signature is Kafka's public API.
 */
public interface Monitorable {

    /** Kafka hands the plugin its metrics registry once, after configure. */
    void withPluginMetrics(PluginMetrics metrics);
}
