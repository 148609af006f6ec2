package dev.telemetry.connect.source.scrape;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a Prometheus service discovery list ({@code file_sd} or {@code http_sd}): addresses to scrape and the
 * labels they share, meta labels ({@code __scheme__}, {@code __metrics_path__}, {@code __param_<name>}) included.
 *
 * @param targets {@code host:port} addresses, each becoming the target's {@code __address__}
 */
record TargetGroup(List<String> targets, Map<String, String> labels) {

    /** The syntax of a discovery list: JSON, or YAML for a file named {@code *.yml} or {@code *.yaml}. */
    enum Syntax {
        JSON(new ObjectMapper()),
        YAML(new YAMLMapper());

        private final ObjectMapper mapper;

        Syntax(ObjectMapper mapper) {
            this.mapper = mapper;
        }

        /** As Prometheus decides for file_sd: by the file's extension; null for one it does not read. */
        static Syntax ofFileName(String fileName) {
            if (fileName.endsWith(".json")) {
                return JSON;
            }
            return fileName.endsWith(".yml") || fileName.endsWith(".yaml") ? YAML : null;
        }
    }

    /**
     * The groups of a whole list, {@code [{"targets": [...], "labels": {...}}, ...]}. A list with any malformed part
     * is refused whole, as Prometheus refuses the file, so that a half-written file never drops the targets it has not
     * reached.
     *
     * @throws IllegalArgumentException saying what is malformed and where
     */
    static List<TargetGroup> parse(byte[] content, Syntax syntax) {
        JsonNode root;
        try {
            root = syntax.mapper.readTree(content);
        } catch (IOException e) {
            String reason = e instanceof JacksonException parse ? parse.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("not " + syntax + ": " + reason);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("the list of target groups must be an array, not " + root.getNodeType());
        }
        List<TargetGroup> groups = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            groups.add(group(root.get(i), i + 1));
        }
        return groups;
    }

    private static TargetGroup group(JsonNode node, int number) {
        String where = "group " + number;
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object with 'targets' and 'labels'");
        }
        JsonNode targetsNode = node.get("targets");
        if (targetsNode == null || !targetsNode.isArray()) {
            throw new IllegalArgumentException(where + ": 'targets' must be a list of host:port strings");
        }
        List<String> targets = new ArrayList<>(targetsNode.size());
        for (JsonNode target : targetsNode) {
            if (!target.isTextual()) {
                throw new IllegalArgumentException(where + ": target " + target + " is not a string");
            }
            targets.add(target.asText());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode labelsNode = node.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            if (!labelsNode.isObject()) {
                throw new IllegalArgumentException(where + ": 'labels' must be a map of label names to strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = labelsNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                if (!MetricsScrapeSourceConfig.LABEL_NAME
                        .matcher(label.getKey())
                        .matches()) {
                    throw new IllegalArgumentException(
                            where + ": '" + label.getKey() + "' is not a label name ([A-Za-z_][A-Za-z0-9_]*)");
                }
                if (!label.getValue().isValueNode() || label.getValue().isNull()) {
                    throw new IllegalArgumentException(
                            where + ": the value of label '" + label.getKey() + "' must be a string");
                }
                labels.put(label.getKey(), label.getValue().asText());
            }
        }
        return new TargetGroup(List.copyOf(targets), Collections.unmodifiableMap(labels));
    }
}
