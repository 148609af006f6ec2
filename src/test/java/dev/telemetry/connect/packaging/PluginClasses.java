package dev.telemetry.connect.packaging;

import java.util.List;
import java.util.Map;

/** The bundle's plugins as the brief names them, per Connect plugin interface (the META-INF/services file names). */
final class PluginClasses {

    static final String SOURCE = "dev.telemetry.connect.source.TelemetrySourceConnector";
    static final String SINK = "dev.telemetry.connect.sink.AlertSinkConnector";
    static final List<String> TRANSFORMS = List.of(
            "dev.telemetry.connect.transforms.ClassifyEvent$Value",
            "dev.telemetry.connect.transforms.ClassifyEvent$Key",
            "dev.telemetry.connect.transforms.ClassifyEvent$Header",
            "dev.telemetry.connect.transforms.InsertProcessedTimestamp$Value",
            "dev.telemetry.connect.transforms.InsertProcessedTimestamp$Key",
            "dev.telemetry.connect.transforms.InsertProcessedTimestamp$Header");
    static final String PREDICATE = "dev.telemetry.connect.transforms.predicates.SeverityAtLeast";

    static final Map<String, List<String>> BY_SERVICE = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", List.of(SOURCE),
            "org.apache.kafka.connect.sink.SinkConnector", List.of(SINK),
            "org.apache.kafka.connect.transforms.Transformation", TRANSFORMS,
            "org.apache.kafka.connect.transforms.predicates.Predicate", List.of(PREDICATE));

    private PluginClasses() {}
}
