package dev.telemetry.connect.source.logfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One JSON object per line; nested values are kept as their JSON text. Read as a stream of tokens, not as a tree: a
 * log line is mostly flat, and only its nested values are worth a tree (for their text).
 */
final class JsonEventParser implements EventParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ParsedEvent parse(String text) {
        ParsedEvent event = new ParsedEvent();
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return EventParser.unparsed(text, "not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    event.put(key, JSON.readTree(parser).toString());
                } else if (value != JsonToken.VALUE_NULL) {
                    event.put(key, parser.getText());
                }
            }
        } catch (JsonProcessingException e) {
            return EventParser.unparsed(text, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return EventParser.unparsed(text, "not JSON: " + e.getMessage());
        }
        if (event.message == null) {
            event.message = "";
        }
        return event;
    }
}
