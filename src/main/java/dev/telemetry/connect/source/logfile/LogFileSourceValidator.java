package dev.telemetry.connect.source.logfile;

import static dev.telemetry.connect.source.logfile.LogFileSourceConfig.FILES_CONFIG;
import static dev.telemetry.connect.source.logfile.LogFileSourceConfig.FORMAT_CONFIG;
import static dev.telemetry.connect.source.logfile.LogFileSourceConfig.REGEX_PATTERN_CONFIG;
import static dev.telemetry.connect.source.logfile.LogFileSourceConfig.REGEX_PRESET_CONFIG;

import dev.telemetry.connect.common.access.OperatorPolicy;
import dev.telemetry.connect.common.config.ConfigValidation;
import dev.telemetry.connect.common.config.ConnectorConfigValidator;
import dev.telemetry.connect.transforms.ClassifyEventChainValidator;
import java.nio.file.Path;
import java.util.List;

/** The checks of {@code LogFileSourceConnector}'s configuration across keys, one method per rule. */
public final class LogFileSourceValidator extends ConnectorConfigValidator {

    public LogFileSourceValidator() {
        super(LogFileSourceConfig.CONFIG_DEF);
    }

    @Override
    protected void checkAcrossKeys(ConfigValidation validation) {
        regexFormatHasOnePattern(validation);
        OperatorPolicy.ofWorker(validation, FILES_CONFIG).ifPresent(policy -> filesAreAllowed(validation, policy));
        ClassifyEventChainValidator.check(validation);
    }

    /** format=regex needs exactly one of regex.preset and regex.pattern. */
    static void regexFormatHasOnePattern(ConfigValidation validation) {
        if (!validation.valid(FORMAT_CONFIG, REGEX_PRESET_CONFIG, REGEX_PATTERN_CONFIG)
                || !LogFormat.REGEX
                        .wireName()
                        .equalsIgnoreCase(
                                validation.value(FORMAT_CONFIG).toString().trim())) {
            return;
        }
        boolean preset = !text(validation, REGEX_PRESET_CONFIG).isBlank();
        boolean pattern = !text(validation, REGEX_PATTERN_CONFIG).isEmpty();
        if (!preset && !pattern) {
            validation.addError(
                    "format=regex needs " + REGEX_PATTERN_CONFIG + " or " + REGEX_PRESET_CONFIG + " (one of "
                            + RegexPreset.NAMES + ")",
                    REGEX_PATTERN_CONFIG,
                    REGEX_PRESET_CONFIG);
        } else if (preset && pattern) {
            validation.addError(
                    "Set either " + REGEX_PATTERN_CONFIG + " or " + REGEX_PRESET_CONFIG + ", not both",
                    REGEX_PATTERN_CONFIG,
                    REGEX_PRESET_CONFIG);
        }
    }

    /**
     * Each glob's fixed directory (a literal file: the file) must be one the worker's operator lets the bundle read;
     * each file a glob matches is checked again, links resolved, when it is opened.
     */
    static void filesAreAllowed(ConfigValidation validation, OperatorPolicy policy) {
        if (!(validation.value(FILES_CONFIG) instanceof List<?> globs)) {
            return;
        }
        for (Object glob : globs) {
            FileGlob parsed;
            try {
                parsed = FileGlob.parse(glob.toString());
            } catch (IllegalArgumentException e) {
                continue; // The key's own validator reports it.
            }
            Path checked = parsed.literal() ? Path.of(glob.toString().trim()) : parsed.baseDirectory();
            policy.readPaths()
                    .refusal(checked)
                    .ifPresent(reason -> validation.addError("Glob '" + glob + "': " + reason, FILES_CONFIG));
        }
    }

    private static String text(ConfigValidation validation, String key) {
        Object value = validation.value(key);
        return value == null ? "" : value.toString();
    }
}
