package dev.telemetry.connect.source.generator;

import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;

/**
 * The checks of {@code TelemetrySourceConnector}'s configuration across keys, one method per rule: today only the
 * ClassifyEvent rules of the connector's own transform chain.
 */
public final class TelemetrySourceValidator extends ConnectorConfigValidator {

    public TelemetrySourceValidator() {
        super(TelemetrySourceConfig.CONFIG_DEF);
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        ClassifyEventChainValidator.check(validation);
    }
}
