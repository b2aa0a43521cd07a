package io.agentstore.claudecode;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.claudecode.internal.LineMapper;
import io.agentstore.claudecode.internal.TranscriptMapper;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The facts the importer makes of the lines of one main transcript, without a store: for benchmarks and
 * tools that want the mapping alone. One instance per file; feed the lines in order, then {@link #finish()}.
 */
public final class TranscriptFacts {
    private final LineMapper mapper;
    private long offset;
    private long number = 1;
    private long badLines;

    private TranscriptFacts(LineMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The mapping of the main transcript {@code relativePath} (under the projects folder) of the project
     * folder {@code projectDir}, for session {@code sessionId}.
     */
    public static TranscriptFacts mainTranscript(String relativePath, String projectDir, String sessionId) {
        Objects.requireNonNull(relativePath, "relativePath must not be null");
        Objects.requireNonNull(projectDir, "projectDir must not be null");
        Objects.requireNonNull(sessionId, "sessionId must not be null");
        return new TranscriptFacts(
                new TranscriptMapper(new TranscriptMapper.Context(relativePath, projectDir, sessionId, false, null)));
    }

    /**
     * Maps one line (UTF-8 JSON, without its newline) and returns the facts it completed, possibly none. A
     * line the importer would record as an ingest error gives none and is counted in {@link #badLines()}.
     */
    public List<FactRecord> line(byte[] line) {
        Objects.requireNonNull(line, "line must not be null");
        try {
            JsonNode node = Json.MAPPER.readTree(line, 0, line.length);
            mapper.line(node, offset, number);
        } catch (LineMapper.BadLine | IOException e) {
            badLines++;
        } finally {
            offset += line.length + 1;
            number++;
        }
        return mapper.drain();
    }

    /** Ends the file: the facts of everything still open. */
    public List<FactRecord> finish() {
        mapper.finish();
        return new ArrayList<>(mapper.drain());
    }

    /** How many lines could not be used. */
    public long badLines() {
        return badLines;
    }
}
