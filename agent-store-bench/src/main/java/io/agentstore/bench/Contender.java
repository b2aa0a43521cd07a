package io.agentstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One way of storing the workload. A contender loads the workload into fresh files in a folder (timed), then
 * its files are measured and, if it can, it answers the reference queries in its own dialect.
 */
abstract class Contender {
    /** What one timed load did. */
    record Load(long events, long nanos) {
        double eventsPerSecond() {
            return events / (nanos / 1e9);
        }
    }

    /** An open connection to a loaded contender's files that answers queries. */
    interface Queries extends AutoCloseable {
        /** The canonical rows of {@code q}. */
        List<List<Object>> run(Query q) throws Exception;

        @Override
        void close() throws java.sql.SQLException;
    }

    private final String name;
    private final String description;
    private final boolean sampled;

    Contender(String name, String description, boolean sampled) {
        this.name = name;
        this.description = description;
        this.sampled = sampled;
    }

    /** A short, stable name, for {@code --only} and the report. */
    final String name() {
        return name;
    }

    /** What it does, for the report. */
    final String description() {
        return description;
    }

    /**
     * Whether a load is time-boxed: contenders that commit per event (or per few events) record a prefix of the
     * workload for the time box and report its rate, since the whole workload would take hours.
     */
    final boolean sampled() {
        return sampled;
    }

    /**
     * Loads the workload into {@code dir} (empty), stopping at the first session boundary after
     * {@code deadline} (a {@link System#nanoTime()} value). Only the writing is timed: setting up empty files
     * before and closing after are not.
     */
    abstract Load load(Workload w, Path dir, long deadline) throws Exception;

    /** Opens the loaded files for queries, or returns null when this contender's answers come from elsewhere. */
    abstract Queries queries(Path dir, Expected expected) throws Exception;

    /** Bytes on disk of what {@link #load} left (after it closed its files). */
    long bytesOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
