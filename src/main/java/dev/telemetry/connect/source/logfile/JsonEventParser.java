package dev.telemetry.connect.source.logfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;

/** One JSON object per line; nested values are kept as their JSON text. */
final class JsonEventParser implements EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ParsedEvent parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return EventParser.unparsed(text, "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return EventParser.unparsed(text, "not a JSON object");
        }
        ParsedEvent event = new ParsedEvent();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                event.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
        if (event.message == null) {
            event.message = "";
        }
        return event;
    }
}
