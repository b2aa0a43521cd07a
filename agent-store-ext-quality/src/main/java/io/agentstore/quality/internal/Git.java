package io.agentstore.quality.internal;

import io.agentstore.spi.AgentStoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs {@code git} as a process: the repository of a folder, the HEAD at a moment, and the history. */
public final class Git {
    private static final char RS = '\u001e';
    private static final char GS = '\u001d';
    private static final String US = "\u001f";

    private Git() {}

    /**
     * One commit as {@code git log --numstat} reports it.
     *
     * @param sha         the SHA
     * @param parents     the parents' SHAs
     * @param authorName  the author
     * @param authorEmail the author's e-mail
     * @param authoredAt  the author time
     * @param committedAt the committer time
     * @param message     the raw message
     * @param files       the files changed
     */
    public record LogEntry(
            String sha,
            List<String> parents,
            String authorName,
            String authorEmail,
            Instant authoredAt,
            Instant committedAt,
            String message,
            List<FileStat> files) {}

    /**
     * One line of {@code --numstat}.
     *
     * @param path    the path within the repository
     * @param added   lines added, or null for a binary file
     * @param deleted lines deleted, or null for a binary file
     */
    public record FileStat(String path, Long added, Long deleted) {}

    /** The top-level folder of the repository holding {@code folder}, or empty when it is in none (or git is missing). */
    public static Optional<Path> topLevel(Path folder) {
        return run(folder, "rev-parse", "--show-toplevel").map(s -> Path.of(s.strip()));
    }

    /** The commit HEAD pointed at, at {@code at}: the latest commit of HEAD's history committed at or before it. */
    public static Optional<String> headAt(Path repo, Instant at) {
        return run(repo, "rev-list", "-1", "--before=" + at.getEpochSecond(), "HEAD")
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** The full SHA of a commit name (a SHA prefix, a branch, a tag). */
    public static Optional<String> resolve(Path repo, String rev) {
        return run(repo, "rev-parse", "--verify", "--quiet", rev + "^{commit}")
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    private static Optional<String> run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Streams the history of HEAD, newest first, one commit at a time, through
     * {@code git log --numstat --no-renames}.
     *
     * @throws AgentStoreException when git cannot be run or fails (the message carries git's error)
     */
    public static void log(Path repo, Consumer<LogEntry> sink) {
        List<String> command = List.of(
                "git",
                "-C",
                repo.toString(),
                "-c",
                "core.quotePath=false",
                "log",
                "HEAD",
                "--numstat",
                "--no-renames",
                "--no-color",
                "--format=" + RS + "%H" + US + "%P" + US + "%an" + US + "%ae" + US + "%aI" + US + "%cI" + US + "%B"
                        + GS);
        Path errFile = null;
        try {
            errFile = Files.createTempFile("agent-store-git", ".err");
            Process p =
                    new ProcessBuilder(command).redirectError(errFile.toFile()).start();
            p.getOutputStream().close();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder record = new StringBuilder();
                int c;
                while ((c = r.read()) != -1) {
                    if (c == RS) {
                        if (record.length() > 0) {
                            sink.accept(parse(record.toString()));
                            record.setLength(0);
                        }
                    } else {
                        record.append((char) c);
                    }
                }
                if (record.length() > 0) {
                    sink.accept(parse(record.toString()));
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                String err = Files.readString(errFile, StandardCharsets.UTF_8).strip();
                throw new AgentStoreException("git log in " + repo + " failed (exit " + code + "): " + err);
            }
        } catch (IOException e) {
            throw new AgentStoreException(
                    "cannot run git in " + repo + ": " + e.getMessage() + " (is git installed and on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentStoreException("interrupted while reading the history of " + repo, e);
        } finally {
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    static LogEntry parse(String record) {
        int end = record.indexOf(GS);
        if (end < 0) {
            throw new AgentStoreException("unexpected git log output: no end of header in '"
                    + record.substring(0, Math.min(200, record.length())) + "'");
        }
        String[] h = record.substring(0, end).split(US, 7);
        if (h.length < 7) {
            throw new AgentStoreException("unexpected git log header: " + record.substring(0, Math.min(200, end)));
        }
        List<String> parents = h[1].isBlank() ? List.of() : List.of(h[1].strip().split(" "));
        List<FileStat> files = new ArrayList<>();
        for (String line : record.substring(end + 1).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", 3);
            if (f.length < 3) {
                continue;
            }
            files.add(new FileStat(
                    f[2],
                    f[0].equals("-") ? null : Long.parseLong(f[0]),
                    f[1].equals("-") ? null : Long.parseLong(f[1])));
        }
        String message = h[6].strip();
        return new LogEntry(
                h[0].strip(),
                parents,
                h[2],
                h[3],
                OffsetDateTime.parse(h[4]).toInstant(),
                OffsetDateTime.parse(h[5]).toInstant(),
                message.isEmpty() ? null : message,
                files);
    }
}
