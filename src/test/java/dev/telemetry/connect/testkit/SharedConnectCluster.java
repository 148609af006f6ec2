package dev.telemetry.connect.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One in-process KRaft broker and one Connect worker with exactly-once source support (as
 * {@link ConnectClusters#startExactlyOnce}), shared by the integration test classes that run one after another in a
 * Failsafe JVM, instead of a cluster started and stopped per class.
 *
 * <p>A class takes it in {@code @BeforeAll} with {@link #acquire()} and hands it back in {@code @AfterAll} with
 * {@link #release()}, which leaves it as the next class expects a new cluster: every connector stopped, its offsets
 * reset and deleted, every topic the class made (or its connectors made) deleted, and every idle consumer group
 * deleted. A class that needs other broker or worker settings, more workers or brokers, system properties the worker
 * reads at start, or that stops workers or brokers, keeps a cluster of its own ({@link ConnectClusters}).
 *
 * <p>Topic names must be the class's own: the cluster's shared test producer keeps the metadata of a topic another
 * class deleted, and a record for a new topic of the same name can wait on it until its delivery times out.
 */
public final class SharedConnectCluster {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);

    private static EmbeddedConnectCluster cluster;
    /** The topics of the fresh cluster (the worker's own), which {@link #release()} keeps. */
    private static Set<String> ownTopics;

    private static boolean acquired;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(SharedConnectCluster::stop, "stop-shared-connect-cluster"));
    }

    private SharedConnectCluster() {}

    /** The cluster, started on the first call in this JVM; one class holds it at a time. */
    public static synchronized EmbeddedConnectCluster acquire() throws InterruptedException {
        if (acquired) {
            throw new IllegalStateException("The shared cluster is held by another test class; release() it first");
        }
        if (cluster == null) {
            cluster = ConnectClusters.startExactlyOnce("shared-it", 1);
            ownTopics = topics(cluster);
        }
        acquired = true;
        return cluster;
    }

    /**
     * Cleans the cluster up for the next class. If that fails the cluster is stopped, so the next class gets a new one
     * rather than this one's leftovers; the failure is printed, not thrown, since it says nothing about the class.
     */
    public static synchronized void release() {
        if (!acquired) {
            return;
        }
        acquired = false;
        try {
            removeConnectors();
            removeTopicsAndGroups();
        } catch (Exception | AssertionError e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            System.err.println("SharedConnectCluster: cleaning up failed, so the cluster is stopped and the next class"
                    + " starts a new one: " + e);
            stop();
        }
    }

    private static void removeConnectors() throws InterruptedException {
        List<String> connectors = List.copyOf(cluster.connectors());
        // Stopped first, so that no task writes (and so creates a topic) again once the topics are deleted.
        for (String connector : connectors) {
            cluster.stopConnector(connector);
        }
        for (String connector : connectors) {
            cluster.assertions().assertConnectorIsStopped(connector, connector + " did not stop");
            // A later class may name a connector the same: it must start from no offsets (source) and no committed
            // positions (sink's consumer group), as on a new cluster.
            cluster.resetConnectorOffsets(connector);
            cluster.deleteConnector(connector);
            cluster.assertions().assertConnectorDoesNotExist(connector, connector + " was not deleted");
        }
    }

    private static void removeTopicsAndGroups() throws Exception {
        try (Admin admin = cluster.kafka().createAdminClient()) {
            Set<String> made = topics(cluster);
            made.removeAll(ownTopics);
            if (!made.isEmpty()) {
                admin.deleteTopics(made).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                cluster.assertions().assertTopicsDoNotExist(made.toArray(String[]::new));
            }
            Set<String> idleGroups = new HashSet<>();
            for (GroupListing group : admin.listGroups(
                            ListGroupsOptions.forConsumerGroups().inGroupStates(Set.of(GroupState.EMPTY)))
                    .all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                idleGroups.add(group.groupId());
            }
            if (!idleGroups.isEmpty()) {
                admin.deleteConsumerGroups(idleGroups).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static Set<String> topics(EmbeddedConnectCluster connect) {
        try (Admin admin = connect.kafka().createAdminClient()) {
            return new HashSet<>(admin.listTopics().names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list the shared cluster's topics", e);
        }
    }

    private static synchronized void stop() {
        if (cluster != null) {
            EmbeddedConnectCluster running = cluster;
            cluster = null;
            ownTopics = null;
            running.stop();
        }
    }
}
