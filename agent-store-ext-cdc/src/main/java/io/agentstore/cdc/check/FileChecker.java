package io.agentstore.cdc.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks local files and folders by their sha-256. A folder's pages are its regular files (hidden ones and
 * {@code .git} skipped), each hashed; the folder's hash is the hash of its sorted {@code path hash} lines, so a
 * second check with nothing changed costs reading and hashing, and records no page.
 */
public final class FileChecker implements Checker {

    /** A checker; it holds no state. */
    public FileChecker() {}

    @Override
    public String id() {
        return "file";
    }

    @Override
    public boolean accepts(String sourceType, String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return !sourceType.equals("git") && !l.startsWith("http://") && !l.startsWith("https://");
    }

    @Override
    public CheckResult check(String location, Baseline baseline) {
        long start = System.nanoTime();
        Path path = Path.of(location.startsWith("file:") ? location.substring(5) : location);
        try {
            if (Files.isRegularFile(path)) {
                byte[] bytes = Files.readAllBytes(path);
                String hash = Hashes.sha256(bytes);
                boolean changed = baseline.contentHash() != null && !hash.equals(baseline.contentHash());
                String content = changed || baseline.contentHash() == null ? text(bytes) : null;
                return new CheckResult(
                        true, changed, null, null, null, hash, null, millis(start), null, content, null, null);
            }
            if (Files.isDirectory(path)) {
                return folder(path, baseline, start);
            }
            return CheckResult.unavailable(null, millis(start), "no such file or folder: " + path);
        } catch (IOException | UncheckedIOException e) {
            return CheckResult.unavailable(null, millis(start), "cannot read " + path + ": " + e.getMessage());
        }
    }

    private CheckResult folder(Path root, Baseline baseline, long start) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().chars().noneMatch(ch -> ch == 0))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .forEach(p -> files.put(root.relativize(p).toString().replace('\\', '/'), p));
        }
        StringBuilder manifest = new StringBuilder();
        List<CheckResult.PageResult> pages = new ArrayList<>();
        Map<String, String> known = baseline.pageHashes();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getValue());
            String hash = Hashes.sha256(bytes);
            manifest.append(e.getKey()).append(' ').append(hash).append('\n');
            if (!hash.equals(known.get(e.getKey()))) {
                pages.add(new CheckResult.PageResult(e.getKey(), hash, text(bytes)));
            }
        }
        known.forEach((page, hash) -> {
            if (hash != null && !files.containsKey(page)) {
                pages.add(new CheckResult.PageResult(page, null, null));
            }
        });
        pages.sort(java.util.Comparator.comparing(CheckResult.PageResult::path));
        String hash = Hashes.sha256(manifest.toString().getBytes(StandardCharsets.UTF_8));
        boolean changed = baseline.contentHash() != null && !hash.equals(baseline.contentHash());
        return new CheckResult(true, changed, null, null, null, hash, null, millis(start), null, null, pages, null);
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8 or contain NUL (binary). */
    static String text(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
            return s.indexOf('\0') >= 0 ? null : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
