package io.agentstore.quality;

import io.agentstore.quality.internal.TestCommandMapping;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The test reports a shell command just wrote, found where its test framework writes them: Maven Surefire and
 * Failsafe ({@code target/surefire-reports}, {@code target/failsafe-reports}, in the working folder and its
 * modules one level down), Gradle ({@code build/test-results/**}), {@code junit*.xml} in the working folder, the
 * file named by pytest's {@code --junitxml} / {@code --junit-xml}, and the file named by Jest's or Vitest's
 * {@code --outputFile} (with {@code --json} or a JSON reporter). Only files modified at or after {@code since}
 * count. Bounded so that a hook stays fast: at most {@link #MAX_FILES} files of at most {@link #MAX_FILE_BYTES}
 * each, at most {@link #MAX_ENTRIES} folder entries looked at, no symbolic links followed; a folder that cannot be
 * read is skipped. Used by {@code agent-store hook} on {@code PostToolUse}; the quality module imports what it found
 * when the spool is drained.
 */
public final class TestReportFinder {
    /** The most report files one command gives. */
    public static final int MAX_FILES = 200;
    /** The largest report file taken. */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** The most folder entries looked at for one command. */
    public static final int MAX_ENTRIES = 5_000;

    private static final Pattern JUNITXML = Pattern.compile("--junit-?xml(?:=|\\s+)(\"[^\"]+\"|'[^']+'|\\S+)");
    private static final Pattern OUTPUT_FILE =
            Pattern.compile("--outputFile(?:\\.json)?(?:=|\\s+)(\"[^\"]+\"|'[^']+'|\\S+)");
    private static final Pattern JSON_OUTPUT = Pattern.compile("--json\\b|--reporter[= ]json\\b");

    /** A report found: its absolute path, modification time and size. */
    public record Found(Path path, Instant modifiedAt, long size) {
        /** Validates the parts. */
        public Found {
            Objects.requireNonNull(path, "path must not be null");
            Objects.requireNonNull(modifiedAt, "modifiedAt must not be null");
        }
    }

    private TestReportFinder() {}

    /**
     * The test framework the command ran (see {@code TestCommandMapping}), or empty when it is no test command.
     *
     * @param command the shell command
     * @param output  what it printed, or null (a package manager's test script is told apart by its output)
     */
    public static Optional<String> framework(String command, String output) {
        return command == null ? Optional.empty() : TestCommandMapping.framework(command, output);
    }

    /**
     * The reports the test command wrote in {@code cwd} at or after {@code since}, sorted by path; empty when the
     * command is no test command. Never throws for what it finds on disk.
     */
    public static List<Found> find(String command, String output, Path cwd, Instant since) {
        Objects.requireNonNull(cwd, "cwd must not be null");
        Objects.requireNonNull(since, "since must not be null");
        if (framework(command, output).isEmpty()) {
            return List.of();
        }
        Search s = new Search(since);
        // files the command names
        Matcher m = JUNITXML.matcher(command);
        while (m.find()) {
            s.file(cwd.resolve(unquote(m.group(1))));
        }
        if (JSON_OUTPUT.matcher(command).find()) {
            Matcher o = OUTPUT_FILE.matcher(command);
            while (o.find()) {
                s.file(cwd.resolve(unquote(o.group(1))));
            }
        }
        // where the frameworks write
        s.junitFiles(cwd);
        s.buildFolders(cwd);
        for (Path module : s.children(cwd)) {
            s.buildFolders(module);
        }
        return s.found.stream()
                .sorted(java.util.Comparator.comparing(Found::path))
                .toList();
    }

    private static String unquote(String s) {
        return (s.startsWith("\"") && s.endsWith("\"")) || (s.startsWith("'") && s.endsWith("'"))
                ? s.substring(1, s.length() - 1)
                : s;
    }

    /** One command's search, with its bounds. */
    private static final class Search {
        private final Instant since;
        private final Set<Found> found = new LinkedHashSet<>();
        private final Set<Path> seen = new java.util.HashSet<>();
        private int entries;

        Search(Instant since) {
            this.since = since;
        }

        private boolean full() {
            return found.size() >= MAX_FILES || entries >= MAX_ENTRIES;
        }

        void file(Path p) {
            if (full()) {
                return;
            }
            entries++;
            try {
                Path abs = p.toAbsolutePath().normalize();
                BasicFileAttributes a = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                Instant modified = a.lastModifiedTime().toInstant();
                if (a.isRegularFile()
                        && a.size() > 0
                        && a.size() <= MAX_FILE_BYTES
                        && !modified.isBefore(since)
                        && seen.add(abs)) {
                    found.add(new Found(abs, modified, a.size()));
                }
            } catch (IOException | RuntimeException e) {
                // not there, or not readable: not a report of this command
            }
        }

        /** {@code junit*.xml} in the folder itself. */
        void junitFiles(Path dir) {
            for (Path p : children(dir, true)) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (n.startsWith("junit") && n.endsWith(".xml")) {
                    file(p);
                }
            }
        }

        void buildFolders(Path dir) {
            xmlUnder(dir.resolve("target").resolve("surefire-reports"), 1);
            xmlUnder(dir.resolve("target").resolve("failsafe-reports"), 1);
            xmlUnder(dir.resolve("build").resolve("test-results"), 4);
        }

        /** The {@code *.xml} files under {@code dir} (not {@code failsafe-summary.xml}), {@code depth} levels deep. */
        private void xmlUnder(Path dir, int depth) {
            Deque<Path> folders = new ArrayDeque<>();
            Deque<Integer> depths = new ArrayDeque<>();
            folders.add(dir);
            depths.add(1);
            while (!folders.isEmpty() && !full()) {
                Path folder = folders.poll();
                int d = depths.poll();
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                for (Path p : children(folder, false)) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        if (d < depth) {
                            folders.add(p);
                            depths.add(d + 1);
                        }
                        continue;
                    }
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (n.endsWith(".xml") && !n.equals("failsafe-summary.xml")) {
                        file(p);
                    }
                }
            }
        }

        /** The sub-folders of {@code dir} (the modules of a multi-module build). */
        List<Path> children(Path dir) {
            List<Path> out = new ArrayList<>();
            for (Path p : children(dir, false)) {
                String n = p.getFileName().toString();
                if (!n.startsWith(".")
                        && !n.equals("node_modules")
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
            return out;
        }

        private List<Path> children(Path dir, boolean filesOnly) {
            List<Path> out = new ArrayList<>();
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (++entries > MAX_ENTRIES) {
                        break;
                    }
                    if (!filesOnly || Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        out.add(p);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: skipped
            }
            out.sort(null);
            return out;
        }
    }
}
