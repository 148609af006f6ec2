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
 * <p>The cluster stops when the test session ends ({@link SharedConnectClusterSessionListener}), not in a JVM
 * shutdown hook, whose wait Surefire cut short by killing the fork after 30 s.
 *
 * <p>Topic names must be the class's own: the cluster's shared test producer keeps the metadata of a topic another
 * class deleted, and a record for a new topic of the same name can wait on it until its delivery times out.
 */
public final class SharedConnectCluster {

    private static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(60);
    /**
     * How long the end of the test session waits for the cluster to stop. Past it the stop goes on in a daemon thread
     * and the JVM exits without it: nothing outlives the JVM (the broker and worker are in it), and Surefire would
     * otherwise kill the fork after its own 30 s.
     */
    private static final long STOP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(15);

    private static EmbeddedConnectCluster cluster;
    /** The topics of the fresh cluster (the worker's own), which {@link #release()} keeps. */
    private static Set<String> ownTopics;

    private static boolean acquired;

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

    /**
     * Stops the cluster, if one runs, waiting at most {@link #STOP_TIMEOUT_MS}; called once the test session ends
     * ({@link SharedConnectClusterSessionListener}), so that the JVM exits at once after its last class.
     */
    static void stopAtSessionEnd() throws InterruptedException {
        Thread stopping = new Thread(SharedConnectCluster::stop, "stop-shared-connect-cluster");
        stopping.setDaemon(true);
        stopping.start();
        stopping.join(STOP_TIMEOUT_MS);
        if (stopping.isAlive()) {
            System.err.println("SharedConnectCluster: the cluster did not stop within " + STOP_TIMEOUT_MS
                    + " ms; the JVM exits without waiting for it");
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
