package dev.telemetry.connect.source.health;

import java.util.Map;

/**
 * One cluster the connector watches: its name in {@code clusters} (null for the one under {@code kafka.*}), and the
 * settings of its own clients with the timeouts of one admin call and of one request.
 */
record MonitoredCluster(
        String name,
        String bootstrapServers,
        Map<String, Object> clientProps,
        long apiTimeoutMs,
        long requestTimeoutMs) {

    MonitoredCluster {
        clientProps = Map.copyOf(clientProps);
    }

    /** How records of this cluster name an entity: as is for the unnamed cluster, else prefixed with the name. */
    String entity(String entity) {
        return name == null ? entity : name + "/" + entity;
    }
}
