package dev.telemetry.connect.source.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;

/** On the Kafka clients the plugin compiles against, the newer calls are the ones made (the older: Kafka39WorkerIT). */
class WorkerClientsApiTest {

    @Test
    void kafka43ClientsHaveTheGroupsApiAndCloseOptions() {
        assertThat(WorkerClientsApi.GROUPS_API).isTrue();
        assertThat(WorkerClientsApi.CLOSE_OPTIONS).isTrue();
    }

    @Test
    void groupStateIsTheStatesName() {
        ConsumerGroupDescription description = new ConsumerGroupDescription(
                "orders",
                false,
                List.of(),
                "range",
                GroupType.CLASSIC,
                GroupState.PREPARING_REBALANCE,
                new Node(1, "127.0.0.1", 9092),
                Set.of(),
                Optional.empty(),
                Optional.empty());
        assertThat(WorkerClientsApi.groupState(description)).isEqualTo("PREPARING_REBALANCE");
    }
}
