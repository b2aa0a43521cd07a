package io.agentstore.claudecode;

import io.agentstore.AgentStore;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM that imports a Claude Code projects folder, for the process tests of the importer:
 * {@code import <db> <projects> [hold]} opens the store, prints {@code READY <pid>}, runs the import
 * (files count as finished at once: idle after zero) printing {@code BYTES <bytes done>} at each progress
 * report, then {@code IMPORTED <records written> <errors> <lines> <peak heap bytes>}. With {@code hold} it
 * then keeps the store open until its stdin closes. It closes the store, prints {@code CLOSED} and exits; a
 * failure prints {@code FAILED <class> <message>} and exits with 1.
 */
public final class ImporterMain {
    private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

    private ImporterMain() {}

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 3 || !args[0].equals("import")) {
            System.err.println("usage: import <db> <projects> [hold]");
            System.exit(2);
        }
        boolean hold = args.length > 3 && args[3].equals("hold");
        try (AgentStore store = AgentStore.builder().path(Path.of(args[1])).build()) {
            println("READY " + ProcessHandle.current().pid());
            ImportSummary s = ClaudeCodeImporter.builder(store)
                    .projectsDir(Path.of(args[2]))
                    .idleAfter(Duration.ZERO)
                    .progress(p -> println("BYTES " + p.bytesDone()))
                    .build()
                    .run();
            println("IMPORTED " + s.recordsWritten() + " " + s.errors() + " " + s.linesRead() + " " + peakHeap());
            if (hold) {
                InputStream in = System.in;
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        } catch (RuntimeException | Error e) {
            println("FAILED " + e.getClass().getName() + " "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
            System.exit(1);
        }
        println("CLOSED");
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void println(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (OUT) {
            try {
                OUT.write(bytes);
                OUT.flush();
            } catch (IOException e) {
                Runtime.getRuntime().halt(3);
            }
        }
    }
}
