package dev.telemetry.connect.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Starts the real in-process KRaft broker and Connect workers that the integration tests run against. */
public final class ConnectClusters {

    private ConnectClusters() {}

    /** A distributed cluster of one broker and {@code workers} workers with exactly-once source support enabled. */
    public static EmbeddedConnectCluster startExactlyOnce(String name, int workers) throws InterruptedException {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("exactly.once.source.support", "enabled");
        return start(name, workers, workerProps);
    }

    public static EmbeddedConnectCluster start(String name, int workers, Map<String, String> extraWorkerProps)
            throws InterruptedException {
        return start(name, workers, extraWorkerProps, Map.of());
    }

    /** As {@link #start(String, int, Map)}, with broker settings added to (or replacing) the defaults here. */
    public static EmbeddedConnectCluster start(
            String name, int workers, Map<String, String> extraWorkerProps, Map<String, String> extraBrokerProps)
            throws InterruptedException {
        Map<String, String> workerProps = new HashMap<>();
        // Service-loader discovery: fast, and proves that META-INF/services lists every plugin.
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        workerProps.putAll(extraWorkerProps);
        Properties brokerProps = new Properties();
        // One broker: transactions (exactly-once source) need their state log to fit on it.
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        brokerProps.putAll(extraBrokerProps);
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name(name)
                .numWorkers(workers)
                .numBrokers(1)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        cluster.start();
        cluster.assertions().assertAtLeastNumWorkersAreUp(workers, "Connect workers did not start in time");
        return cluster;
    }
}
