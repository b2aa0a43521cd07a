package io.agentstore.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentstore.AgentStore;
import io.agentstore.StoreLockedException;
import io.agentstore.core.ToolCall;
import io.agentstore.testing.ChildJvm;
import io.agentstore.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file lock: between processes (a real child JVM holds the file) and between stores of one JVM. */
class LockIT {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheFileMakesBuildFailAfterTheLockWaitNamingItsPid() throws Exception {
        Path file = dir.resolve("held.duckdb");
        try (ChildJvm child = ChildJvm.start(dir, RecorderMain.class, "hold", file.toString())) {
            assertThat(child.awaitLine(l -> l.startsWith("READY"), CHILD_TIMEOUT))
                    .isEqualTo("READY " + child.pid());

            // the store names files by their real path (on macOS /tmp is a link to /private/tmp)
            Path real = file.toRealPath();
            long start = System.nanoTime();
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(file)
                            .lockWait(Duration.ofMillis(500))
                            .build())
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> {
                        assertThat(e.holderPid()).hasValue(child.pid());
                        assertThat(e.path()).isEqualTo(real);
                        assertThat(e.getMessage())
                                .contains(real.toString())
                                .contains(String.valueOf(child.pid()))
                                .contains("PT0.5S");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("waited for the lock")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(500));
            assertThat(child.process().isAlive()).as("the holder is untouched").isTrue();

            child.closeStdin();
            assertThat(child.awaitLine(l -> l.equals("CLOSED"), CHILD_TIMEOUT)).isEqualTo("CLOSED");
            assertThat(child.waitFor(CHILD_TIMEOUT)).isZero();
        }
        try (AgentStore store =
                AgentStore.builder().path(file).lockWait(Duration.ZERO).build()) {
            assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isZero();
        }
    }

    @Test
    void aWaitingOpenGetsTheFileWhenTheOtherProcessCloses() throws Exception {
        Path file = dir.resolve("handover.duckdb");
        try (ChildJvm child = ChildJvm.start(dir, RecorderMain.class, "hold", file.toString())) {
            child.awaitLine(l -> l.startsWith("READY"), CHILD_TIMEOUT);

            AtomicReference<Thread> opener = new AtomicReference<>();
            CompletableFuture<AgentStore> waiting = CompletableFuture.supplyAsync(() -> {
                opener.set(Thread.currentThread());
                return AgentStore.builder()
                        .path(file)
                        .lockWait(Duration.ofSeconds(60))
                        .build();
            });
            // Release the file only once the opener is demonstrably retrying DuckDB's lock.
            Eventually.await(
                    "the opener retries the lock",
                    CHILD_TIMEOUT,
                    () -> opener.get() != null
                            && Eventually.isIn(opener.get(), "AgentStore$Builder", "connect")
                            && Eventually.isIn(opener.get(), "AgentStore$Builder", "pause"));
            assertThat(waiting).isNotDone();

            child.closeStdin();
            assertThat(child.waitFor(CHILD_TIMEOUT)).isZero();
            try (AgentStore store = waiting.get(60, TimeUnit.SECONDS)) {
                UUID id = store.core()
                        .recordToolCall(ToolCall.builder().tool("Read").build());
                assertThat(store.sql("SELECT count(*) AS n FROM fact_tool_call WHERE event_id = ?", id)
                                .single()
                                .orElseThrow()
                                .int64("n"))
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aSecondStoreOnTheSameFileInThisJvmWaitsThenFailsAndSucceedsOnceTheFirstCloses() {
        Path file = dir.resolve("twice.duckdb");
        long me = ProcessHandle.current().pid();
        AgentStore first = AgentStore.builder().path(file).build();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(file)
                            .lockWait(Duration.ofMillis(300))
                            .build())
                    .isInstanceOfSatisfying(StoreLockedException.class, e -> {
                        assertThat(e.holderPid()).hasValue(me);
                        assertThat(e.getMessage())
                                .contains(real(file).toString())
                                .contains(String.valueOf(me));
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            // the failed attempt must not have released the first store's claim on the file
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(file)
                            .lockWait(Duration.ZERO)
                            .build())
                    .isInstanceOf(StoreLockedException.class);
            first.core().recordToolCall(ToolCall.builder().tool("Read").build());
        } finally {
            first.close();
        }
        try (AgentStore second =
                AgentStore.builder().path(file).lockWait(Duration.ZERO).build()) {
            assertThat(second.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWaitingStoreInThisJvmGetsTheFileWhenTheFirstCloses() throws Exception {
        Path file = dir.resolve("queue.duckdb");
        AgentStore first = AgentStore.builder().path(file).build();
        AtomicReference<Thread> opener = new AtomicReference<>();
        CompletableFuture<AgentStore> waiting;
        try {
            waiting = CompletableFuture.supplyAsync(() -> {
                opener.set(Thread.currentThread());
                return AgentStore.builder()
                        .path(file)
                        .lockWait(Duration.ofSeconds(60))
                        .build();
            });
            Eventually.await(
                    "the second builder waits",
                    CHILD_TIMEOUT,
                    () -> opener.get() != null && Eventually.isIn(opener.get(), "AgentStore$Builder", "pause"));
            assertThat(waiting).isNotDone();
            first.core().recordToolCall(ToolCall.builder().tool("Write").build());
        } finally {
            first.close();
        }
        try (AgentStore second = waiting.get(60, TimeUnit.SECONDS)) {
            assertThat(second.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
    }

    @Test
    void aBuildThatFailsAfterTheWriterStartedReleasesTheFile() throws Exception {
        Path file = dir.resolve("broken.duckdb");
        String writerName = "agent-store-writer-" + file.getFileName();
        assertThatThrownBy(() -> AgentStore.builder()
                        .path(file)
                        .install(ProbeModule.withBrokenFacade())
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the probe facade cannot be created");
        assertThat(Thread.getAllStackTraces().keySet())
                .as("no writer thread is left running")
                .noneMatch(t -> t.getName().equals(writerName) && t.isAlive());
        // another process can take the file at once: this JVM holds no connection to it any more
        try (ChildJvm child = ChildJvm.start(dir, RecorderMain.class, "hold", file.toString(), "0")) {
            assertThat(child.nextLine(CHILD_TIMEOUT)).isEqualTo("READY " + child.pid());
            child.closeStdin();
            assertThat(child.waitFor(CHILD_TIMEOUT)).isZero();
        }
    }

    @Test
    void aSymbolicLinkToAnOpenFileIsTheSameFile() throws Exception {
        Path file = dir.resolve("real.duckdb");
        Path alias = Files.createSymbolicLink(dir.resolve("alias.duckdb"), file.getFileName());
        Path folderAlias = Files.createSymbolicLink(dir.resolve("folder-alias"), dir);
        try (AgentStore first = AgentStore.builder().path(file).build()) {
            first.core().recordToolCall(ToolCall.builder().tool("Read").build());
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(alias)
                            .lockWait(Duration.ofMillis(100))
                            .build())
                    .isInstanceOf(StoreLockedException.class);
            assertThatThrownBy(() -> AgentStore.builder()
                            .path(folderAlias.resolve("real.duckdb"))
                            .lockWait(Duration.ofMillis(100))
                            .build())
                    .isInstanceOf(StoreLockedException.class);
        }
        try (AgentStore viaAlias =
                AgentStore.builder().path(alias).lockWait(Duration.ZERO).build()) {
            assertThat(viaAlias.sql("SELECT count(*) AS n FROM fact_tool_call")
                            .single()
                            .orElseThrow()
                            .int64("n"))
                    .isEqualTo(1);
        }
    }
}
