package io.agentstore.cdc.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test repositories made with the real git. */
public final class Git {
    private final Path dir;

    private Git(Path dir) {
        this.dir = dir;
    }

    /** A new repository in {@code dir}. */
    public static Git init(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Git g = new Git(dir);
        g.run("init", "-q", "-b", "main");
        return g;
    }

    /** Writes a file (relative path). */
    public Git write(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Deletes a file. */
    public Git delete(String path) {
        run("rm", "-q", path);
        return this;
    }

    /** Commits everything and answers the commit. */
    public String commit(String message) {
        run("add", "-A");
        run("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return run("rev-parse", "HEAD").strip();
    }

    /** Runs git in the repository. */
    public String run(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
