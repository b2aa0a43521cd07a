package io.agentstore.claudecode.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.spi.FactRecord;
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

    /** Maps one parsed line. */
    void line(JsonNode node, long offset, long number) throws BadLine;

    /** Facts produced since the last call. */
    List<FactRecord> drain();

    /** Emits everything still open, as finished. */
    void finish();

    /** Where the oldest open item starts, {offset, line number}, or null when nothing is open. */
    long[] oldestOpen();

    /** What was seen, by kind. */
    Map<String, Long> counts();
}
