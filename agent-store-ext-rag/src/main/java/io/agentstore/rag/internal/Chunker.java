package io.agentstore.rag.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document into chunks, language-aware: code at definitions (JavaParser for Java, a line tokenizer
 * for Python, TypeScript/JavaScript and SQL), Markdown at headings, the rest by size with overlap; and finds
 * the entities each chunk defines, uses, imports or calls.
 */
public final class Chunker {
    /** A leaf definition longer than this is split into windows. */
    static final int MAX_LINES = 120;
    /** The size of a window of the size-based chunking, in lines. */
    static final int WINDOW_LINES = 50;
    /** The overlap of consecutive windows, in lines. */
    static final int OVERLAP_LINES = 8;
    /** The largest chunk in characters; a longer window is cut. */
    static final int MAX_CHARS = 6_000;

    /** A definition found by a parser; {@code leaf} ones (methods, functions, tables) become chunks. */
    record Definition(String name, String type, String container, int start, int end, boolean leaf) {}

    /** A reference found by a parser. */
    record Ref(String name, String entityType, String referenceType, String container, int line) {}

    /** What a parser found in a document. */
    record Parsed(List<Definition> definitions, List<Ref> refs) {}

    /** One chunk, before it becomes a record. */
    public record Piece(
            int index,
            String kind,
            String symbol,
            int lineStart,
            int lineEnd,
            int charStart,
            int charEnd,
            String text,
            List<Ref> refs) {}

    private Chunker() {}

    /** The language of a file by its name, or null. */
    public static String language(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "java" -> "java";
            case "py" -> "python";
            case "ts", "tsx", "mts", "cts" -> "typescript";
            case "js", "jsx", "mjs", "cjs" -> "javascript";
            case "md", "markdown" -> "markdown";
            case "sql" -> "sql";
            case "xml", "pom" -> "xml";
            case "json" -> "json";
            case "yml", "yaml" -> "yaml";
            case "toml" -> "toml";
            case "properties" -> "properties";
            case "sh", "bash" -> "shell";
            case "txt", "rst" -> "text";
            case "csv", "tsv" -> "csv";
            case "log" -> "log";
            case "html", "htm" -> "html";
            case "css" -> "css";
            case "go" -> "go";
            case "rs" -> "rust";
            case "kt" -> "kotlin";
            case "c", "h" -> "c";
            case "cpp", "hpp", "cc" -> "cpp";
            default -> name.equals("dockerfile") ? "dockerfile" : name.equals("makefile") ? "make" : null;
        };
    }

    /** The document type of a language. */
    public static String documentType(String language) {
        if (language == null) {
            return "text";
        }
        return switch (language) {
            case "markdown", "text" -> "documentation";
            case "xml", "json", "yaml", "toml", "properties" -> "config";
            case "log" -> "log";
            case "csv" -> "data";
            default -> "code";
        };
    }

    /** The chunks of {@code text} in {@code language} (null: by size). */
    public static List<Piece> chunk(String text, String language) {
        Lines lines = new Lines(text);
        Parsed parsed = language == null
                ? new Parsed(List.of(), List.of())
                : switch (language) {
                    case "java" -> JavaSource.parse(text, lines);
                    case "python" -> ScriptSource.python(lines);
                    case "typescript", "javascript" -> ScriptSource.typescript(lines);
                    case "sql" -> ScriptSource.sql(lines);
                    case "markdown" -> ScriptSource.markdown(lines);
                    default -> new Parsed(List.of(), List.of());
                };
        return assemble(lines, parsed, "markdown".equals(language) ? "section" : "code");
    }

    private static List<Piece> assemble(Lines lines, Parsed parsed, String gapKind) {
        List<Definition> leaves = new ArrayList<>();
        for (Definition d : parsed.definitions().stream()
                .filter(Definition::leaf)
                .sorted(Comparator.comparingInt(Definition::start).thenComparing(d -> -d.end()))
                .toList()) {
            if (leaves.isEmpty() || d.start() > leaves.get(leaves.size() - 1).end()) {
                leaves.add(d);
            }
        }
        List<int[]> spans = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> symbols = new ArrayList<>();
        int cursor = 1;
        for (Definition leaf : leaves) {
            if (leaf.start() > cursor) {
                gap(lines, parsed, cursor, leaf.start() - 1, gapKind, spans, kinds, symbols);
            }
            String symbol = leaf.container() == null ? leaf.name() : leaf.container() + "." + leaf.name();
            String kind = "section".equals(leaf.type()) ? "section" : "definition";
            windows(lines, leaf.start(), leaf.end(), MAX_LINES, kind, symbol, spans, kinds, symbols);
            cursor = leaf.end() + 1;
        }
        if (cursor <= lines.count()) {
            gap(lines, parsed, cursor, lines.count(), gapKind, spans, kinds, symbols);
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            int from = spans.get(i)[0];
            int to = spans.get(i)[1];
            int cs = lines.start(from);
            int ce = Math.min(lines.end(to), cs + MAX_CHARS);
            List<Ref> refs = new ArrayList<>();
            for (Ref r : parsed.refs()) {
                if (r.line() >= from && r.line() <= to) {
                    refs.add(r);
                }
            }
            pieces.add(new Piece(
                    i,
                    kinds.get(i),
                    symbols.get(i),
                    from,
                    to,
                    cs,
                    ce,
                    lines.text().substring(cs, ce),
                    refs));
        }
        return pieces;
    }

    private static void gap(
            Lines lines,
            Parsed parsed,
            int from,
            int to,
            String kind,
            List<int[]> spans,
            List<String> kinds,
            List<String> symbols) {
        int first = from;
        while (first <= to && !lines.hasWord(first)) {
            first++;
        }
        int last = to;
        while (last >= first && !lines.hasWord(last)) {
            last--;
        }
        if (first > last) {
            return;
        }
        String symbol = null;
        int best = Integer.MAX_VALUE;
        for (Definition d : parsed.definitions()) {
            if (!d.leaf() && d.start() <= last && d.end() >= last && d.end() - d.start() < best) {
                best = d.end() - d.start();
                symbol = d.container() == null ? d.name() : d.container() + "." + d.name();
            }
        }
        windows(lines, first, last, WINDOW_LINES, kind, symbol, spans, kinds, symbols);
    }

    private static void windows(
            Lines lines,
            int from,
            int to,
            int max,
            String kind,
            String symbol,
            List<int[]> spans,
            List<String> kinds,
            List<String> symbols) {
        boolean split = to - from + 1 > max;
        int start = from;
        while (true) {
            int end = Math.min(to, start + (split ? WINDOW_LINES : max) - 1);
            spans.add(new int[] {start, end});
            kinds.add(split && !"definition".equals(kind) ? "window" : kind);
            symbols.add(symbol);
            if (end >= to) {
                return;
            }
            start = end + 1 - OVERLAP_LINES;
        }
    }

    /** The lines of a text with their character offsets. */
    static final class Lines {
        private final String text;
        private final int[] starts;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        String text() {
            return text;
        }

        int count() {
            return text.isEmpty() ? 0 : starts.length;
        }

        /** The offset of line {@code n} (from 1). */
        int start(int n) {
            return starts[n - 1];
        }

        /** The offset after line {@code n}, its newline included. */
        int end(int n) {
            return n < starts.length ? starts[n] : text.length();
        }

        /** Line {@code n} without its line break. */
        String line(int n) {
            String s = text.substring(start(n), end(n));
            return s.endsWith("\n") ? s.substring(0, s.length() - (s.endsWith("\r\n") ? 2 : 1)) : s;
        }

        boolean hasWord(int n) {
            for (int i = start(n), e = end(n); i < e; i++) {
                if (Character.isLetterOrDigit(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }
    }
}
