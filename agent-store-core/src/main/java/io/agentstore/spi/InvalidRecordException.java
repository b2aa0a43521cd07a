package io.agentstore.spi;

/**
 * A record was refused before anything was queued: the message names the field and the bad value.
 * Nothing already accepted is affected.
 */
public final class InvalidRecordException extends AgentStoreException {
    private static final long serialVersionUID = 1L;
    private final String field;

    /** {@code field} holds a value that {@code reason} explains. */
    public InvalidRecordException(String field, Object value, String reason) {
        super(field + " " + reason + " (was " + describe(value) + ")");
        this.field = field;
    }

    /** The name of the offending field, for example {@code "durationMs"}. */
    public String field() {
        return field;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        if (value instanceof CharSequence) {
            String shown = text.length() > 80 ? text.substring(0, 80) + "... (" + text.length() + " chars)" : text;
            StringBuilder escaped = new StringBuilder("\"");
            shown.chars().forEach(c -> {
                if (c < 0x20 || Character.isSurrogate((char) c)) {
                    escaped.append(String.format("\\u%04x", c));
                } else {
                    escaped.append((char) c);
                }
            });
            return escaped.append('"').toString();
        }
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
