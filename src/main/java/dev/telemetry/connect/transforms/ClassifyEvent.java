package dev.telemetry.connect.transforms;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.common.config.DeprecatedKeys;
import dev.telemetry.connect.common.metrics.PluginMetricSet;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.SharedKeys;
import dev.telemetry.connect.transforms.condition.RecordActivation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Classifies each record with an ordered list of named rules; the first rule whose condition holds decides the
 * record's severity and category, else the defaults apply. {@link Value} classifies the value and adds the two to it
 * as fields (evolving the schema), {@link Key} does the same with the key, {@link Header} classifies the value and
 * writes headers, leaving the value alone. A null key or value (tombstone) passes through untouched.
 *
 * <p>Conditions are CEL expressions over the fields, compiled once in {@link #configure}; see
 * {@link dev.telemetry.connect.transforms.condition.ConditionCompiler} for numbers and
 * {@link dev.telemetry.connect.transforms.condition.Condition} for missing fields (a rule that reads a missing or null
 * field does not match; it never throws).
 *
 * <p>A condition may build at most ten million characters per record (strings, bytes, joined lists), because rules
 * run inside the shared worker JVM and one runaway expression must not exhaust its heap. At configure time a size
 * estimate, assuming fields of up to 100,000 characters, refuses conditions that multiply a record's size, with the
 * position of the offending call: replace chains whose growth multiplies past the limit (such as
 * {@code 'x'.replace('x', 'xxxxxxxxxx')} ten times over), {@code message.replace(' ', message)} (quadratic), {@code join} with a field as separator, and comprehensions
 * ({@code map}, {@code filter}) that copy a field once per element of a list of unknown length. At run time the same
 * limit is enforced on the actual record: a condition that would exceed it fails that record with a
 * {@link org.apache.kafka.connect.errors.DataException} naming the rule, which Connect handles per the connector's
 * {@code errors.tolerance} (skip and log, dead-letter queue for sinks, or fail the task); it never makes the rule
 * quietly true or false. Comprehensions are also limited to 10,000 iterations and regular expressions to a program
 * size of 5,000 (see {@link dev.telemetry.connect.transforms.condition.ConditionCompiler}).
 *
 * <p>On a worker with plugin metrics it counts records per rule, records no rule matched and evaluation errors, and
 * times each record ({@link ClassifyEventMetrics}).
 */
public abstract class ClassifyEvent<R extends ConnectRecord<R>> implements Transformation<R>, Monitorable {

    public static final String OVERVIEW_DOC = "Classify each record with ordered, named rules (CEL conditions over its "
            + "fields); the first matching rule sets severity and category, else the defaults. Use the concrete "
            + "transformation type designed for the record value (<code>" + Value.class.getName() + "</code>), key "
            + "(<code>" + Key.class.getName() + "</code>) or headers (<code>" + Header.class.getName()
            + "</code>). Per rule: <code>rules.&lt;name&gt;.condition"
            + "</code>, <code>rules.&lt;name&gt;.severity</code>, optional <code>rules.&lt;name&gt;.category</code>.";

    public static final String RULES_CONFIG = "rules";

    public static final ConfigDef CONFIG_DEF = configDef();

    private List<ClassificationRule> rules;
    private Classification fallback;
    private PluginMetricSet pluginMetrics = PluginMetricSet.none();
    private ClassifyEventMetrics metrics = ClassifyEventMetrics.NONE;
    /** Where this variant writes the severity and category: the two field keys, or the two header keys. */
    String severityName;

    String categoryName;

    @Override
    public void configure(Map<String, ?> props) {
        Map<String, ?> translated = deprecatedKeys().translate(props, getClass().getName());
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, translated, false);
        String severityKey = severityKey();
        String categoryKey = categoryKey();
        severityName = config.getString(severityKey).trim();
        categoryName = config.getString(categoryKey).trim();
        if (severityName.equals(categoryName)) {
            throw new ConfigException(categoryKey, categoryName, "Must differ from " + severityKey);
        }
        String defaultCategory =
                config.getString(SharedKeys.DEFAULT_CATEGORY.name()).trim();
        fallback = new Classification(
                Severity.parse(config.getString(SharedKeys.DEFAULT_SEVERITY.name())), defaultCategory);
        rules = ClassificationRules.parse(config.getList(RULES_CONFIG), translated, defaultCategory);
        metrics = new ClassifyEventMetrics(pluginMetrics, rules);
    }

    /** Connect hands the metrics over after {@link #configure}; either order registers them once the rules are known. */
    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        this.pluginMetrics = PluginMetricSet.of(pluginMetrics);
        if (rules != null) {
            metrics = new ClassifyEventMetrics(this.pluginMetrics, rules);
        }
    }

    /** The key naming where the severity goes: severity.field, or severity.header for $Header. */
    abstract String severityKey();

    abstract String categoryKey();

    /** Old key names this variant still accepts. */
    abstract DeprecatedKeys deprecatedKeys();

    @Override
    public R apply(R record) {
        Object operating = operatingValue(record);
        if (operating == null) {
            return record;
        }
        if (!metrics.classifyTime.sample()) {
            return withClassification(record, classify(operating));
        }
        long start = System.nanoTime();
        R classified = withClassification(record, classify(operating));
        metrics.classifyTime.record(System.nanoTime() - start);
        return classified;
    }

    /** The classification of a Struct or Map value; a DataException for any other value. */
    Classification classify(Object value) {
        try {
            RecordActivation activation = RecordActivation.of(value, getClass().getName());
            for (int i = 0; i < rules.size(); i++) {
                ClassificationRule rule = rules.get(i);
                if (rule.matches(activation)) {
                    metrics.matched[i].increment();
                    return rule.classification();
                }
            }
        } catch (DataException e) {
            metrics.evaluationErrors.increment();
            throw e;
        }
        metrics.unmatched.increment();
        return fallback;
    }

    /** What the rules read: the record's key or value. */
    protected abstract Object operatingValue(R record);

    /** Writes the classification into the record. */
    protected abstract R withClassification(R record, Classification classification);

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef()
                .define(
                        RULES_CONFIG,
                        ConfigDef.Type.LIST,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ClassificationRules.NamesValidator(),
                        ConfigDef.Importance.HIGH,
                        "Rule names in evaluation order; the first rule whose condition holds decides. Each rule needs "
                                + "rules.<name>.condition (a CEL expression) and rules.<name>.severity (info, warning, "
                                + "critical); rules.<name>.category is optional.");
        SharedKeys.DEFAULT_SEVERITY.define(def);
        SharedKeys.DEFAULT_CATEGORY.define(def);
        SharedKeys.SEVERITY_FIELD.define(def);
        SharedKeys.CATEGORY_FIELD.define(def);
        SharedKeys.SEVERITY_HEADER.define(def);
        SharedKeys.CATEGORY_HEADER.define(def);
        return def;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {}

    /** The variants that add the severity and category as optional string fields, evolving the schema. */
    abstract static class ClassificationFields<R extends ConnectRecord<R>> extends ClassifyEvent<R> {

        private static final DeprecatedKeys NONE = DeprecatedKeys.renamed();

        private AddedFields addedFields;

        @Override
        String severityKey() {
            return SharedKeys.SEVERITY_FIELD.name();
        }

        @Override
        String categoryKey() {
            return SharedKeys.CATEGORY_FIELD.name();
        }

        @Override
        DeprecatedKeys deprecatedKeys() {
            return NONE;
        }

        @Override
        public void configure(Map<String, ?> props) {
            super.configure(props);
            Map<String, Schema> fields = new LinkedHashMap<>();
            // Optional, so a registry sees a compatible evolution of the original schema.
            fields.put(severityName, Schema.OPTIONAL_STRING_SCHEMA);
            fields.put(categoryName, Schema.OPTIONAL_STRING_SCHEMA);
            addedFields = new AddedFields(fields, getClass().getName());
        }

        @Override
        protected R withClassification(R record, Classification classification) {
            return newRecord(
                    record,
                    addedFields.write(
                            operatingSchema(record),
                            operatingValue(record),
                            classification.severity().wireName(),
                            classification.category()));
        }

        protected abstract Schema operatingSchema(R record);

        protected abstract R newRecord(R record, SchemaAndValue updated);
    }

    /** Classifies the record key and adds the result to it. */
    public static class Key<R extends ConnectRecord<R>> extends ClassificationFields<R> {

        @Override
        protected Schema operatingSchema(R record) {
            return record.keySchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.key();
        }

        @Override
        protected R newRecord(R record, SchemaAndValue updated) {
            return RecordCopies.withKey(record, updated);
        }
    }

    /** Classifies the record value and adds the result to it. */
    public static class Value<R extends ConnectRecord<R>> extends ClassificationFields<R> {

        @Override
        protected Schema operatingSchema(R record) {
            return record.valueSchema();
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R newRecord(R record, SchemaAndValue updated) {
            return RecordCopies.withValue(record, updated);
        }
    }

    /** Writes the severity and category as string headers, replacing headers of the same names. */
    public static class Header<R extends ConnectRecord<R>> extends ClassifyEvent<R> {

        /** Before 0.2 this variant named its headers with the field keys. */
        private static final DeprecatedKeys RENAMED = DeprecatedKeys.renamed(
                SharedKeys.SEVERITY_FIELD.name(),
                SharedKeys.SEVERITY_HEADER.name(),
                SharedKeys.CATEGORY_FIELD.name(),
                SharedKeys.CATEGORY_HEADER.name());

        @Override
        String severityKey() {
            return SharedKeys.SEVERITY_HEADER.name();
        }

        @Override
        String categoryKey() {
            return SharedKeys.CATEGORY_HEADER.name();
        }

        @Override
        DeprecatedKeys deprecatedKeys() {
            return RENAMED;
        }

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R withClassification(R record, Classification classification) {
            Headers headers = record.headers().duplicate();
            headers.remove(severityName)
                    .addString(severityName, classification.severity().wireName());
            headers.remove(categoryName).addString(categoryName, classification.category());
            return RecordCopies.withHeaders(record, headers);
        }
    }
}
