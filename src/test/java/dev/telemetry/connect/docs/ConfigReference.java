package dev.telemetry.connect.docs;

import dev.telemetry.connect.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Renders the configuration reference in docs/configuration.md from the plugins themselves: every connector,
 * transformation and predicate of this bundle that META-INF/services lists (the same lists a worker with
 * plugin.discovery=service_load reads), instantiated, with its {@code config()} rendered as one markdown table per
 * config group.
 */
public final class ConfigReference {

    public static final String START = "<!-- config-reference:start -->";
    public static final String END = "<!-- config-reference:end -->";
    public static final String REGENERATE =
            "mvn -B test -Dtest=ConfigReferenceTest -Ddocs.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    private static final String BUNDLE_PACKAGE = "dev.telemetry.";

    /** A plugin kind: the interface its services file is named after, and the document heading. */
    private record Kind(Class<?> type, String heading) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(SourceConnector.class, "Source connectors"),
            new Kind(SinkConnector.class, "Sink connectors"),
            new Kind(Transformation.class, "Transformations"),
            new Kind(Predicate.class, "Predicates"));

    private ConfigReference() {}

    /** The text between the markers, for the plugins the class path lists. */
    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("\n_Generated from the plugins' `ConfigDef`s by `dev.telemetry.connect.docs.ConfigReference`; "
                        + "do not edit by hand. Regenerate with `")
                .append(REGENERATE)
                .append("`._\n");
        for (Kind kind : KINDS) {
            Map<ConfigDef, List<String>> plugins = pluginsOf(kind.type());
            out.append("\n### ").append(kind.heading()).append("\n");
            if (plugins.isEmpty()) {
                out.append("\nNone in this build.\n");
                continue;
            }
            plugins.forEach((config, classes) -> out.append(renderPlugin(classes, config)));
        }
        return out.toString();
    }

    /**
     * Plugins of one kind from this bundle, sorted by class name; variants that share one ConfigDef (a transform's
     * $Value and $Header) are documented together.
     */
    /** A plugin of this bundle's jar, not one of the test plugins that share its package. */
    private static boolean shipsInTheBundle(Class<?> plugin) {
        return plugin.getName().startsWith(BUNDLE_PACKAGE)
                && plugin.getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .equals(Version.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation());
    }

    private static Map<ConfigDef, List<String>> pluginsOf(Class<?> type) {
        List<Object> instances = new ArrayList<>();
        for (ServiceLoader.Provider<?> provider :
                ServiceLoader.load(type).stream().toList()) {
            if (shipsInTheBundle(provider.type())) {
                instances.add(provider.get());
            }
        }
        instances.sort(Comparator.comparing(instance -> instance.getClass().getName()));
        Map<ConfigDef, List<String>> byConfig = new IdentityHashMap<>();
        Map<ConfigDef, List<String>> ordered = new LinkedHashMap<>();
        for (Object instance : instances) {
            ConfigDef config = configOf(instance);
            List<String> classes = byConfig.computeIfAbsent(config, c -> new ArrayList<>());
            if (classes.isEmpty()) {
                ordered.put(config, classes);
            }
            classes.add(instance.getClass().getName());
        }
        return ordered;
    }

    private static ConfigDef configOf(Object plugin) {
        if (plugin instanceof org.apache.kafka.connect.connector.Connector connector) {
            return connector.config();
        }
        if (plugin instanceof Transformation<?> transformation) {
            return transformation.config();
        }
        if (plugin instanceof Predicate<?> predicate) {
            return predicate.config();
        }
        throw new IllegalArgumentException(
                "Not a Connect plugin: " + plugin.getClass().getName());
    }

    static String renderPlugin(List<String> classNames, ConfigDef config) {
        StringBuilder out = new StringBuilder("\n#### ");
        out.append(classNames.stream()
                .map(name -> "`" + name.substring(name.lastIndexOf('.') + 1) + "`")
                .collect(Collectors.joining(", ")));
        out.append("\n\n");
        out.append(classNames.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", ")))
                .append("\n");
        Map<String, List<ConfigDef.ConfigKey>> groups = groups(config);
        if (groups.isEmpty()) {
            out.append("\nNo configuration keys.\n");
        }
        groups.forEach((group, keys) -> {
            if (groups.size() > 1 || !group.isEmpty()) {
                out.append("\n**").append(group.isEmpty() ? "Other" : group).append("**\n");
            }
            out.append("\n| Key | Type | Default | Valid values | Importance | Description |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (ConfigDef.ConfigKey key : keys) {
                out.append("| `")
                        .append(key.name)
                        .append("` | ")
                        .append(key.type.name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(cell(defaultOf(key)))
                        .append(" | ")
                        .append(cell(validValues(key.validator)))
                        .append(" | ")
                        .append(
                                key.importance == null
                                        ? ""
                                        : key.importance.name().toLowerCase(Locale.ROOT))
                        .append(" | ")
                        .append(cell(key.documentation))
                        .append(" |\n");
            }
        });
        return out.toString();
    }

    /** Keys grouped in ConfigDef's group order, each group in orderInGroup order, ungrouped keys last. */
    private static Map<String, List<ConfigDef.ConfigKey>> groups(ConfigDef config) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        config.groups().forEach(group -> groups.put(group, new ArrayList<>()));
        for (ConfigDef.ConfigKey key : config.configKeys().values()) {
            if (!key.internalConfig) {
                groups.computeIfAbsent(key.group == null ? "" : key.group, g -> new ArrayList<>())
                        .add(key);
            }
        }
        groups.values().removeIf(List::isEmpty);
        groups.values().forEach(keys -> keys.sort(Comparator.comparingInt(key -> key.orderInGroup)));
        return groups;
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "null";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "[hidden]";
        }
        if (key.defaultValue instanceof List<?> list) {
            return list.isEmpty() ? "\"\"" : list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        String text = String.valueOf(key.defaultValue);
        return text.isEmpty() ? "\"\"" : text;
    }

    /** A validator's own description; empty for one without (a lambda's default toString is an identity hash). */
    private static String validValues(ConfigDef.Validator validator) {
        if (validator == null) {
            return "";
        }
        try {
            boolean described = validator.getClass().getMethod("toString").getDeclaringClass() != Object.class;
            return described ? validator.toString() : "";
        } catch (NoSuchMethodException e) {
            return "";
        }
    }

    /** Markdown table cell text: one line, pipes escaped. */
    static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("\r", "").replace("\n", " ").replace("|", "\\|").trim();
    }

    /** Document text with the section between the markers replaced. */
    public static String withReference(String readme, String reference) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("The reference document needs the markers " + START + " and " + END);
        }
        return readme.substring(0, start + START.length()) + reference + readme.substring(end);
    }

    /** The document's current section between the markers. */
    public static String section(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("The reference document needs the markers " + START + " and " + END);
        }
        return readme.substring(start + START.length(), end);
    }

    /** Rewrites the reference section of the given file. */
    public static void update(Path readme) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, withReference(text, render()), StandardCharsets.UTF_8);
    }
}
