package io.github.ser.api;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;

/** A small JSON request body read strictly: an object whose fields have the types asked for, nothing coerced. */
final class JsonBody {
    private JsonBody() {
    }

    /**
     * @param example a valid body, quoted in every refusal
     * @throws ApiException 400 {@code bad_request} for anything but a JSON object
     */
    static JsonNode object(JsonMapper json, byte[] body, String example) {
        JsonNode node;
        try {
            node = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw ApiException.badRequest("The body must be JSON like " + example + ": " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("The body must be a JSON object like " + example);
        }
        return node;
    }

    /**
     * @return the string field, or null when it is absent or null
     * @throws ApiException 400 {@code bad_request} when it is there and not a string
     */
    static String text(JsonNode object, String field, String example) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest(field + " must be a string, e.g. " + example + "; got " + value);
        }
        return value.getStringValue();
    }
}
