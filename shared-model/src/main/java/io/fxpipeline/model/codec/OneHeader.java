package io.fxpipeline.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.fxpipeline.model.message.Message;

import java.io.IOException;

/**
 * The fast path binds a message after reading only its header, so a second {@code v} or {@code type} further down
 * (which the tree would read as the message's) must not pass unseen: the binding pass meets every top-level field,
 * and a header field met twice fails it; the tree path then refuses the message naming that field.
 */
final class OneHeader extends DeserializationProblemHandler {

    @Override
    public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
            Object beanOrClass, String propertyName) throws IOException {
        boolean message = beanOrClass instanceof Class<?> c ? Message.class.isAssignableFrom(c) : beanOrClass instanceof Message;
        if (message && ("v".equals(propertyName) || "type".equals(propertyName))) {
            String seen = OneHeader.class.getName() + "." + propertyName;
            if (ctxt.getAttribute(seen) != null) {
                throw new IllegalStateException(propertyName + " appears twice");
            }
            ctxt.setAttribute(seen, Boolean.TRUE);
        }
        return false; // not handled: skipped as any unknown field is
    }
}
