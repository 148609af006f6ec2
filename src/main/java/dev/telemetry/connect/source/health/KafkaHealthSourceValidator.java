package dev.telemetry.connect.source.health;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.util.List;
import java.util.Map;

/**
 * The checks of {@code KafkaHealthSourceConnector}'s configuration across keys, one method per rule: the monitored
 * clusters are named one way, their client files are where the worker's operator lets the bundle read, and the
 * ClassifyEvent rules of the connector's own transform chain compile. Built per configuration, since the keys of each
 * cluster in {@code clusters} are defined from that list.
 */
public final class KafkaHealthSourceValidator extends ConnectorConfigValidator {

    private KafkaHealthSourceValidator(List<String> clusterAliases) {
        super(KafkaHealthSourceConfig.configDef(clusterAliases));
    }

    /** The validator of {@code props}, with the keys of each cluster they name. */
    public static KafkaHealthSourceValidator of(Map<String, String> props) {
        return new KafkaHealthSourceValidator(KafkaHealthSourceConfig.clusterAliases(props));
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        clustersAreNamedOneWay(validation);
        if (validation.definedKeysValid()) {
            KafkaHealthSourceConfig config = new KafkaHealthSourceConfig(validation.props());
            OperatorPolicy.ofWorker(validation, KafkaHealthSourceConfig.CLUSTERS_CONFIG)
                    .ifPresent(policy -> clientFilesAreReadable(validation, config, policy));
        }
        ClassifyEventChainValidator.check(validation);
    }

    /** Either the one cluster under kafka.* or the named clusters: with both or neither, which is meant is unclear. */
    static void clustersAreNamedOneWay(ConfigValidation validation) {
        if (!validation.valid(
                KafkaHealthSourceConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaHealthSourceConfig.CLUSTERS_CONFIG)) {
            return;
        }
        boolean single = validation.value(KafkaHealthSourceConfig.BOOTSTRAP_SERVERS_CONFIG) != null;
        Object clusters = validation.value(KafkaHealthSourceConfig.CLUSTERS_CONFIG);
        boolean named = clusters instanceof List<?> list && !list.isEmpty();
        if (single == named) {
            validation.addError(
                    single
                            ? "Name the clusters either with kafka.bootstrap.servers (one) or with clusters (several), "
                                    + "not both"
                            : "Name the cluster to monitor with kafka.bootstrap.servers, or several with clusters",
                    KafkaHealthSourceConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaHealthSourceConfig.CLUSTERS_CONFIG);
        }
    }

    /** Trust stores, key stores and other client files only where the worker's operator lets the bundle read. */
    static void clientFilesAreReadable(
            ConfigValidation validation, KafkaHealthSourceConfig config, OperatorPolicy policy) {
        config.clientFileRefusals(policy.readPaths()).forEach((key, reason) -> validation.addError(reason, key));
    }
}
