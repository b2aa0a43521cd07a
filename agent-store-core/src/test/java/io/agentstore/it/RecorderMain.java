package io.agentstore.it;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.core.ToolCall;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
 *       {@code tag} and the thread so that dimensions are shared between threads and rounds.</li>
 * </ul>
 */
public final class RecorderMain {
    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private RecorderMain() {
    }

    /** Entry point; see the class comment for the modes. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            fail("usage: hold <path> [lockWaitMs] | record <path> <durability> <threads> <tag> [checkpointThreshold]");
        }
        Path path = Path.of(args[1]);
        switch (args[0]) {
            case "hold" -> hold(path, args.length > 2 ? Long.parseLong(args[2]) : 10_000);
            case "record" -> record(path, Durability.valueOf(args[2]), Integer.parseInt(args[3]), args[4],
                    args.length > 5 ? args[5] : null);
            default -> fail("unknown mode " + args[0]);
        }
    }

    private static void hold(Path path, long lockWaitMs) throws IOException {
        try (AgentStore store = AgentStore.builder().path(path).lockWait(Duration.ofMillis(lockWaitMs)).build()) {
            println("READY " + ProcessHandle.current().pid());
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
        AgentStore store = AgentStore.builder().path(path).durability(durability).build();
        if (checkpointThreshold != null) {
            // a small threshold makes DuckDB checkpoint every few commits, so kills land inside checkpoints too
            // (DuckDB's JDBC driver shares one database between connections to one file in a process)
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + path.toAbsolutePath());
                 Statement st = c.createStatement()) {
                st.execute("SET GLOBAL checkpoint_threshold = '" + checkpointThreshold + "'");
            }
            String now = store.sql("SELECT current_setting('checkpoint_threshold') AS t").rows().get(0).string("t");
            if (now.startsWith("16.0 MiB") || now.startsWith("16.7 MB")) {
                fail("checkpoint_threshold did not change: " + now);
            }
            System.err.println("checkpoint_threshold = " + now);
        }
        println("READY " + ProcessHandle.current().pid());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                long n = 0;
                while (true) {
                    n++;
                    UUID id = store.core().recordToolCall(ToolCall.builder()
                            .tool("Tool" + (n % 7))
                            .sessionId("session-" + tag + "-" + thread)
                            .targetPath("src/F" + (n % 13) + ".java")
                            .durationMs(n)
                            .attribute("n", n)
                            .build());
                    println(id.toString());
                }
            }, "recorder-" + t);
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
