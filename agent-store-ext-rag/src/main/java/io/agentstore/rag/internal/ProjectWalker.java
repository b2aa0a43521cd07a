package io.agentstore.rag.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files of a project, honouring the {@code .gitignore} files of every folder (patterns, '!' negation,
 * trailing '/' for folders, leading '/' anchoring, '*', '?' and '**'); {@code .git} is always left out.
 */
public final class ProjectWalker {
    private record Rule(Path base, Pattern pattern, boolean negate, boolean dirOnly) {}

    private ProjectWalker() {}

    /** The regular files under {@code root}, sorted, as paths relative to it. */
    public static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        Deque<List<Rule>> stack = new ArrayDeque<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(root)
                            && (dir.getFileName().toString().equals(".git") || ignored(stack, root, dir, true))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    stack.push(rules(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !ignored(stack, root, file, false)) {
                        out.add(root.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                    stack.pop();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    private static boolean ignored(Deque<List<Rule>> stack, Path root, Path path, boolean dir) {
        Boolean result = null;
        // outermost folder first: a deeper .gitignore overrides
        List<List<Rule>> levels = new ArrayList<>(stack);
        for (int i = levels.size() - 1; i >= 0; i--) {
            for (Rule r : levels.get(i)) {
                if (r.dirOnly() && !dir) {
                    continue;
                }
                String rel = r.base().relativize(path).toString().replace('\\', '/');
                if (r.pattern().matcher(rel).matches()) {
                    result = !r.negate();
                }
            }
        }
        return result != null && result;
    }

    private static List<Rule> rules(Path dir) throws IOException {
        Path file = dir.resolve(".gitignore");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negate = line.startsWith("!");
            if (negate) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.startsWith("/") || line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String regex = glob(line);
            rules.add(new Rule(dir, Pattern.compile(anchored ? regex : "(?:.*/)?" + regex), negate, dirOnly));
        }
        return rules;
    }

    static String glob(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                if (i + 2 < glob.length() && glob.charAt(i + 2) == '/') {
                    b.append("(?:.*/)?");
                    i += 2;
                } else {
                    b.append(".*");
                    i++;
                }
            } else if (c == '*') {
                b.append("[^/]*");
            } else if (c == '?') {
                b.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i);
                if (close < 0) {
                    b.append("\\[");
                } else {
                    b.append(glob, i, close + 1);
                    i = close;
                }
            } else if ("\\.+()^$|{}".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
