package io.agentstore.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.AgentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Stores, project-owned report files and real git processes for the quality tests. */
final class Fixtures {
    private Fixtures() {}

    /** A new in-memory store with the quality module on a clock stopped at {@code now}. */
    static AgentStore store(String now) {
        return AgentStore.builder()
                .inMemory()
                .clock(Clock.fixed(Instant.parse(now), ZoneOffset.UTC))
                .install(QualityModule.create())
                .build();
    }

    /** A folder or file of {@code src/test/resources/reports/}, as copied to the test classpath. */
    static Path reports(String name) {
        try {
            return Path.of(Fixtures.class
                    .getClassLoader()
                    .getResource("reports/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a process in {@code dir} (with extra environment) and returns its standard output; fails on a non-zero exit. */
    static String run(Path dir, Map<String, String> env, String... command) {
        try {
            ProcessBuilder pb =
                    new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS))
                    .as("%s finished", List.of(command))
                    .isTrue();
            assertThat(p.exitValue())
                    .as("exit code of %s: %s", List.of(command), out)
                    .isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code git} with a fixed identity and, when {@code at} is given, fixed author and committer dates. */
    static String git(Path repo, String at, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Ada Lovelace",
                "-c",
                "user.email=ada@example.com",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
        command.addAll(List.of(args));
        Map<String, String> env = at == null ? Map.of() : Map.of("GIT_AUTHOR_DATE", at, "GIT_COMMITTER_DATE", at);
        return run(repo, env, command.toArray(String[]::new));
    }
}
