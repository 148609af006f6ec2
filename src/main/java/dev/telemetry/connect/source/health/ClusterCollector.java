package dev.telemetry.connect.source.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

/** Brokers and controller of the monitored cluster; an unreachable cluster is a result, not an exception. */
final class ClusterCollector {

    private final Admin admin;
    private final long timeoutMs;

    ClusterCollector(Admin admin, long timeoutMs) {
        this.admin = admin;
        this.timeoutMs = timeoutMs;
    }

    ClusterHealth collect(CanaryResult canary) {
        try {
            DescribeClusterResult cluster = admin.describeCluster();
            String clusterId = AdminCalls.await(cluster.clusterId(), timeoutMs, "describeCluster");
            int brokers = AdminCalls.await(cluster.nodes(), timeoutMs, "describeCluster")
                    .size();
            Node controller = AdminCalls.await(cluster.controller(), timeoutMs, "describeCluster");
            Integer controllerId = controller == null || controller.isEmpty() ? null : controller.id();
            return new ClusterHealth(clusterId, true, null, brokers, controllerId, canary);
        } catch (AdminCalls.AdminCallException e) {
            return ClusterHealth.unreachable(e.getMessage(), canary);
        }
    }
}
