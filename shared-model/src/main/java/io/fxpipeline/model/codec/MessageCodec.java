package io.fxpipeline.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.message.CorrelationAlert;
import io.fxpipeline.model.message.CorrelationReady;
import io.fxpipeline.model.message.Message;
import io.fxpipeline.model.message.MetricsReady;
import io.fxpipeline.model.message.PriceUpdate;
import io.fxpipeline.model.message.ReplayRequest;
import io.fxpipeline.model.message.SystemAlert;
import io.fxpipeline.model.message.VolatilityAlert;
import io.fxpipeline.model.message.VolatilityMetrics;

import java.util.Map;
import java.util.Optional;

/**
 * Turns contract messages into JSON and back. Decoding never returns a half-valid message: anything
 * malformed, of an unknown type or version, or larger than the payload limit raises
 * {@link MalformedMessageException} naming the field.
 */
public final class MessageCodec {

    /** Default payload limit: a 500-candle chunk is about 60 KB, so 1 MiB leaves ample room. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private static final Map<String, Class<? extends Message>> TYPES = Map.of(
            CandlesReady.TYPE, CandlesReady.class,
            MetricsReady.TYPE, MetricsReady.class,
            CorrelationReady.TYPE, CorrelationReady.class,
            PriceUpdate.TYPE, PriceUpdate.class,
            VolatilityAlert.TYPE, VolatilityAlert.class,
            CorrelationAlert.TYPE, CorrelationAlert.class,
            ReplayRequest.TYPE, ReplayRequest.class,
            SystemAlert.TYPE, SystemAlert.class);
    private static final Map<Class<? extends Message>, String> TYPE_NAMES = TYPES.entrySet().stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

    private final ObjectMapper mapper;
    private final int maxBytes;

    public MessageCodec() {
        this(DEFAULT_MAX_BYTES);
    }

    public MessageCodec(int maxBytes) {
        this.maxBytes = maxBytes;
        JsonFactory factory = JsonFactory.builder()
                // Schubfach and FastDoubleParser: the same values as the JDK's, in a fraction of the time
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16).maxNumberLength(64).maxStringLength(maxBytes).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(ContractScalars.module())
                .addModule(CandleWriter.module())
                .addHandler(new OneHeader())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // Additive payload changes must not break older consumers.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Keep 1.05350 as written: prices are exact to the last quoted digit.
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .build();
    }

    /**
     * JSON of a message: {@code v} and {@code type} first, then the record's fields. The record is written in one
     * streaming pass and the header put in front of it; no record has a {@code v} or {@code type} component, so
     * this is the object a tree merge would give, at a third of the cost (a 5,000-candle chunk, a year's metrics).
     */
    public String encode(Message message) {
        String body;
        try {
            body = mapper.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
        String header = "{\"v\":" + Message.VERSION + ",\"type\":\"" + message.type() + "\"";
        return body.length() <= 2 ? header + "}" : header + "," + body.substring(1);
    }

    /**
     * Any message of the contract. A well-formed message is bound in one streaming pass (no tree: a 500-candle
     * chunk is the consumers' largest per-message cost); anything the fast path does not accept is decoded again
     * through the tree, which gives the one exact error it always gave.
     */
    public Message decode(String json) {
        return bindOrExplain(json, wellFormedType(json));
    }

    /** @param target the type {@link #wellFormedType} found, or null to decode through the tree */
    private Message bindOrExplain(String json, Class<? extends Message> target) {
        if (target != null) {
            try {
                return mapper.readValue(json, target);
            } catch (JsonProcessingException | RuntimeException e) {
                // fall through: the tree path reports it with its field
            }
        }
        return decodeTree(json);
    }

    /**
     * The message if it is of type {@code type}; empty, without binding anything, when its header is well formed
     * (its first two fields are this build's {@code v} and a known type) and names another type: a consumer skips the types it
     * does not take before paying for a decode. Anything else is decoded (and refused) as {@link #decode} does.
     */
    public Optional<Message> decodeIfType(String json, String type) {
        Class<? extends Message> target = wellFormedType(json);
        if (target != null && !type.equals(typeName(target))) {
            return Optional.empty();
        }
        return Optional.of(bindOrExplain(json, target));
    }

    /**
     * Whether {@code json}'s header is well formed and names a type other than {@code type}: what
     * {@link #decodeIfType} would skip, told from the first two fields alone (a subscriber drops such payloads
     * before queueing them).
     */
    public boolean isAnotherType(String json, String type) {
        Class<? extends Message> target = wellFormedType(json);
        return target != null && !type.equals(typeName(target));
    }

    /**
     * The type to bind when {@code json} starts as the contract writes every message: one object whose first field
     * is {@code v}, equal to this build's version, and whose second is a known {@code type}; null for anything
     * else (the tree path then decides). Only the header is read: the body (5,000 candles, 500 metric rows) is left
     * to the one binding pass, and a message of another type is skipped without being scanned at all.
     */
    private Class<? extends Message> wellFormedType(String json) {
        if (json == null || json.length() > maxBytes) {
            return null;
        }
        try (JsonParser parser = mapper.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.FIELD_NAME || !"v".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    || parser.getLongValue() != Message.VERSION
                    || parser.nextToken() != JsonToken.FIELD_NAME || !"type".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            return TYPES.get(parser.getText());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private Message decodeTree(String json) {
        JsonNode root = parse(json);
        String type = root.path("type").isTextual() ? root.get("type").asText() : null;
        if (type == null) {
            throw new MalformedMessageException("type", root.has("type") ? "must be a string" : "is missing");
        }
        Class<? extends Message> target = TYPES.get(type);
        if (target == null) {
            throw new MalformedMessageException("type", "unknown message type '" + abbreviate(type) + "'");
        }
        return bind(root, target);
    }

    /** A message that must be of one type (a channel that carries only that type). */
    public <T extends Message> T decode(String json, Class<T> expected) {
        Message message = decode(json);
        if (!expected.isInstance(message)) {
            throw new MalformedMessageException("type", "expected '" + typeName(expected) + "' but got '"
                    + message.type() + "'");
        }
        return expected.cast(message);
    }

    /** The ObjectMapper the codec uses, for REST layers that want the same JSON shapes. */
    public ObjectMapper mapper() {
        return mapper;
    }

    private JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedMessageException("$", "empty payload");
        }
        if (json.length() > maxBytes) {
            throw new MalformedMessageException("$", "payload of " + json.length() + " characters exceeds the limit of "
                    + maxBytes);
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("$", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("$", "not a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null) {
            throw new MalformedMessageException("v", "is missing");
        }
        if (!v.isIntegralNumber()) {
            throw new MalformedMessageException("v", "must be an integer");
        }
        if (v.asLong() != Message.VERSION) {
            throw new MalformedMessageException("v", "unknown version " + v.asText() + " (this build reads version "
                    + Message.VERSION + ")");
        }
        return root;
    }

    private <T extends Message> T bind(JsonNode root, Class<T> target) {
        try {
            return mapper.treeToValue(root, target);
        } catch (JsonMappingException e) {
            throw fromMapping(e);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("$", e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("$", e.getMessage());
        }
    }

    private static MalformedMessageException fromMapping(JsonMappingException e) {
        String path = path(e);
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof MalformedMessageException inner) {
                String field = path.isEmpty() ? inner.field() : path + "." + inner.field();
                return new MalformedMessageException(field, inner.reason());
            }
            if (cause instanceof IllegalArgumentException || cause instanceof ArithmeticException) {
                return new MalformedMessageException(path.isEmpty() ? "$" : path, cause.getMessage());
            }
            cause = cause.getCause();
        }
        String field = path.isEmpty() ? "$" : path;
        if (e instanceof InvalidFormatException f) {
            return new MalformedMessageException(field, "cannot read '" + abbreviate(String.valueOf(f.getValue()))
                    + "' as " + f.getTargetType().getSimpleName());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new MalformedMessageException(field, "wrong type, expected " + m.getTargetType().getSimpleName());
        }
        return new MalformedMessageException(field, e.getOriginalMessage());
    }

    /** JSON path from Jackson's reference chain, e.g. {@code candles[3].h}; the record being built is the last. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<? extends Message> type) {
        String name = TYPE_NAMES.get(type);
        return name != null ? name : type.getSimpleName();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    static {
        // Referenced so native-image analysis keeps the nested record reachable from the codec.
        VolatilityMetrics.class.getName();
    }
}
