package dev.telemetry.connect.common.access;

import dev.telemetry.connect.common.config.ConfigValidation;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the worker's operator lets the bundle's plugins reach: directories to read, directories to write, networks to
 * call. It is read from the worker's JVM system properties or, failing those, its environment, which nobody who can
 * only use the Connect REST API can change (KIP-993's {@code allowed.paths} does the same for FileConfigProvider, in
 * the worker's own config). Each value is a comma-separated list; an unset or empty value keeps the safe default of
 * {@link PathAllowList} and {@link NetworkAllowList}.
 */
public final class OperatorPolicy {

    public static final String READ_PATHS_PROPERTY = "telemetry.allowed.read.paths";
    public static final String WRITE_PATHS_PROPERTY = "telemetry.allowed.write.paths";
    public static final String NETWORKS_PROPERTY = "telemetry.allowed.networks";

    private final PathAllowList readPaths;
    private final PathAllowList writePaths;
    private final NetworkAllowList networks;

    private OperatorPolicy(PathAllowList readPaths, PathAllowList writePaths, NetworkAllowList networks) {
        this.readPaths = readPaths;
        this.writePaths = writePaths;
        this.networks = networks;
    }

    /** The policy the worker runs with now: system properties first, then environment variables. */
    public static OperatorPolicy ofWorker() {
        Map<String, String> env = System.getenv();
        return of(name -> {
            String property = System.getProperty(name);
            return property != null ? property : env.get(environmentName(name));
        });
    }

    /**
     * The worker's policy for a connector validator's rule, or empty after adding to {@code key} why the operator's
     * setting cannot be read: validation then answers with an error, not a failed request.
     */
    public static Optional<OperatorPolicy> ofWorker(ConfigValidation validation, String key) {
        try {
            return Optional.of(ofWorker());
        } catch (IllegalStateException e) {
            validation.addError("The worker's operator policy cannot be read: " + e.getMessage(), key);
            return Optional.empty();
        }
    }

    /**
     * The policy from the given settings, looked up by property name.
     *
     * @throws IllegalStateException naming the setting when a value cannot be parsed: a worker with a broken policy
     *     must not fall back to a more open one
     */
    static OperatorPolicy of(Function<String, String> settings) {
        return new OperatorPolicy(
                new PathAllowList(describe(READ_PATHS_PROPERTY), paths(READ_PATHS_PROPERTY, settings)),
                new PathAllowList(describe(WRITE_PATHS_PROPERTY), paths(WRITE_PATHS_PROPERTY, settings)),
                new NetworkAllowList(
                        describe(NETWORKS_PROPERTY), ranges(NETWORKS_PROPERTY, settings), InetAddress::getAllByName));
    }

    /** The environment variable that sets a property when the system property is unset. */
    public static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public PathAllowList readPaths() {
        return readPaths;
    }

    public PathAllowList writePaths() {
        return writePaths;
    }

    public NetworkAllowList networks() {
        return networks;
    }

    private static String describe(String property) {
        return property + " (-D" + property + " or " + environmentName(property) + " on the worker)";
    }

    private static List<Path> paths(String property, Function<String, String> settings) {
        List<Path> paths = new ArrayList<>();
        for (String entry : entries(property, settings)) {
            Path path = Path.of(entry);
            if (!path.isAbsolute()) {
                throw new IllegalStateException(property + " lists '" + entry + "', which is not an absolute path");
            }
            paths.add(path);
        }
        return paths;
    }

    private static List<AddressRange> ranges(String property, Function<String, String> settings) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : entries(property, settings)) {
            try {
                ranges.add(AddressRange.parse(entry));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + ": " + e.getMessage(), e);
            }
        }
        return ranges;
    }

    private static List<String> entries(String property, Function<String, String> settings) {
        String value = settings.apply(property);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }
}
