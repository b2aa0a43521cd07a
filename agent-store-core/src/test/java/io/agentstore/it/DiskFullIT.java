package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.Soak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose disk fills up while a process records into it ({@code RecorderMain fill}): the call that
 * cannot be written fails with an {@link io.agentstore.spi.AgentStoreException} that says the disk (or the file
 * size limit) is full and what to do; everything accepted before stays readable; once there is space again,
 * recording resumes (after closing and reopening the store when DuckDB stopped the database, which its
 * message then says).
 *
 * <p>The full disk is a 16 MiB tmpfs mounted for the test, with a ballast file that is deleted to free
 * space. Where mounting is not allowed (no root, a container without {@code CAP_SYS_ADMIN}), the child runs
 * under a file size limit instead ({@code bash -c 'ulimit -S -f N; exec java ...'}, N just above DuckDB's
 * native library, which the driver copies at start), and {@code prlimit} lifts the limit to "free space".
 * {@code -Dagentstore.diskfull=tmpfs|ulimit} picks one; the soak run does both. Two scenarios each: the
 * write-ahead log meets the full disk (DuckDB refuses the commit and carries on), and a checkpoint meets it
 * (DuckDB keeps the commit but stops the database until it is reopened).
 */
class DiskFullIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long TMPFS_BYTES = 24L << 20;
    private static final long BALLAST_BYTES = 12L << 20;

    @TempDir
    Path dir;

    enum Limit {
        TMPFS,
        ULIMIT
    }

    enum Scenario {
        /** The write-ahead log fills the disk: DuckDB refuses the commit and goes on. */
        LOG,
        /** A checkpoint fills the disk: DuckDB keeps the commit in its log and stops the database. */
        CHECKPOINT
    }

    @Test
    void aFullDiskFailsTheCallClearlyKeepsWhatWasAcceptedAndRecordingResumesOnceThereIsSpace() throws Exception {
        String forced = System.getProperty("agentstore.diskfull", "");
        List<Limit> limits = new ArrayList<>();
        String whyNotTmpfs = forced.equals("ulimit") ? "-Dagentstore.diskfull=ulimit" : canMount();
        if (whyNotTmpfs == null) {
            limits.add(Limit.TMPFS);
        }
        if (whyNotTmpfs != null || forced.equals("ulimit") || (Soak.on() && !forced.equals("tmpfs"))) {
            limits.add(Limit.ULIMIT);
        }
        System.out.printf(
                "DiskFullIT: %s%n",
                whyNotTmpfs == null
                        ? "a tmpfs can be mounted here"
                        : "no tmpfs (" + whyNotTmpfs + "): a file size limit (ulimit -f) stands in for the full disk");
        int runs = 0;
        for (Limit limit : limits) {
            for (Scenario scenario : Scenario.values()) {
                run(limit, scenario);
                runs++;
            }
        }
        System.out.printf(
                "DiskFullIT FIGURES: %d full-disk runs (%s), every accepted record readable after, 0 lost%n",
                runs, limits);
    }

    private void run(Limit limit, Scenario scenario) throws Exception {
        String context = limit + " " + scenario;
        Path folder = Files.createDirectories(dir.resolve(limit + "-" + scenario));
        Path disk = folder.resolve("disk");
        Files.createDirectories(disk);
        boolean mounted = false;
        try {
            Path file = disk.resolve("full.duckdb");
            Path ballast = disk.resolve("ballast");
            String threshold;
            ChildJvm child;
            if (limit == Limit.TMPFS) {
                mount(disk);
                mounted = true;
                Files.write(ballast, new byte[(int) BALLAST_BYTES]);
                // the log alone cannot reach the 16 MB checkpoint threshold on this disk; 1 MB makes checkpoints fill
                // it
                threshold = scenario == Scenario.LOG ? "default" : "1MB";
                child = ChildJvm.start(
                        folder, RecorderMain.class, "fill", file.toString(), durability(scenario), threshold);
            } else {
                // the log alone reaches the limit when checkpoints wait for 1 GB of it; by default a checkpoint does
                threshold = scenario == Scenario.LOG ? "1GB" : "default";
                child = ChildJvm.startWithFileSizeLimit(
                        folder,
                        nativeLibraryBytes() + (8L << 20),
                        RecorderMain.class,
                        "fill",
                        file.toString(),
                        durability(scenario),
                        threshold);
            }
            List<UUID> accepted = new ArrayList<>();
            UUID resumed;
            try (child) {
                child.awaitLine(l -> l.startsWith("READY"), TIMEOUT);
                String line;
                while (!(line = child.nextLine(TIMEOUT)).startsWith("FULL ")) {
                    accepted.add(UUID.fromString(line));
                }
                String full = line;
                System.out.printf(
                        "DiskFullIT %s: %d records accepted, then: %s%n",
                        context, accepted.size(), full.length() > 600 ? full.substring(0, 600) + "..." : full);
                assertThat(accepted)
                        .as("%s: records accepted before the disk was full", context)
                        .isNotEmpty();
                assertThat(full)
                        .as("%s: the failure is an AgentStoreException", context)
                        .startsWith("FULL io.agentstore.");
                assertThat(full)
                        .as("%s: the message names the I/O error", context)
                        .containsAnyOf("No space left on device", "File too large");
                assertThat(full)
                        .as("%s: the message says what to do", context)
                        .contains("is full")
                        .contains("Free space");
                boolean stopped = full.contains("close this store and open it again");

                freeSpace(limit, ballast, child);
                String count = null;
                if (!stopped) {
                    child.send("COUNT");
                    count = child.nextLine(TIMEOUT);
                    // the write journal filled the disk first; loading it (the query loads it) needs the journal's
                    // space and DuckDB's at once, so the checkpoint after that load may still meet the full disk:
                    // DuckDB keeps the commit and stops the database, and the message says so
                    if (count.startsWith("STILL io.agentstore.") && count.contains("open it again")) {
                        System.out.printf("DiskFullIT %s: loading the journal met the full disk: %s%n", context, count);
                        stopped = true;
                    }
                }
                if (!stopped) {
                    assertThat(count)
                            .as("%s: what was accepted is readable at once", context)
                            .isEqualTo("COUNT " + accepted.size());
                    child.send("RETRY");
                    String retry = child.nextLine(TIMEOUT);
                    assertThat(retry)
                            .as("%s: recording resumes without a reopen", context)
                            .startsWith("RESUMED ");
                    resumed = UUID.fromString(retry.substring(8));
                } else {
                    if (count == null) {
                        child.send("RETRY");
                        assertThat(child.nextLine(TIMEOUT))
                                .as("%s: DuckDB stopped the database, as the message said", context)
                                .startsWith("STILL io.agentstore.")
                                .contains("open it again");
                        child.send("COUNT");
                        assertThat(child.nextLine(TIMEOUT))
                                .as("%s: a query fails as clearly until the reopen", context)
                                .startsWith("STILL io.agentstore.")
                                .contains("open it again");
                    }
                    child.send("REOPEN");
                    assertThat(child.nextLine(TIMEOUT))
                            .as("%s: the store opens again once there is space", context)
                            .isEqualTo("REOPENED");
                    child.send("RETRY");
                    String retry = child.nextLine(TIMEOUT);
                    assertThat(retry)
                            .as("%s: recording resumes after the reopen", context)
                            .startsWith("RESUMED ");
                    resumed = UUID.fromString(retry.substring(8));
                    child.send("COUNT");
                    assertThat(child.nextLine(TIMEOUT))
                            .as("%s: counted after the reopen", context)
                            .startsWith("COUNT ");
                }
                child.send("EXIT");
                assertThat(child.nextLine(TIMEOUT)).isEqualTo("CLOSED");
                assertThat(child.waitFor(TIMEOUT))
                        .as("%s: exit code; stderr %s", context, child.stderr())
                        .isZero();
            }
            Map<UUID, Long> stored = new HashMap<>();
            try (AgentStore store = AgentStore.builder().path(file).build()) {
                for (Row r : store.sql("SELECT event_id, count(*) AS n FROM fact_error GROUP BY event_id")
                        .rows()) {
                    stored.put(r.uuid("event_id"), r.int64("n"));
                }
            }
            for (UUID id : accepted) {
                assertThat(stored.get(id))
                        .as("%s: accepted record %s after reopening", context, id)
                        .isEqualTo(1L);
            }
            assertThat(stored.get(resumed))
                    .as("%s: the record after the disk had space again", context)
                    .isEqualTo(1L);
            assertThat(stored.values()).allMatch(n -> n == 1L);
            assertThat(stored)
                    .as("%s: the accepted records and the one after, nothing else", context)
                    .hasSize(accepted.size() + 1);
        } finally {
            if (mounted) {
                unmount(disk);
            }
        }
    }

    private static String durability(Scenario scenario) {
        return scenario == Scenario.LOG ? "GROUP_COMMIT" : "SYNC";
    }

    private void freeSpace(Limit limit, Path ballast, ChildJvm child) throws Exception {
        if (limit == Limit.TMPFS) {
            Files.delete(ballast);
            return;
        }
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(child.pid()), "--fsize=unlimited")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("prlimit lifts the child's file size limit: %s", out)
                .isZero();
    }

    /** Null when a tmpfs can be mounted here, else why not. */
    private String canMount() throws Exception {
        Path probe = Files.createDirectories(dir.resolve("mount-probe"));
        try {
            mount(probe);
        } catch (IOException | AssertionError e) {
            return e.getMessage();
        }
        unmount(probe);
        return null;
    }

    private static void mount(Path at) throws Exception {
        String out = exec("mount", "-t", "tmpfs", "-o", "size=" + (TMPFS_BYTES >> 20) + "m", "tmpfs", at.toString());
        if (out != null) {
            throw new IOException("mount -t tmpfs failed: " + out.strip());
        }
    }

    private static void unmount(Path at) throws Exception {
        String out = exec("umount", at.toString());
        if (out != null) {
            throw new AssertionError("umount " + at + " failed: " + out);
        }
    }

    /** Runs a command; null when it succeeded, else its output. */
    private static String exec(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", command) + " did not finish in 30 s";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out;
    }

    /** The size of the DuckDB library that the driver copies into the temporary folder of every process. */
    private static long nativeLibraryBytes() throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("duckdb_jdbc") && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    long largest = 0;
                    for (ZipEntry e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().startsWith("libduckdb_java")) {
                            largest = Math.max(largest, e.getSize());
                        }
                    }
                    if (largest > 0) {
                        return largest;
                    }
                }
            }
        }
        throw new AssertionError("no duckdb_jdbc jar with a native library on the class path");
    }
}
