package dev.telemetry.connect.transforms;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

import dev.telemetry.connect.Version;
import dev.telemetry.connect.schema.Severity;
import dev.telemetry.connect.schema.TelemetrySchemas;
import dev.telemetry.connect.transforms.condition.RecordActivation;

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
 */
public abstract class ClassifyEvent<R extends ConnectRecord<R>> implements Transformation<R> {

    public static final String OVERVIEW_DOC = "Classify each record with ordered, named rules (CEL conditions over its "
            + "fields); the first matching rule sets severity and category, else the defaults. Use the concrete "
            + "transformation type designed for the record value (<code>" + Value.class.getName() + "</code>), key "
            + "(<code>" + Key.class.getName() + "</code>) or headers (<code>" + Header.class.getName() + "</code>). Per rule: <code>rules.&lt;name&gt;.condition"
            + "</code>, <code>rules.&lt;name&gt;.severity</code>, optional <code>rules.&lt;name&gt;.category</code>.";

    interface ConfigName {
        String RULES = "rules";
        String DEFAULT_SEVERITY = "default.severity";
        String DEFAULT_CATEGORY = "default.category";
        String SEVERITY_FIELD = "severity.field";
        String CATEGORY_FIELD = "category.field";
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(ConfigName.RULES, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                    new ClassificationRules.NamesValidator(), ConfigDef.Importance.HIGH,
                    "Rule names in evaluation order; the first rule whose condition holds decides. Each rule needs "
                            + "rules.<name>.condition (a CEL expression) and rules.<name>.severity (info, warning, "
                            + "critical); rules.<name>.category is optional.")
            .define(ConfigName.DEFAULT_SEVERITY, ConfigDef.Type.STRING, Severity.INFO.wireName(),
                    ConfigDef.CaseInsensitiveValidString.in(Severity.NAMES.toArray(new String[0])),
                    ConfigDef.Importance.MEDIUM, "Severity of a record that no rule matches.")
            .define(ConfigName.DEFAULT_CATEGORY, ConfigDef.Type.STRING, "general", new ConfigDef.NonEmptyString(),
                    ConfigDef.Importance.MEDIUM,
                    "Category of a record that no rule matches, and of a rule without its own category.")
            .define(ConfigName.SEVERITY_FIELD, ConfigDef.Type.STRING, TelemetrySchemas.SEVERITY,
                    new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM,
                    "Name of the field (Key, Value) or header (Header) that receives the severity.")
            .define(ConfigName.CATEGORY_FIELD, ConfigDef.Type.STRING, TelemetrySchemas.CATEGORY,
                    new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM,
                    "Name of the field (Key, Value) or header (Header) that receives the category.");

    private List<ClassificationRule> rules;
    private Classification fallback;
    String severityField;
    String categoryField;

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        severityField = config.getString(ConfigName.SEVERITY_FIELD).trim();
        categoryField = config.getString(ConfigName.CATEGORY_FIELD).trim();
        if (severityField.equals(categoryField)) {
            throw new ConfigException(ConfigName.CATEGORY_FIELD, categoryField,
                    "Must differ from " + ConfigName.SEVERITY_FIELD);
        }
        String defaultCategory = config.getString(ConfigName.DEFAULT_CATEGORY).trim();
        fallback = new Classification("default", Severity.parse(config.getString(ConfigName.DEFAULT_SEVERITY)),
                defaultCategory);
        rules = ClassificationRules.parse(config.getList(ConfigName.RULES), props, defaultCategory);
    }

    @Override
    public R apply(R record) {
        Object operating = operatingValue(record);
        if (operating == null) {
            return record;
        }
        return withClassification(record, classify(operating));
    }

    /** The classification of a Struct or Map value; a DataException for any other value. */
    Classification classify(Object value) {
        RecordActivation activation = RecordActivation.of(value, getClass().getName());
        for (ClassificationRule rule : rules) {
            if (rule.matches(activation)) {
                return rule.classification();
            }
        }
        return fallback;
    }

    /** What the rules read: the record's key or value. */
    protected abstract Object operatingValue(R record);

    /** Writes the classification into the record. */
    protected abstract R withClassification(R record, Classification classification);

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void close() {
    }

    /** The variants that add the severity and category as optional string fields, evolving the schema. */
    abstract static class Fields<R extends ConnectRecord<R>> extends ClassifyEvent<R> {

        private AddedFields addedFields;

        @Override
        public void configure(Map<String, ?> props) {
            super.configure(props);
            Map<String, Schema> fields = new LinkedHashMap<>();
            // Optional, so a registry sees a compatible evolution of the original schema.
            fields.put(severityField, Schema.OPTIONAL_STRING_SCHEMA);
            fields.put(categoryField, Schema.OPTIONAL_STRING_SCHEMA);
            addedFields = new AddedFields(fields, getClass().getName());
        }

        @Override
        protected R withClassification(R record, Classification classification) {
            return newRecord(record, addedFields.write(operatingSchema(record), operatingValue(record),
                    classification.severity().wireName(), classification.category()));
        }

        protected abstract Schema operatingSchema(R record);

        protected abstract R newRecord(R record, SchemaAndValue updated);
    }

    /** Classifies the record key and adds the result to it. */
    public static class Key<R extends ConnectRecord<R>> extends Fields<R> {

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
            return record.newRecord(record.topic(), record.kafkaPartition(), updated.schema(), updated.value(),
                    record.valueSchema(), record.value(), record.timestamp(), record.headers());
        }
    }

    /** Classifies the record value and adds the result to it. */
    public static class Value<R extends ConnectRecord<R>> extends Fields<R> {

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
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    updated.schema(), updated.value(), record.timestamp(), record.headers());
        }
    }

    /** Writes the severity and category as string headers, replacing headers of the same names. */
    public static class Header<R extends ConnectRecord<R>> extends ClassifyEvent<R> {

        @Override
        protected Object operatingValue(R record) {
            return record.value();
        }

        @Override
        protected R withClassification(R record, Classification classification) {
            Headers headers = record.headers().duplicate();
            headers.remove(severityField).addString(severityField, classification.severity().wireName());
            headers.remove(categoryField).addString(categoryField, classification.category());
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    record.valueSchema(), record.value(), record.timestamp(), headers);
        }
    }
}
