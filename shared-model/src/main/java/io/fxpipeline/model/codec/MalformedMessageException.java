package io.fxpipeline.model.codec;

/** A pub/sub payload that is not a valid message of the contract; {@link #field()} names the culprit. */
public class MalformedMessageException extends RuntimeException {

    private final String field;

    public MalformedMessageException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** JSON path of the offending field, such as {@code candles[3].h}, or {@code $} for the whole payload. */
    public String field() {
        return field;
    }

    /** What is wrong, without the field name. */
    public String reason() {
        String message = getMessage();
        return message.substring(field.length() + 2);
    }
}
