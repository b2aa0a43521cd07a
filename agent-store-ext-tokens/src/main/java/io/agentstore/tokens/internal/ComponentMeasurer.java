package io.agentstore.tokens.internal;

import io.agentstore.tokens.ComponentMeasurement;
import io.agentstore.tokens.ComponentRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Measures the text files of a folder: lines, words, characters, bytes, a token estimate and a SHA-256.
 * Hidden files and folders (names starting with a dot) are not visited; binary files are skipped.
 *
 * <p>The token estimate is {@code ceil(characters / 4)}: the usual rule of thumb for English text and code
 * with Claude and GPT tokenizers (Anthropic quotes about 3.5 characters per token, so the estimate leans low
 * for dense code). It is recorded with each measurement as its {@code estimator}.
 */
public final class ComponentMeasurer {
    /** The name of the estimator recorded with each measurement. */
    public static final String ESTIMATOR = "chars/4";

    private static final int BINARY_PROBE = 8192;

    private ComponentMeasurer() {}

    /** A file that was measured, or skipped. */
    public record Measured(Path file, ComponentMeasurement measurement) {}

    /**
     * Measures every regular, non-hidden file under {@code root}. Component names are the root folder's name
     * and the path below it, with forward slashes ({@code skills/pdf/SKILL.md}); the component type is
     * {@code componentType} when given, else guessed from the path ({@code skills/} → skill, {@code agents/} →
     * agent, {@code commands/} → command, else doc). Files that cannot be read or are binary come back with a
     * null measurement.
     */
    public static List<Measured> measure(Path root, String componentType) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(base) && dir.getFileName().toString().startsWith(".")
                        ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !file.getFileName().toString().startsWith(".")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(null);
        List<Measured> result = new ArrayList<>(files.size());
        for (Path file : files) {
            String relative = base.relativize(file).toString().replace('\\', '/');
            String name = prefix + relative;
            result.add(new Measured(
                    file, measureFile(file, name, componentType != null ? componentType : guessType(name))));
        }
        return result;
    }

    /** The measurement of one file, or null when it is binary or unreadable. */
    static ComponentMeasurement measureFile(Path file, String componentName, String componentType) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        for (int i = 0; i < Math.min(bytes.length, BINARY_PROBE); i++) {
            if (bytes[i] == 0) {
                return null;
            }
        }
        String text = decode(bytes);
        Counts c = count(text);
        String path = file.toAbsolutePath().normalize().toString();
        return ComponentMeasurement.builder()
                .component(new ComponentRef(componentName, componentType, path))
                .file(path, extension(file.getFileName().toString()))
                .sizes(c.lines(), c.words(), c.chars(), bytes.length)
                .estimatedTokens(estimateTokens(c.chars()), ESTIMATOR)
                .contentHash(sha256(bytes))
                .build();
    }

    /** Lines, words and code points of a text. */
    public record Counts(long lines, long words, long chars) {}

    /**
     * Counts: lines are line feeds, plus one when the text does not end with one; words are runs of
     * non-whitespace; characters are Unicode code points.
     */
    public static Counts count(String text) {
        long lines = 0;
        long words = 0;
        long chars = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            chars++;
            if (cp == '\n') {
                lines++;
            }
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            lines++;
        }
        return new Counts(lines, words, chars);
    }

    /** {@code ceil(chars / 4)}. */
    public static long estimateTokens(long chars) {
        return (chars + 3) / 4;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String guessType(String name) {
        String n = "/" + name.toLowerCase(Locale.ROOT);
        if (n.contains("/skills/")) {
            return "skill";
        }
        if (n.contains("/agents/")) {
            return "agent";
        }
        if (n.contains("/commands/")) {
            return "command";
        }
        return "doc";
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 || dot == fileName.length() - 1
                ? null
                : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** SHA-256 of the bytes, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
