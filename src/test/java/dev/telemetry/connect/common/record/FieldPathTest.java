package dev.telemetry.connect.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FieldPathTest {

    private static final Schema ITEM =
            SchemaBuilder.struct().field("price", Schema.FLOAT64_SCHEMA).build();
    private static final Schema ORDER = SchemaBuilder.struct()
            .field("id", Schema.STRING_SCHEMA)
            .field("items", SchemaBuilder.array(ITEM).build())
            .field(
                    "meta",
                    SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA)
                            .build())
            .build();

    private static Struct order() {
        return new Struct(ORDER)
                .put("id", "o-1")
                .put("items", List.of(new Struct(ITEM).put("price", 9.5), new Struct(ITEM).put("price", 20.0)))
                .put("meta", Map.of("region", "eu"));
    }

    @Test
    void readsStructsMapsAndListIndexesAlike() {
        Struct struct = order();
        Map<String, Object> map = Map.of(
                "id",
                "o-1",
                "items",
                List.of(Map.of("price", 9.5), Map.of("price", 20.0)),
                "meta",
                Map.of("region", "eu"));
        for (Object root : List.of(struct, map)) {
            assertThat(FieldPath.parse("k", "id").read(root)).isEqualTo("o-1");
            assertThat(FieldPath.parse("k", "items.1.price").read(root)).isEqualTo(20.0);
            assertThat(FieldPath.parse("k", "meta.region").read(root)).isEqualTo("eu");
            assertThat(FieldPath.read(root, "items.0.price"))
                    .as("the run-time reader agrees")
                    .isEqualTo(9.5);
        }
    }

    @Test
    void aPathThatRunsOutReadsNull() {
        Struct struct = order();
        assertThat(FieldPath.parse("k", "nope").read(struct)).isNull();
        assertThat(FieldPath.parse("k", "items.2.price").read(struct))
                .as("index out of range")
                .isNull();
        assertThat(FieldPath.parse("k", "items.x").read(struct))
                .as("not an index")
                .isNull();
        assertThat(FieldPath.parse("k", "id.length").read(struct))
                .as("through a string")
                .isNull();
        assertThat(FieldPath.parse("k", "id").read(null)).isNull();
        assertThat(FieldPath.read(struct, "meta.nope.deeper")).isNull();
    }

    @Test
    void malformedPathsAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> FieldPath.parse("event.time.field", "a..b"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("event.time.field");
        assertThatThrownBy(() -> FieldPath.parse("event.time.field", " "))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must not be empty");
    }

    @Test
    void lastHeaderWins() {
        org.apache.kafka.connect.source.SourceRecord record =
                new org.apache.kafka.connect.source.SourceRecord(null, null, "t", null, null);
        record.headers().addString("severity", "info").addString("severity", "critical");
        assertThat(RecordHeaders.lastValue(record, "severity")).isEqualTo("critical");
        assertThat(RecordHeaders.lastValue(record, "category")).isNull();
    }
}
