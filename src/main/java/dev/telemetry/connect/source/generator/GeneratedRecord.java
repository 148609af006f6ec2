package dev.telemetry.connect.source.generator;

import org.apache.kafka.connect.data.Struct;

/** One generated telemetry record: its key, its value and its event time (the record timestamp). */
public record GeneratedRecord(String key, Struct value, long timestampMs) {}
