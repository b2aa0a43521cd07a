package io.agentstore.it;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.ExportSummary;
import io.agentstore.core.ErrorEvent;
import io.agentstore.core.ToolCall;
import io.agentstore.spi.Row;
import io.agentstore.testing.TestModule;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM for the process tests. Every line it prints goes out in one {@code write} call, so a reader
 * never sees half a line from one thread glued to another's.
 *
 * <ul>
 *   <li>{@code hold <path> [lockWaitMs]}: opens the store, prints {@code READY <pid>}, waits until its
 *       stdin closes, closes the store and prints {@code CLOSED}.</li>
 *   <li>{@code record <path> <SYNC|GROUP_COMMIT|ASYNC> <threads> <tag> [checkpointThreshold]}: opens the
 *       store (with DuckDB's {@code checkpoint_threshold} set, when given), prints
 *       {@code READY <pid>}, then records tool calls from {@code threads} threads until it is killed,
 *       printing the event id of each call after the call returned. Tools and sessions are named after
 *       {@code tag} and the thread so that dimensions are shared between threads and rounds. In ASYNC, every
 *       {@value #FLUSH_EVERY}th call of a thread is followed by a flush: the thread prints
 *       {@code FLUSHING <n>}, calls {@code flush()}, and prints {@code FLUSHED <n>} once it returned, so every
 *       id printed before {@code FLUSHING <n>} is committed once {@code FLUSHED <n>} is printed.</li>
 *   <li>{@code migrate <path>}: prints {@code MIGRATING <pid>}, opens the store with the slow test module
 *       ({@link #SLOW}: one script that creates a big table), prints {@code MIGRATED}, closes it and exits.</li>
 *   <li>{@code export <path> <folder>}: opens the store, prints {@code EXPORTING <pid>}, runs an incremental
 *       Parquet export into {@code folder}, prints {@code EXPORTED <fact rows>}, closes it and exits.</li>
 *   <li>{@code fill <path> <SYNC|GROUP_COMMIT> <checkpointThreshold|default>}: records errors with 64 KiB
 *       of incompressible text, printing each event id once its call returned, until a call fails; then
 *       prints {@code FULL <exception class> <message>} and obeys lines on stdin: {@code RETRY} records one
 *       more ({@code RESUMED <id>} or {@code STILL <class> <message>}), {@code COUNT} counts the errors
 *       recorded ({@code COUNT <n>} or {@code STILL ...}), {@code REOPEN} closes and reopens the store
 *       ({@code REOPENED}, or {@code STILL ...}), {@code EXIT} closes it ({@code CLOSED}) and exits.</li>
 *   <li>{@code open <path>}: opens the store, prints {@code OPENED}, reads every row of every table
 *       ({@code READ <table> <rows> <hash>} each), records one tool call ({@code RECORDED}) and prints
 *       {@code DONE}; any exception ends it with {@code FAILED <class> <message>}. For damaged files: a
 *       crash of the native code shows as a missing {@code DONE} or {@code FAILED}, not as a dead test JVM.</li>
 * </ul>
 * Messages are printed on one line ({@code " | "} for line breaks).
 */
public final class RecorderMain {
    /** The test module of the {@code migrate} mode: its V1 creates a table of a few million rows. */
    public static final TestModule SLOW =
            TestModule.of("slow", "slow", Set.of("core"), List.of("V1__slow_rows.sql"), List.of());
    /** The rows {@link #SLOW}'s V1 creates. */
    public static final long SLOW_ROWS = 1_500_000;
    /** How many ASYNC calls a thread makes between two flushes. */
    public static final int FLUSH_EVERY = 250;
    /** The length of the text of each error the {@code fill} mode records. */
    public static final int FILL_TEXT = 64 * 1024;

    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private RecorderMain() {}

    /** Entry point; see the class comment for the modes. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            fail(
                    "usage: hold <path> [lockWaitMs] | record <path> <durability> <threads> <tag> [checkpointThreshold]"
                            + " | migrate <path> | export <path> <folder> | fill <path> <durability> <threshold> | open <path>");
        }
        Path path = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> hold(path, args.length > 2 ? Long.parseLong(args[2]) : 10_000);
            case "holdread" -> holdRead(path);
            case "record" ->
                record(
                        path,
                        Durability.valueOf(args[2]),
                        Integer.parseInt(args[3]),
                        args[4],
                        args.length > 5 ? args[5] : null);
            case "migrate" -> migrate(path);
            case "export" -> export(path, Path.of(args[2]));
            case "fill" -> fill(path, Durability.valueOf(args[2]), args[3]);
            case "open" -> open(path);
            default -> fail("unknown mode " + args[0]);
        }
    }

    @SuppressWarnings("try") // the store is held open (and locked) while the body waits on stdin
    private static void hold(Path path, long lockWaitMs) throws IOException {
        try (AgentStore store = AgentStore.builder()
                .path(path)
                .lockWait(Duration.ofMillis(lockWaitMs))
                .build()) {
            println("READY " + ProcessHandle.current().pid());
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // wait for the parent to close our stdin
            }
        }
        println("CLOSED");
    }

    /** Like {@code hold}, with a read-only open; prints {@code READY <pid> <rows of fact_tool_call>}. */
    private static void holdRead(Path path) throws IOException {
        try (AgentStore store = AgentStore.builder()
                .path(path)
                .readOnly()
                .lockWait(Duration.ofSeconds(10))
                .build()) {
            println("READY " + ProcessHandle.current().pid() + " "
                    + store.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"));
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // wait for the parent to close our stdin
            }
        }
        println("CLOSED");
    }

    private static void record(Path path, Durability durability, int threads, String tag, String checkpointThreshold)
            throws Exception {
        AgentStore store =
                AgentStore.builder().path(path).durability(durability).build();
        if (checkpointThreshold != null) {
            // a small threshold makes DuckDB checkpoint every few commits, so kills land inside checkpoints too
            setCheckpointThreshold(store, path, checkpointThreshold);
        }
        println("READY " + ProcessHandle.current().pid());
        AtomicLong flushes = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(
                    () -> {
                        long n = 0;
                        while (true) {
                            n++;
                            UUID id = store.core()
                                    .recordToolCall(ToolCall.builder()
                                            .tool("Tool" + (n % 7))
                                            .sessionId("session-" + tag + "-" + thread)
                                            .targetPath("src/F" + (n % 13) + ".java")
                                            .durationMs(n)
                                            .attribute("n", n)
                                            .build());
                            println(id.toString());
                            if (durability == Durability.ASYNC && n % FLUSH_EVERY == 0) {
                                long flush = flushes.incrementAndGet();
                                println("FLUSHING " + flush);
                                store.flush();
                                println("FLUSHED " + flush);
                            }
                        }
                    },
                    "recorder-" + t);
            worker.setUncaughtExceptionHandler((th, e) -> {
                e.printStackTrace();
                println("FAILED " + e);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    private static void setCheckpointThreshold(AgentStore store, Path path, String threshold) throws Exception {
        // a global setting of the one database the store's connections share
        store.sql("SET GLOBAL checkpoint_threshold = '" + threshold + "'").rows();
        String now = store.sql("SELECT current_setting('checkpoint_threshold') AS t")
                .rows()
                .get(0)
                .string("t");
        if (now.startsWith("16.0 MiB") || now.startsWith("16.7 MB")) {
            fail("checkpoint_threshold did not change: " + now);
        }
        System.err.println("checkpoint_threshold = " + now);
    }

    @SuppressWarnings("try") // the store is opened only to migrate it; the body never reads it
    private static void migrate(Path path) throws Exception {
        // load DuckDB's native library (a 70 MB copy) first: the parent counts the bytes the migration writes
        DriverManager.getConnection("jdbc:duckdb:").close();
        println("MIGRATING " + ProcessHandle.current().pid());
        try (AgentStore store = AgentStore.builder().path(path).install(SLOW).build()) {
            println("MIGRATED");
        }
    }

    private static void export(Path path, Path folder) {
        try (AgentStore store = AgentStore.builder().path(path).build()) {
            println("EXPORTING " + ProcessHandle.current().pid());
            ExportSummary summary = store.export().parquet(folder).incremental().run();
            println("EXPORTED " + summary.factRows());
        }
    }

    private static void fill(Path path, Durability durability, String checkpointThreshold) throws Exception {
        AgentStore store =
                AgentStore.builder().path(path).durability(durability).build();
        if (!checkpointThreshold.equals("default")) {
            setCheckpointThreshold(store, path, checkpointThreshold);
        }
        println("READY " + ProcessHandle.current().pid());
        Random random = new Random(7);
        try {
            while (true) {
                println(fillOne(store, random).toString());
            }
        } catch (RuntimeException e) {
            println("FULL " + oneLine(e));
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = in.readLine()) != null) {
            switch (command) {
                case "RETRY" -> {
                    try {
                        println("RESUMED " + fillOne(store, random));
                    } catch (RuntimeException e) {
                        println("STILL " + oneLine(e));
                    }
                }
                case "REOPEN" -> {
                    try {
                        store.close();
                    } catch (RuntimeException e) {
                        System.err.println("close after a full disk: " + oneLine(e));
                    }
                    try {
                        store = AgentStore.builder()
                                .path(path)
                                .durability(durability)
                                .build();
                        println("REOPENED");
                    } catch (RuntimeException e) {
                        println("STILL " + oneLine(e));
                    }
                }
                case "COUNT" -> {
                    try {
                        println("COUNT "
                                + store.sql("SELECT count(*) AS n FROM fact_error")
                                        .single()
                                        .orElseThrow()
                                        .int64("n"));
                    } catch (RuntimeException e) {
                        println("STILL " + oneLine(e));
                    }
                }
                case "EXIT" -> {
                    store.close();
                    println("CLOSED");
                    return;
                }
                default -> fail("unknown command " + command);
            }
        }
    }

    private static UUID fillOne(AgentStore store, Random random) {
        char[] text = new char[FILL_TEXT];
        for (int i = 0; i < text.length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return store.core()
                .recordError(ErrorEvent.builder()
                        .errorType("disk-filler")
                        .message(new String(text))
                        .build());
    }

    private static void open(Path path) {
        try (AgentStore store =
                AgentStore.builder().path(path).lockWait(Duration.ZERO).build()) {
            println("OPENED");
            for (Row table : store.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
                            + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                    .rows()) {
                String name = table.string("table_name");
                Row r = store.sql("SELECT count(*) AS n, CAST(sum(hash(t)) AS VARCHAR) AS h FROM \"" + name + "\" t")
                        .single()
                        .orElseThrow();
                println("READ " + name + " " + r.int64("n") + " " + r.string("h"));
            }
            store.core()
                    .recordToolCall(ToolCall.builder()
                            .tool("AfterDamage")
                            .targetPath("src/New.java")
                            .build());
            println("RECORDED");
        } catch (RuntimeException e) {
            println("FAILED " + oneLine(e));
            return;
        }
        println("DONE");
    }

    /** The exception's class and message on one line. */
    static String oneLine(Throwable e) {
        return e.getClass().getName() + " "
                + String.valueOf(e.getMessage()).replace("\r", "").replace("\n", " | ");
    }

    private static void println(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (OUT) {
            try {
                OUT.write(bytes);
                OUT.flush();
            } catch (IOException e) {
                // the parent stopped reading: nothing left to report to
                Runtime.getRuntime().halt(3);
            }
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
