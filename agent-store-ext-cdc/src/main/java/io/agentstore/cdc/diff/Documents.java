package io.agentstore.cdc.diff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Parses JSON or YAML documents for the differs. */
final class Documents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private Documents() {}

    /**
     * The document as a tree: JSON when it starts with {@code {} or {@code [}, YAML otherwise.
     *
     * @throws IllegalArgumentException when it parses as neither, or is not an object
     */
    static JsonNode parse(String what, String text) {
        if (text == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        String t = text.stripLeading();
        try {
            JsonNode node = t.startsWith("{") || t.startsWith("[") ? JSON.readTree(t) : YAML.readTree(t);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON or YAML object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON or YAML: " + e.getOriginalMessage(), e);
        }
    }
}
