package io.agentstore.internal;

import io.agentstore.core.CoreDimensions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The writer's key cache ({@code KeyResolver}, package-private, hence this benchmark's package): resolving a
 * natural key that is cached ({@link #cachedSession}, {@link #cachedFile}: the per-fact hot path, five per tool
 * call), and one that is not ({@link #newSession}: a SELECT that finds nothing, then an INSERT, which is what
 * each new session, task and file costs the writer). On an in-memory DuckDB with the core schema.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyResolverBenchmark {
    private Connection connection;
    private KeyResolver keys;
    private final Instant at = Instant.parse("2026-10-20T10:15:30Z");
    private final List<List<Object>> sessions = new ArrayList<>();
    private final List<List<Object>> files = new ArrayList<>();
    private final List<Object> noSessionAttributes = Arrays.asList(null, null, null, null, null);
    private int next;
    private long fresh;

    /** An in-memory database with the core schema and 2,000 sessions and 5,000 files cached. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (InputStream in = KeyResolverBenchmark.class
                        .getClassLoader()
                        .getResourceAsStream("agent-store/core/V1__core_schema.sql");
                Statement st = connection.createStatement()) {
            st.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        keys = new KeyResolver((org.duckdb.DuckDBConnection) connection, 100_000);
        for (int i = 0; i < 2_000; i++) {
            List<Object> k = List.of("session-" + i);
            sessions.add(k);
            keys.key(CoreDimensions.SESSION, k, noSessionAttributes, at);
        }
        for (int i = 0; i < 5_000; i++) {
            List<Object> k = List.of("src/core/pkg" + i / 100 + "/File" + i + ".java");
            files.add(k);
            keys.key(CoreDimensions.FILE, k, List.of("java"), at);
        }
        keys.commit();
    }

    /** Closes the database. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        keys.close();
        connection.close();
    }

    /** A cached session. */
    @Benchmark
    public Long cachedSession() throws Exception {
        next = (next + 1) % sessions.size();
        return keys.key(CoreDimensions.SESSION, sessions.get(next), noSessionAttributes, at);
    }

    /** A cached file with its attribute (the extension). */
    @Benchmark
    public Long cachedFile() throws Exception {
        next = (next + 1) % files.size();
        return keys.key(CoreDimensions.FILE, files.get(next), List.of("java"), at);
    }

    /** A session not seen before: a look-up that misses, then an insert. */
    @Benchmark
    public Long newSession() throws Exception {
        Long k = keys.key(CoreDimensions.SESSION, List.of("new-" + fresh++), noSessionAttributes, at);
        keys.commit();
        return k;
    }
}
