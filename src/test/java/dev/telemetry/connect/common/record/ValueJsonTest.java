package dev.telemetry.connect.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class ValueJsonTest {

    private static final Schema INNER = SchemaBuilder.struct()
            .field("at", Timestamp.SCHEMA)
            .field("say \"hi\"\n", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final Schema OUTER = SchemaBuilder.struct()
            .field("name", Schema.STRING_SCHEMA)
            .field("inner", INNER)
            .field("ü", Schema.OPTIONAL_INT32_SCHEMA)
            .build();

    private static final String OUTER_JSON =
            "{\"name\":\"a\",\"inner\":{\"at\":\"2026-11-25T07:59:30.125Z\"," + "\"say \\\"hi\\\"\\n\":null},\"ü\":3}";

    private static Struct outer() {
        Date at = Date.from(Instant.parse("2026-11-25T07:59:30.125Z"));
        return new Struct(OUTER)
                .put("name", "a")
                .put("inner", new Struct(INNER).put("at", at))
                .put("ü", 3);
    }

    private static String utf8(Object value) {
        return new String(Json.bytes(out -> ValueJson.write(out, value)), StandardCharsets.UTF_8);
    }

    @Test
    void structsAndInstantsAreTheSameJsonToBytesAndToTextAndAgainOnceFieldNamesAreCached() {
        Struct value = outer();
        for (int i = 0; i < 3; i++) {
            assertThat(utf8(value)).isEqualTo(OUTER_JSON);
            assertThat(ValueJson.toJsonText(value)).isEqualTo(OUTER_JSON);
        }
        assertThat(utf8(List.of(new Date(0), Map.of("d", new Date(-1)))))
                .isEqualTo("[\"1970-01-01T00:00:00Z\",{\"d\":\"1969-12-31T23:59:59.999Z\"}]")
                .isEqualTo(ValueJson.toJsonText(List.of(new Date(0), Map.of("d", new Date(-1)))));
    }

    @Test
    void aStructOfASchemaStillBeingBuiltShowsTheFieldsItHasNow() {
        SchemaBuilder growing = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA);
        assertThat(utf8(new Struct(growing).put("a", 1))).isEqualTo("{\"a\":1}");
        growing.field("b", Schema.INT32_SCHEMA);
        assertThat(utf8(new Struct(growing).put("a", 1).put("b", 2))).isEqualTo("{\"a\":1,\"b\":2}");
    }

    @Test
    void manySchemasOnOneThreadAllWriteTheirOwnFieldNames() {
        for (int i = 0; i < 200; i++) {
            Schema schema =
                    SchemaBuilder.struct().field("f" + i, Schema.INT32_SCHEMA).build();
            assertThat(utf8(new Struct(schema).put("f" + i, i))).isEqualTo("{\"f" + i + "\":" + i + "}");
        }
        assertThat(utf8(outer())).isEqualTo(OUTER_JSON);
    }
}
