package dev.telemetry.connect.docs;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.SharedKey;
import dev.telemetry.connect.schema.SharedKeys;
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
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Renders the configuration reference from the plugins themselves: every connector, transformation and predicate of
 * this bundle that META-INF/services lists (the same lists a worker with plugin.discovery=service_load reads),
 * instantiated, with its {@code config()} rendered as one markdown table per config group. Each plugin's keys go into
 * its own page in docs/ (see {@link #PAGES}); docs/configuration.md holds the index of plugins and pages, and the
 * table of the keys several plugins share ({@link SharedKeys}) with the plugins that take each.
 */
public final class ConfigReference {

    public static final String START = "<!-- config-reference:start -->";
    public static final String END = "<!-- config-reference:end -->";
    /** The markers of the shared keys' table in docs/configuration.md. */
    public static final String SHARED_START = "<!-- shared-keys:start -->";

    public static final String SHARED_END = "<!-- shared-keys:end -->";
    public static final String REGENERATE =
            "./mvnw -B test -Dtest=ConfigReferenceTest -Ddocs.update=true -Dsurefire.failIfNoSpecifiedTests=false";

    public static final Path INDEX = Path.of("docs", "configuration.md");

    private static final String BUNDLE_PACKAGE = "dev.telemetry.";

    /**
     * A plugin's page in docs/ and the plugin it documents, named by its simple class name without the variant
     * ({@code ClassifyEvent} covers {@code ClassifyEvent$Value}, {@code $Key} and {@code $Header}), so moving a class
     * to another package does not move its page.
     */
    public record Page(Path file, String plugin) {
        Page(String file, String plugin) {
            this(Path.of("docs", file), plugin);
        }

        /** The page's link relative to docs/. */
        String link() {
            return file.getFileName().toString();
        }
    }

    public static final List<Page> PAGES = List.of(
            new Page("telemetry-source.md", "TelemetrySourceConnector"),
            new Page("log-file-source.md", "LogFileSourceConnector"),
            new Page("metrics-scrape-source.md", "MetricsScrapeSourceConnector"),
            new Page("kafka-health-source.md", "KafkaHealthSourceConnector"),
            new Page("alert-sink.md", "AlertSinkConnector"),
            new Page("classify-event.md", "ClassifyEvent"),
            new Page("insert-processed-timestamp.md", "InsertProcessedTimestamp"),
            new Page("severity-at-least.md", "SeverityAtLeast"));

    /** A plugin kind: the interface its services file is named after, and its name in the index. */
    private record Kind(Class<?> type, String name) {}

    private static final List<Kind> KINDS = List.of(
            new Kind(SourceConnector.class, "source connector"),
            new Kind(SinkConnector.class, "sink connector"),
            new Kind(Transformation.class, "transformation"),
            new Kind(Predicate.class, "predicate"));

    /** The plugins of one kind that share a ConfigDef (a transform's $Value, $Key and $Header). */
    private record Plugin(Kind kind, List<String> classNames, ConfigDef config) {
        String baseName() {
            return pluginName(classNames.get(0));
        }
    }

    private ConfigReference() {}

    /** The simple class name without the variant: {@code ClassifyEvent} for {@code a.b.ClassifyEvent$Value}. */
    static String pluginName(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int variant = simple.indexOf('$');
        return variant < 0 ? simple : simple.substring(0, variant);
    }

    /** The page documenting the given plugin class, if any. */
    public static Optional<Page> pageOf(String className) {
        String name = pluginName(className);
        return PAGES.stream().filter(page -> page.plugin().equals(name)).findFirst();
    }

    /** The text between the markers of a plugin's page. */
    public static String render(Page page) {
        List<Plugin> documented = plugins().stream()
                .filter(plugin -> plugin.baseName().equals(page.plugin()))
                .toList();
        if (documented.isEmpty()) {
            throw new IllegalStateException(page.file() + " documents " + page.plugin()
                    + ", which is not a plugin of this bundle's META-INF/services");
        }
        StringBuilder out = new StringBuilder(generatedNote());
        documented.forEach(plugin -> out.append(renderPlugin(plugin.classNames(), plugin.config())));
        return out.toString();
    }

    /** The text between the markers of docs/configuration.md: every plugin, its classes and its page. */
    public static String renderIndex() {
        StringBuilder out = new StringBuilder(generatedNote());
        out.append("\n| Plugin | Kind | Classes | Keys | Page |\n|---|---|---|---|---|\n");
        for (Plugin plugin : plugins()) {
            String page = pageOf(plugin.classNames().get(0))
                    .map(p -> "[" + p.link() + "](" + p.link() + ")")
                    .orElseThrow(() -> new IllegalStateException(
                            plugin.classNames().get(0) + " has no page in docs/: add it to ConfigReference.PAGES"));
            out.append("| `")
                    .append(plugin.baseName())
                    .append("` | ")
                    .append(plugin.kind().name())
                    .append(" | ")
                    .append(plugin.classNames().stream()
                            .map(name -> "`" + name + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(visibleKeys(plugin.config()).size())
                    .append(" | ")
                    .append(page)
                    .append(" |\n");
        }
        return out.toString();
    }

    /**
     * The text between the shared-keys markers of docs/configuration.md: every {@link SharedKeys} key with its shared
     * default and documentation, and the plugins that take it (with their own default where it differs).
     */
    public static String renderSharedKeys() {
        StringBuilder out = new StringBuilder("\n_Generated from `dev.telemetry.connect.schema.SharedKeys` and the "
                + "plugins' `ConfigDef`s by `dev.telemetry.connect.docs.ConfigReference`; do not edit by hand. "
                + "Regenerate with `" + REGENERATE + "`._\n");
        out.append("\n| Key | Type | Default | Used by | Description |\n|---|---|---|---|---|\n");
        Map<String, ConfigDef> configs = pluginConfigs();
        for (SharedKey shared : SharedKeys.ALL) {
            String sharedDefault = defaultOf(configKey(shared));
            List<String> users = new ArrayList<>();
            configs.forEach((plugin, config) -> {
                ConfigDef.ConfigKey key = config.configKeys().get(shared.name());
                if (key != null) {
                    String own = defaultOf(key);
                    users.add("`" + plugin + "`" + ownDefault(own, sharedDefault));
                }
            });
            out.append("| `")
                    .append(shared.name())
                    .append("` | ")
                    .append(shared.type().name().toLowerCase(Locale.ROOT))
                    .append(" | ")
                    .append(cell(sharedDefault))
                    .append(" | ")
                    .append(String.join(", ", users))
                    .append(" | ")
                    .append(cell(shared.documentation()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String ownDefault(String own, String sharedDefault) {
        if (own.equals(sharedDefault)) {
            return "";
        }
        return own.equals("(required)") ? " (required)" : " (default " + own + ")";
    }

    /** Every plugin of this bundle by name (the variants of a transform share one), with its ConfigDef. */
    public static Map<String, ConfigDef> pluginConfigs() {
        Map<String, ConfigDef> configs = new LinkedHashMap<>();
        plugins().forEach(plugin -> configs.put(plugin.baseName(), plugin.config()));
        return configs;
    }

    /** The key as ConfigDef parses it, for its rendered default. */
    private static ConfigDef.ConfigKey configKey(SharedKey shared) {
        return shared.define(new ConfigDef()).configKeys().get(shared.name());
    }

    private static String generatedNote() {
        return "\n_Generated from the plugins' `ConfigDef`s by `dev.telemetry.connect.docs.ConfigReference`; "
                + "do not edit by hand. Regenerate with `" + REGENERATE + "`._\n";
    }

    /**
     * Every plugin of this bundle, by kind, then sorted by class name; variants that share one ConfigDef are one
     * plugin.
     */
    private static List<Plugin> plugins() {
        List<Plugin> plugins = new ArrayList<>();
        for (Kind kind : KINDS) {
            pluginsOf(kind.type()).forEach((config, classes) -> plugins.add(new Plugin(kind, classes, config)));
        }
        return plugins;
    }

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
        StringBuilder out = new StringBuilder("\n### ");
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

    private static List<ConfigDef.ConfigKey> visibleKeys(ConfigDef config) {
        return config.configKeys().values().stream()
                .filter(key -> !key.internalConfig)
                .toList();
    }

    /** Keys grouped in ConfigDef's group order, each group in orderInGroup order, ungrouped keys last. */
    private static Map<String, List<ConfigDef.ConfigKey>> groups(ConfigDef config) {
        Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
        config.groups().forEach(group -> groups.put(group, new ArrayList<>()));
        for (ConfigDef.ConfigKey key : visibleKeys(config)) {
            groups.computeIfAbsent(key.group == null ? "" : key.group, g -> new ArrayList<>())
                    .add(key);
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
    public static String withReference(String document, String reference) {
        return withSection(document, START, END, reference);
    }

    /** The document's current section between the markers. */
    public static String section(String document) {
        return section(document, START, END);
    }

    /** Document text with the section between {@code start} and {@code end} replaced. */
    public static String withSection(String document, String start, String end, String text) {
        int from = document.indexOf(start);
        int to = document.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("The reference document needs the markers " + start + " and " + end);
        }
        return document.substring(0, from + start.length()) + text + document.substring(to);
    }

    /** The document's current section between {@code start} and {@code end}. */
    public static String section(String document, String start, String end) {
        int from = document.indexOf(start);
        int to = document.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("The reference document needs the markers " + start + " and " + end);
        }
        return document.substring(from + start.length(), to);
    }

    /** Rewrites the reference section of every plugin page, and the index and shared keys of docs/configuration.md. */
    public static void updateAll() throws IOException {
        for (Page page : PAGES) {
            update(page.file(), render(page));
        }
        update(INDEX, renderIndex());
        String index = Files.readString(INDEX, StandardCharsets.UTF_8);
        Files.writeString(
                INDEX, withSection(index, SHARED_START, SHARED_END, renderSharedKeys()), StandardCharsets.UTF_8);
    }

    private static void update(Path file, String reference) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, withReference(text, reference), StandardCharsets.UTF_8);
    }
}
