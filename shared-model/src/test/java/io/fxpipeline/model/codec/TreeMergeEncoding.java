package io.fxpipeline.model.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fxpipeline.model.message.Message;

/**
 * How {@link MessageCodec#encode} wrote a message before it streamed the record: a header node, the record turned
 * into a tree and merged in, the whole written. The reference the streamed form must equal, and the benchmark's
 * baseline.
 */
final class TreeMergeEncoding {

    private TreeMergeEncoding() {
    }

    static String encode(ObjectMapper mapper, Message message) {
        ObjectNode node = mapper.createObjectNode().put("v", Message.VERSION).put("type", message.type());
        node.setAll((ObjectNode) mapper.valueToTree(message));
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }
}
