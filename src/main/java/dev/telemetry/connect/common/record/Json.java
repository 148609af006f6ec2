package dev.telemetry.connect.common.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The one Jackson mapper of the bundle: thread-safe once configured, and costly to create, so created once. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON", e);
        }
    }

    /**
     * What {@code writing} writes on a generator of {@link #MAPPER}, as bytes: straight to JSON, without building the
     * tree first; byte for byte what {@link #bytes(JsonNode)} writes for the same tree.
     */
    public static byte[] bytes(Writing writing) {
        // Jackson's builder grows in segments, not by copying all it holds: a batch of alerts runs to hundreds of kB.
        ByteArrayBuilder bytes = new ByteArrayBuilder();
        try (JsonGenerator out = MAPPER.createGenerator(bytes)) {
            writing.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON", e);
        }
        return bytes.toByteArray();
    }

    /** What {@code writing} writes on a generator of {@link #MAPPER}, as text. */
    public static String text(Writing writing) {
        StringWriter text = new StringWriter(128);
        try (JsonGenerator out = MAPPER.createGenerator(text)) {
            writing.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write JSON", e);
        }
        return text.toString();
    }

    /** Writes JSON on a generator. */
    @FunctionalInterface
    public interface Writing {
        void writeTo(JsonGenerator out) throws IOException;
    }
}
