package dev.telemetry.connect.source.health;

import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;

/**
 * The checks of {@code KafkaHealthSourceConnector}'s configuration across keys, one method per rule: today only the
 * ClassifyEvent rules of the connector's own transform chain.
 */
public final class KafkaHealthSourceValidator extends ConnectorConfigValidator {

    public KafkaHealthSourceValidator() {
        super(KafkaHealthSourceConfig.CONFIG_DEF);
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        ClassifyEventChainValidator.check(validation);
    }
}
