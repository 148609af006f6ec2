package dev.telemetry.connect.source.logfile;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a parser found in one event's text; null for what it did not find. */
final class ParsedEvent {

    String timestamp;
    String level;
    String message;
    String service;
    String endpoint;
    String userId;
    private String parseError;
    private ParseErrorReason parseErrorReason;
    Map<String, String> fields;

    public String timestamp() {
        return timestamp;
    }

    public String level() {
        return level;
    }

    public String message() {
        return message;
    }

    public String service() {
        return service;
    }

    public String endpoint() {
        return endpoint;
    }

    public String userId() {
        return userId;
    }

    public String parseError() {
        return parseError;
    }

    /** Why {@link #parseError()} is set; null when it is not. */
    public ParseErrorReason parseErrorReason() {
        return parseErrorReason;
    }

    void parseError(ParseErrorReason reason, String error) {
        parseErrorReason = reason;
        parseError = error;
    }

    /** Parsed keys that are none of the above; null when there are none. */
    public Map<String, String> fields() {
        return fields;
    }

    /**
     * Puts a parsed key where it belongs: the well-known names (and their usual spellings in JSON and logfmt logs)
     * become the schema's fields, anything else goes to {@link #fields()}.
     */
    void put(String key, String value) {
        if (value == null) {
            return;
        }
        switch (key) {
            case "timestamp", "@timestamp", "time", "ts", "datetime" -> timestamp = value;
            case "level", "severity", "lvl", "loglevel", "log.level" -> level = value;
            case "message", "msg", "@message" -> message = value;
            case "service", "service.name", "app" -> service = value;
            case "endpoint" -> endpoint = value;
            case "user_id", "userId" -> userId = value;
            default -> putField(key, value);
        }
    }

    void putField(String key, String value) {
        if (fields == null) {
            fields = new LinkedHashMap<>();
        }
        fields.put(key, value);
    }
}
