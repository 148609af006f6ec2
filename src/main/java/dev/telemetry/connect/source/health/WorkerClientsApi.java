package dev.telemetry.connect.source.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * The calls of the health source whose API Kafka's clients replaced after 3.9, made with what the worker's clients
 * have. The source runs on the worker's clients (Connect loads every {@code org.apache.kafka} class from the worker),
 * so on a 3.x worker only the older calls exist (docs/metrics.md, "Workers older than 4.1"). Each newer call sits in a
 * method of its own, which the JVM links only when it runs.
 */
final class WorkerClientsApi {

    /** {@code Admin.listGroups}, {@code ListGroupsOptions} and {@code ConsumerGroupDescription.groupState()}: 4.0. */
    static final boolean GROUPS_API = present("org.apache.kafka.clients.admin.ListGroupsOptions");

    /** {@code Consumer.close(CloseOptions)}: 4.1. */
    static final boolean CLOSE_OPTIONS = present("org.apache.kafka.clients.consumer.CloseOptions");

    private WorkerClientsApi() {}

    /** The ids of the cluster's consumer groups (classic and consumer protocol). */
    static List<String> consumerGroupIds(Admin admin, long timeoutMs) {
        List<String> ids = new ArrayList<>();
        if (GROUPS_API) {
            for (GroupListing listing : AdminCalls.await(
                    admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), timeoutMs, "listGroups")) {
                ids.add(listing.groupId());
            }
        } else {
            ids.addAll(consumerGroupIdsBefore40(admin, timeoutMs));
        }
        return ids;
    }

    /** The group's state by name: STABLE, EMPTY, PREPARING_REBALANCE, ... (the same names in both enums). */
    static String groupState(ConsumerGroupDescription description) {
        return GROUPS_API ? description.groupState().name() : stateBefore40(description);
    }

    /** Closes the consumer without waiting for its group to acknowledge. */
    static void closeNow(Consumer<?, ?> consumer) {
        if (CLOSE_OPTIONS) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
        } else {
            closeBefore41(consumer);
        }
    }

    // Kafka 4.0's listGroups replaces it; a 3.x worker's clients have only this one.
    @SuppressWarnings({"deprecation", "removal"})
    private static List<String> consumerGroupIdsBefore40(Admin admin, long timeoutMs) {
        Collection<ConsumerGroupListing> listings =
                AdminCalls.await(admin.listConsumerGroups().all(), timeoutMs, "listConsumerGroups");
        return listings.stream().map(ConsumerGroupListing::groupId).toList();
    }

    // Kafka 4.0's groupState() replaces it.
    @SuppressWarnings({"deprecation", "removal"})
    private static String stateBefore40(ConsumerGroupDescription description) {
        return description.state().name();
    }

    // Kafka 4.1's close(CloseOptions) replaces it.
    @SuppressWarnings({"deprecation", "removal"})
    private static void closeBefore41(Consumer<?, ?> consumer) {
        consumer.close(Duration.ZERO);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, WorkerClientsApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
