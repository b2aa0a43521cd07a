package io.agentstore.claudecode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentstore.AgentStore;
import io.agentstore.claudecode.internal.HookMapper;
import io.agentstore.claudecode.internal.Ids;
import io.agentstore.claudecode.internal.LineMapper;
import io.agentstore.claudecode.internal.LineReader;
import io.agentstore.claudecode.internal.TranscriptMapper;
import io.agentstore.core.IngestError;
import io.agentstore.core.IngestRun;
import io.agentstore.spi.AgentStoreException;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.spi.SourceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Imports Claude Code transcripts ({@code <projects>/<project>/<session>.jsonl}, sub-agent files in both
 * layouts) into a store, incrementally and idempotently.
 *
 * <pre>{@code
 * ImportSummary s = ClaudeCodeImporter.builder(store).build().run();   // ~/.claude/projects
 * }</pre>
 *
 * <p>Per file it keeps a watermark (byte offset and a hash of the bytes before it, in
 * {@code fact_ingest_run}): a re-run reads only new bytes, and a file that shrank or changed before its
 * watermark is read again. Event ids are name-based on the transcript's own ids and facts are recorded with
 * {@link AgentStore#importAll}, so importing twice, or the same files from two machines, changes nothing.
 * A line that cannot be used is counted, stored in {@code fact_ingest_error} and skipped. While a file is
 * still being written (changed within {@link Builder#idleAfter}), only what may still change is held back
 * for the next run: the last message of the file (of each sub-agent writing into it) and a tool use waiting
 * for its result (its own tool call, not the calls after it); the next run reads again from the oldest line
 * held back, and what it already recorded keeps its event id. Once the file is idle, everything is recorded,
 * including a last line without its newline when it is complete JSON. A line holding several JSON objects
 * gives each of them; a record dated more than a day after the store's clock is imported and flagged by an
 * ingest error with attribute {@code kind = "future_timestamp"}. The rules are in the module's README.
 */
public final class ClaudeCodeImporter {
    /** The {@code source} of ingest runs and errors of transcripts. */
    public static final String SOURCE = "claude-code-transcript";
    /** The {@code source} of ingest runs and errors of the hook spool. */
    public static final String HOOK_SOURCE = "claude-code-hooks";

    private static final int RECORD_CHUNK = 20_000;
    private static final int TAIL_BYTES = 1_024;
    /** How far after the store's clock a record's timestamp may be before it is flagged. */
    private static final Duration FUTURE_SLACK = Duration.ofDays(1);
    /** The {@code kind} attribute of the ingest error that flags a timestamp in the future. */
    public static final String FUTURE_TIMESTAMP = "future_timestamp";

    private final AgentStore store;
    private final List<Path> projectDirs;
    private final Instant since;
    private final Duration idleAfter;
    private final int maxLineBytes;
    private final Consumer<ImportProgress> progress;
    private final HookSpool hookSpool;
    private final boolean rescan;
    private final java.util.function.Predicate<Path> exclude;

    private ClaudeCodeImporter(Builder b) {
        this.exclude = b.exclude;
        this.hookSpool = b.hookSpool;
        this.rescan = b.rescan;
        this.store = b.store;
        this.projectDirs = b.projectDirs.isEmpty() ? ClaudeCodeLocations.projectDirs() : List.copyOf(b.projectDirs);
        this.since = b.since;
        this.idleAfter = b.idleAfter;
        this.maxLineBytes = b.maxLineBytes;
        this.progress = b.progress;
    }

    /** A builder importing into {@code store}. */
    public static Builder builder(AgentStore store) {
        return new Builder(store);
    }

    /** The transcript files under the project folders, in a stable order. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path dir : projectDirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, 4)) {
                walk.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p))
                        .filter(p -> since == null || modified(p).compareTo(since) >= 0)
                        .filter(p -> !exclude.test(p))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return files;
    }

    /** Imports every transcript file, then the hook spool when one is set, and returns what happened. */
    public ImportSummary run() {
        long started = System.nanoTime();
        List<Path> files = files();
        // a rescan replays the transcripts' events only; the spool's hook lines give none
        List<Path> spooled = hookSpool == null || rescan ? List.of() : hookSpool.files();
        long bytesTotal = 0;
        for (Path f : files) {
            bytesTotal += size(f);
        }
        for (Path f : spooled) {
            bytesTotal += size(f);
        }
        Map<String, Watermark> watermarks = rescan ? Map.of() : watermarks(SOURCE);
        Totals totals = new Totals(files.size() + spooled.size(), bytesTotal, started);
        for (Path file : files) {
            importFile(
                    file,
                    SOURCE,
                    watermarks.get(file.toAbsolutePath().toString()),
                    totals,
                    () -> new TranscriptMapper(context(file), store::maps));
            totals.filesDone++;
            totals.report(true);
        }
        Map<String, Watermark> hookMarks = watermarks(HOOK_SOURCE);
        for (Path file : spooled) {
            importFile(
                    file,
                    HOOK_SOURCE,
                    hookMarks.get(file.toAbsolutePath().toString()),
                    totals,
                    () -> new HookMapper(store::maps));
            totals.filesDone++;
            totals.report(true);
        }
        totals.flush();
        return new ImportSummary(
                totals.filesTotal,
                totals.filesRead,
                totals.filesUnchanged,
                totals.filesReread,
                totals.lines,
                totals.bytes,
                totals.written,
                totals.errors,
                totals.partial,
                totals.counts,
                Duration.ofNanos(System.nanoTime() - started));
    }

    private record Watermark(long endOffset, String tailHash, long fileSize, long endLine) {}

    private Map<String, Watermark> watermarks(String source) {
        Map<String, Watermark> result = new HashMap<>();
        for (Row r : store.sql(
                        "SELECT file_path, arg_max(end_offset, recorded_at) AS end_offset,"
                                + " arg_max(last_line_hash, recorded_at) AS hash, arg_max(file_size, recorded_at) AS size,"
                                + " arg_max(CAST(json_extract(attributes, '$.end_line') AS BIGINT), recorded_at) AS end_line"
                                + " FROM fact_ingest_run WHERE source = ? GROUP BY file_path",
                        source)
                .rows()) {
            result.put(
                    r.string("file_path"),
                    new Watermark(
                            r.int64("end_offset"),
                            r.string("hash"),
                            r.int64("size"),
                            r.int64("end_line") == null ? 0 : r.int64("end_line")));
        }
        return result;
    }

    private final class Totals {
        final long filesTotal;
        final long bytesTotal;
        final long started;
        long filesDone;
        long filesRead;
        long filesUnchanged;
        long filesReread;
        long lines;
        long bytes;
        long written;
        long errors;
        long partial;
        long lastReport;
        final Map<String, Long> counts = new LinkedHashMap<>();
        /** Facts of one or more files, recorded together: few commits however many small files there are. */
        final List<FactRecord> buffer = new ArrayList<>();
        /** Source events for the installed modules' mappings, applied before the facts (and the watermark). */
        final List<SourceEvent> events = new ArrayList<>();
        /** One line reader (and its buffers) for all files of the run. */
        final LineReader reader = new LineReader(maxLineBytes);

        void add(List<FactRecord> records) {
            if (rescan) {
                // the facts (and watermarks) of these lines were stored by the import that first read them
                return;
            }
            buffer.addAll(records);
            if (buffer.size() >= RECORD_CHUNK) {
                flush();
            }
        }

        void addEvents(List<SourceEvent> more) {
            events.addAll(more);
        }

        void flush() {
            if (!events.isEmpty()) {
                // before the facts: a crash in between replays the events (idempotent), never skips them
                written += store.apply(events);
                events.clear();
            }
            if (!buffer.isEmpty()) {
                // an API error Claude Code also sent over OpenTelemetry (already received) supersedes that one
                written += store.importAll(io.agentstore.ApiErrorMatching.supersedeMatched(store, buffer));
                buffer.clear();
            }
        }

        Totals(long filesTotal, long bytesTotal, long started) {
            this.filesTotal = filesTotal;
            this.bytesTotal = bytesTotal;
            this.started = started;
        }

        void report(boolean force) {
            if (progress == null) {
                return;
            }
            long now = System.nanoTime();
            if (!force && now - lastReport < 500_000_000L) {
                return;
            }
            lastReport = now;
            progress.accept(new ImportProgress(
                    filesDone, filesTotal, bytes, bytesTotal, lines, Duration.ofNanos(now - started)));
        }
    }

    private void importFile(
            Path file, String source, Watermark mark, Totals totals, java.util.function.Supplier<LineMapper> mappers) {
        String path = file.toAbsolutePath().toString();
        long size = size(file);
        boolean idle = modified(file).plus(idleAfter).isBefore(store.clock().instant());
        long start = 0;
        long firstLine = 1;
        boolean reread = false;
        if (mark != null) {
            boolean intact =
                    size >= mark.endOffset() && Objects.equals(tailHash(file, mark.endOffset()), mark.tailHash());
            if (!intact) {
                reread = true;
            } else if (size == mark.fileSize() && (mark.endOffset() == size || !idle)) {
                totals.filesUnchanged++;
                totals.bytes += size;
                return;
            } else {
                start = mark.endOffset();
                firstLine = mark.endLine() + 1;
            }
        }
        LineMapper mapper = mappers.get();
        Instant futureAfter = store.clock().instant().plus(FUTURE_SLACK);
        List<FactRecord> errors = new ArrayList<>();
        long from = start;
        long[] errorCount = {0};
        long[] produced = {0};
        LineReader reader = totals.reader;
        long bytesBefore = totals.bytes;
        try {
            reader.read(
                    file,
                    start,
                    firstLine,
                    idle ? ClaudeCodeImporter::completeJson : null,
                    (bytes, length, offset, number, overlong) -> {
                        totals.lines++;
                        totals.bytes = bytesBefore + (offset - from) + length + 1;
                        String reason = null;
                        if (overlong) {
                            reason = "line longer than " + maxLineBytes + " bytes";
                        } else if (length == 0) {
                            return;
                        } else {
                            try {
                                for (JsonNode node : values(bytes, length)) {
                                    try {
                                        mapper.line(node, offset, number);
                                        // accepted, but flagged when dated more than a day after the import
                                        Instant future = futureTimestamp(node, futureAfter);
                                        if (future != null) {
                                            errorCount[0]++;
                                            errors.add(
                                                    futureError(source, path, bytes, length, offset, number, future));
                                            totals.counts.merge("future_timestamps", 1L, Long::sum);
                                        }
                                    } catch (LineMapper.BadLine e) {
                                        reason = reason == null ? e.getMessage() : reason;
                                    }
                                }
                            } catch (JsonProcessingException e) {
                                reason = "malformed JSON: " + e.getOriginalMessage();
                            }
                        }
                        if (reason != null) {
                            errorCount[0]++;
                            errors.add(error(source, path, bytes, length, offset, number, reason));
                        }
                        for (LineMapper.Rejected r : mapper.rejected()) {
                            errorCount[0]++;
                            errors.add(rejected(source, path, r));
                        }
                        totals.addEvents(mapper.drainEvents());
                        List<FactRecord> ready = mapper.drain();
                        if (!ready.isEmpty() || errors.size() >= RECORD_CHUNK) {
                            produced[0] += ready.size() + errors.size();
                            totals.add(ready);
                            totals.add(errors);
                            errors.clear();
                        }
                        totals.report(false);
                    });
        } catch (IOException e) {
            throw new AgentStoreException("cannot read " + file + ": " + e.getMessage(), e);
        }
        long end = reader.endOffset();
        long endLine = firstLine + reader.lines() - 1;
        long[] open = null;
        if (idle) {
            mapper.finish();
        } else {
            open = mapper.finishLive();
            if (open != null) {
                end = open[0];
                endLine = open[1] - 1;
            }
        }
        totals.addEvents(mapper.drainEvents());
        List<FactRecord> last = new ArrayList<>(mapper.drain());
        for (LineMapper.Rejected r : mapper.rejected()) {
            errorCount[0]++;
            errors.add(rejected(source, path, r));
        }
        last.addAll(errors);
        produced[0] += last.size();
        if (reader.partialTail()) {
            totals.partial++;
        }
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("end_line", endLine);
        attrs.put("held_back", open != null);
        attrs.put("partial_tail", reader.partialTail());
        String hash = tailHash(file, end);
        // the watermark goes into the same transaction as the file's last facts, or a later one
        last.add(new IngestRun(
                Ids.of(
                        "run",
                        path,
                        Long.toString(start),
                        Long.toString(end),
                        Long.toString(size),
                        Boolean.toString(open != null)),
                store.clock().instant(),
                null,
                source,
                path,
                size,
                start,
                end,
                hash,
                reader.lines(),
                produced[0],
                errorCount[0],
                reread,
                attrs));
        totals.add(last);
        totals.errors += errorCount[0];
        totals.filesRead++;
        if (reread) {
            totals.filesReread++;
        }
        mapper.counts().forEach((k, v) -> totals.counts.merge(k, v, Long::sum));
    }

    /**
     * The JSON values of a line: usually one, but a line can hold several ({@code {...}{...}}, a record
     * appended without the newline of the one before): each is read. A line with a value cut off or malformed
     * anywhere is an error as a whole, none of its values read. A blank line is one missing value.
     */
    private static List<JsonNode> values(byte[] bytes, int length) throws IOException {
        List<JsonNode> values = new ArrayList<>(1);
        try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(bytes, 0, length)) {
            while (p.nextToken() != null) {
                values.add(Json.MAPPER.readTree(p));
            }
        }
        if (values.isEmpty()) {
            values.add(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        return values;
    }

    /**
     * Whether the end of an idle file after its last newline is complete JSON (then it is the file's last
     * line): blank, cut-off or malformed bytes are not, and stay a partial tail.
     */
    private static boolean completeJson(byte[] bytes, int length) {
        try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(bytes, 0, length)) {
            int values = 0;
            while (p.nextToken() != null) {
                p.skipChildren();
                values++;
            }
            return values > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The timestamp of a record ({@code timestamp}, or the one of the message a progress record carries) when
     * it is after {@code after}, else null.
     */
    private static Instant futureTimestamp(JsonNode node, Instant after) {
        for (JsonNode ts : new JsonNode[] {
            node.path("timestamp"), node.path("data").path("message").path("timestamp")
        }) {
            if (ts.isTextual()) {
                try {
                    Instant at = Instant.parse(ts.asText());
                    if (at.isAfter(after)) {
                        return at;
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    // the mapper reports it
                }
            }
        }
        return null;
    }

    /**
     * The flag of a record dated more than a day after the store's clock: the record is imported as it is,
     * and this ingest error (attribute {@code kind = "future_timestamp"}) lets {@code doctor} list it.
     */
    private IngestError futureError(
            String source, String path, byte[] bytes, int length, long offset, long number, Instant at) {
        return new IngestError(
                Ids.of("ingest-error", path, Long.toString(offset), FUTURE_TIMESTAMP, at.toString()),
                store.clock().instant(),
                null,
                source,
                path,
                number,
                offset,
                "future timestamp: " + at + " is more than a day after the import (accepted)",
                excerpt(bytes, length),
                Map.of("kind", FUTURE_TIMESTAMP, "timestamp", at.toString()));
    }

    private IngestError error(
            String source, String path, byte[] bytes, int length, long offset, long number, String reason) {
        String excerpt = excerpt(bytes, length);
        String clean = reason.replace('\u0000', ' ');
        return new IngestError(
                Ids.of("ingest-error", path, Long.toString(offset), sha(bytes, length)),
                store.clock().instant(),
                null,
                source,
                path,
                number,
                offset,
                clean.length() > 500 ? clean.substring(0, 500) : clean,
                excerpt,
                Map.of());
    }

    /** The start of a line for an ingest error, without NUL characters or lone surrogates. */
    private static String excerpt(byte[] bytes, int length) {
        String excerpt = new String(bytes, 0, Math.min(length, 300), StandardCharsets.UTF_8).replace('\u0000', ' ');
        return excerpt.codePoints()
                .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    /** The ingest error of a line whose facts were refused after it was read; no excerpt, the line is gone. */
    private IngestError rejected(String source, String path, LineMapper.Rejected r) {
        String clean = r.reason().replace('\u0000', ' ');
        return new IngestError(
                Ids.of("ingest-error", path, Long.toString(r.offset()), "rejected", r.reason()),
                store.clock().instant(),
                null,
                source,
                path,
                r.lineNumber(),
                r.offset(),
                clean.length() > 500 ? clean.substring(0, 500) : clean,
                null,
                Map.of());
    }

    private TranscriptMapper.Context context(Path file) {
        Path root = projectDirs.stream()
                .map(Path::toAbsolutePath)
                .filter(file.toAbsolutePath()::startsWith)
                .findFirst()
                .orElse(file.toAbsolutePath().getParent());
        Path rel = root.relativize(file.toAbsolutePath());
        String name = file.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jsonl".length());
        boolean subagent = name.startsWith("agent-");
        String transcriptKey = rel.getNameCount() >= 4
                        && rel.getName(rel.getNameCount() - 2).toString().equals("subagents")
                ? rel.getName(rel.getNameCount() - 3).toString()
                : stem;
        String agentType = null;
        Path meta = file.resolveSibling(stem + ".meta.json");
        if (subagent && Files.isRegularFile(meta)) {
            try {
                agentType = TranscriptMapperText.text(Json.MAPPER.readTree(meta.toFile()), "agentType");
            } catch (IOException e) {
                agentType = null;
            }
        }
        return new TranscriptMapper.Context(
                rel.toString().replace('\\', '/'), rel.getName(0).toString(), transcriptKey, subagent, agentType);
    }

    /** Reads a text field; kept here to keep the mapper's helpers package-private. */
    private static final class TranscriptMapperText {
        static String text(JsonNode node, String field) {
            JsonNode v = node.get(field);
            return v == null || !v.isTextual() ? null : v.asText();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** A hash of the (up to) 1 KiB before {@code end}: what a rewritten file changes. */
    private static String tailHash(Path file, long end) {
        if (end == 0) {
            return null;
        }
        int n = (int) Math.min(TAIL_BYTES, end);
        ByteBuffer buffer = ByteBuffer.allocate(n);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < end) {
                return "shrunk";
            }
            channel.position(end - n);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return sha(buffer.array(), buffer.position());
    }

    private static String sha(byte[] bytes, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, length);
            return HexFormat.of().formatHex(d.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Configures a {@link ClaudeCodeImporter}. */
    public static final class Builder {
        private final AgentStore store;
        private final List<Path> projectDirs = new ArrayList<>();
        private Instant since;
        private Duration idleAfter = Duration.ofMinutes(30);
        private int maxLineBytes = 64 * 1024 * 1024;
        private Consumer<ImportProgress> progress;
        private HookSpool hookSpool;
        private boolean rescan;
        private java.util.function.Predicate<Path> exclude = p -> false;

        private Builder(AgentStore store) {
            this.store = Objects.requireNonNull(store, "store must not be null");
        }

        /**
         * A projects folder to import (repeatable). Default: {@code $CLAUDE_CONFIG_DIR/projects} for each
         * comma-separated entry, else {@code ~/.config/claude/projects} and {@code ~/.claude/projects}.
         */
        public Builder projectsDir(Path dir) {
            projectDirs.add(Objects.requireNonNull(dir, "dir must not be null"));
            return this;
        }

        /** Only files modified at or after this instant. */
        public Builder since(Instant since) {
            this.since = Objects.requireNonNull(since, "since must not be null");
            return this;
        }

        /**
         * How long after its last change a file counts as finished; until then, calls that may still get
         * lines are held back for the next import. Default 30 minutes.
         */
        public Builder idleAfter(Duration idleAfter) {
            Objects.requireNonNull(idleAfter, "idleAfter must not be null");
            if (idleAfter.isNegative()) {
                throw new IllegalArgumentException("idleAfter must not be negative, was " + idleAfter);
            }
            this.idleAfter = idleAfter;
            return this;
        }

        /** Lines longer than this are recorded as ingest errors without being held in memory; default 64 MiB. */
        public Builder maxLineBytes(int maxLineBytes) {
            if (maxLineBytes < 1024) {
                throw new IllegalArgumentException("maxLineBytes must be >= 1024, was " + maxLineBytes);
            }
            this.maxLineBytes = maxLineBytes;
            return this;
        }

        /** Receives progress about twice a second and after each file. */
        public Builder progress(Consumer<ImportProgress> progress) {
            this.progress = Objects.requireNonNull(progress, "progress must not be null");
            return this;
        }

        /** Also drains this hook spool (what {@code agent-store hook} appended) after the transcripts. */
        public Builder hookSpool(HookSpool spool) {
            this.hookSpool = Objects.requireNonNull(spool, "spool must not be null");
            return this;
        }

        /**
         * Makes {@link #run()} a rescan: every transcript is read again from its start and only its source
         * events are applied, so that modules installed after the history was imported get their facts
         * (compactions as context overflows, for example). The facts the import stored, its watermarks and
         * the hook spool are left alone, and events already applied change nothing (their facts' event ids
         * are name-based).
         */
        public Builder rescan() {
            this.rescan = true;
            return this;
        }

        /**
         * Transcript files to leave out (for example those of erased sessions, which agent-store-lifecycle's skip
         * list names); default none.
         */
        public Builder exclude(java.util.function.Predicate<Path> exclude) {
            this.exclude = Objects.requireNonNull(exclude, "exclude must not be null");
            return this;
        }

        /** The importer. */
        public ClaudeCodeImporter build() {
            return new ClaudeCodeImporter(this);
        }
    }
}
