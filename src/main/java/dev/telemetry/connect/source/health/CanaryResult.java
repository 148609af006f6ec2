package dev.telemetry.connect.source.health;

/**
 * What the canary measured over one poll: whether its messages were produced, and produce-to-consume latency
 * percentiles in milliseconds (null when nothing came back).
 */
record CanaryResult(boolean produced, int sent, int received, Double p50Ms, Double p99Ms, Double maxMs, String error) {}
