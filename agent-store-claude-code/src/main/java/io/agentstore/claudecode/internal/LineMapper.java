package io.agentstore.claudecode.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.SourceEvent;
import java.util.List;
import java.util.Map;

/** Turns the parsed lines of one file into facts; one instance per file and run. */
public interface LineMapper {

    /** A line the mapper cannot use, with the reason. */
    final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        /** A bad line, for {@code reason}. */
        public BadLine(String reason) {
            super(reason);
        }
    }

    /**
     * A line whose facts turned out to be unusable only after it was read: when the API call or tool use it
     * began was complete and its record was refused (a token count beyond what the store keeps, text it cannot
     * hold).
     *
     * @param offset     the byte offset of the line
     * @param lineNumber the 1-based line number
     * @param reason     why
     */
    record Rejected(long offset, long lineNumber, String reason) {}

    /** Maps one parsed line. */
    void line(JsonNode node, long offset, long number) throws BadLine;

    /** Facts produced since the last call. */
    List<FactRecord> drain();

    /** Source-neutral events produced since the last call, for the installed modules' mappings. */
    default List<SourceEvent> drainEvents() {
        return List.of();
    }

    /** Emits everything still open, as finished. */
    void finish();

    /** Where the oldest open item starts, {offset, line number}, or null when nothing is open. */
    long[] oldestOpen();

    /**
     * At the end of what a file holds so far while it is still being written: emits what can no longer
     * change and keeps the rest open. Returns where the next run must read again from, {offset, line
     * number} (the oldest item kept open), or null when nothing is kept. The default keeps everything open.
     */
    default long[] finishLive() {
        long[] open = oldestOpen();
        if (open == null) {
            finish();
        }
        return open;
    }

    /** Lines found unusable since the last call (see {@link Rejected}); the importer records them as ingest errors. */
    default List<Rejected> rejected() {
        return List.of();
    }

    /** What was seen, by kind. */
    Map<String, Long> counts();
}
