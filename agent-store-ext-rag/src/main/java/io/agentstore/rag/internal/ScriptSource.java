package io.agentstore.rag.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Definitions and references by a line tokenizer: Python (indentation), TypeScript and JavaScript (braces),
 * SQL (statements) and Markdown (headings). Good enough for definitions, not a full parser: a definition
 * inside a string literal can fool it.
 */
final class ScriptSource {
    private static final Pattern PY_DEF = Pattern.compile("^(\\s*)(?:async\\s+)?def\\s+([A-Za-z_]\\w*)");
    private static final Pattern PY_CLASS = Pattern.compile("^(\\s*)class\\s+([A-Za-z_]\\w*)");
    private static final Pattern PY_IMPORT = Pattern.compile("^\\s*(?:from\\s+([\\w.]+)\\s+)?import\\s+(.+)$");
    private static final Pattern PY_CONSTANT = Pattern.compile("^([A-Z_][A-Z0-9_]*)\\s*(?::[^=]+)?=");
    private static final Pattern PY_ROUTE =
            Pattern.compile("^\\s*@\\w+\\.(route|get|post|put|delete|patch)\\(\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CALL = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern TS_FUNCTION = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_CLASS = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:default\\s+)?(?:abstract\\s+)?(?:class|interface|enum)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_TYPE =
            Pattern.compile("^\\s*(?:export\\s+)?type\\s+([A-Za-z_$][\\w$]*)\\s*(?:<.*>)?\\s*=");
    private static final Pattern TS_ARROW = Pattern.compile(
            "^\\s*(?:export\\s+)?(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)"
                    + "\\s*(?::[^=]+)?=\\s*(?:async\\s+)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]+)?=>|[A-Za-z_$][\\w$]*\\s*=>)");
    private static final Pattern TS_CONST = Pattern.compile("^(?:export\\s+)?(?:const|let|var)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern TS_METHOD = Pattern.compile(
            "^\\s+(?:(?:public|private|protected|static|async|readonly"
                    + "|override|get|set)\\s+)*\\*?([A-Za-z_$][\\w$]*)\\s*(?:<[^>]*>)?\\s*\\([^;]*\\)\\s*(?::\\s*[^{;]+)?\\{\\s*$");
    private static final Pattern TS_IMPORT = Pattern.compile("^\\s*import\\s+(.+?)\\s+from\\s+['\"]([^'\"]+)['\"]");
    private static final Pattern TS_ROUTE =
            Pattern.compile("\\b(?:app|router|server)\\.(get|post|put|delete|patch)\\(\\s*['\"`]([^'\"`]+)['\"`]");
    private static final Pattern SQL_CREATE = Pattern.compile(
            "^\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNIQUE\\s+)?(?:TEMP\\s+|TEMPORARY\\s+)?"
                    + "(TABLE|VIEW|MACRO|INDEX|SEQUENCE|TYPE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][\\w.]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_FROM =
            Pattern.compile("\\b(?:FROM|JOIN)\\s+([A-Za-z_][\\w]*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.+?)\\s*#*\\s*$");
    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "for",
            "while",
            "switch",
            "catch",
            "return",
            "function",
            "typeof",
            "await",
            "new",
            "super",
            "print",
            "elif",
            "and",
            "or",
            "not",
            "in",
            "with",
            "def",
            "class",
            "lambda",
            "yield",
            "assert",
            "del",
            "except",
            "constructor",
            "import",
            "require",
            "len",
            "str",
            "int",
            "isinstance",
            "range",
            "dict",
            "list",
            "set");

    private ScriptSource() {}

    /** No definitions: the document is chunked by size. */
    static Chunker.Parsed braces(Chunker.Lines lines) {
        return new Chunker.Parsed(List.of(), List.of());
    }

    static Chunker.Parsed python(Chunker.Lines lines) {
        List<Chunker.Definition> defs = new ArrayList<>();
        List<Chunker.Ref> refs = new ArrayList<>();
        List<int[]> classes = new ArrayList<>(); // [indent, start, end, index in defs]
        List<String> classNames = new ArrayList<>();
        int leafEnd = 0;
        String pendingRoute = null;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.line(n);
            Matcher route = PY_ROUTE.matcher(line);
            if (route.find()) {
                pendingRoute = route.group(1).toUpperCase(Locale.ROOT) + " " + route.group(2);
            }
            Matcher def = PY_DEF.matcher(line);
            Matcher cls = PY_CLASS.matcher(line);
            if (cls.find()) {
                int indent = cls.group(1).length();
                int end = pythonEnd(lines, n, indent);
                String container = enclosing(classes, classNames, n);
                defs.add(new Chunker.Definition(cls.group(2), "class", container, decorated(lines, n), end, false));
                refs.add(new Chunker.Ref(cls.group(2), "class", "definition", container, n));
                classes.add(new int[] {indent, n, end});
                classNames.add(cls.group(2));
            } else if (def.find()) {
                int indent = def.group(1).length();
                int end = pythonEnd(lines, n, indent);
                String container = enclosing(classes, classNames, n);
                boolean nested = n <= leafEnd;
                String type = container == null ? "function" : "method";
                if (!nested) {
                    defs.add(new Chunker.Definition(def.group(2), type, container, decorated(lines, n), end, true));
                    leafEnd = end;
                }
                refs.add(new Chunker.Ref(def.group(2), type, "definition", container, n));
                if (pendingRoute != null) {
                    refs.add(new Chunker.Ref(pendingRoute, "endpoint", "definition", container, n));
                    pendingRoute = null;
                }
            } else {
                Matcher imp = PY_IMPORT.matcher(line);
                if (imp.find()) {
                    for (String part : imp.group(2).replaceAll("[()]", "").split(",")) {
                        String name = part.trim().split("\\s+")[0];
                        if (!name.isEmpty() && !name.equals("*")) {
                            String simple = name.substring(name.lastIndexOf('.') + 1);
                            refs.add(new Chunker.Ref(simple, "symbol", "import", null, n));
                        }
                    }
                    continue;
                }
                Matcher constant = PY_CONSTANT.matcher(line);
                if (constant.find()) {
                    refs.add(new Chunker.Ref(constant.group(1), "variable", "definition", null, n));
                }
            }
            calls(line, n, refs, def.find(0) || cls.find(0));
        }
        return new Chunker.Parsed(defs, dedupe(refs));
    }

    /** The line before which a Python block that starts at {@code n} with {@code indent} ends. */
    private static int pythonEnd(Chunker.Lines lines, int n, int indent) {
        int last = n;
        for (int m = n + 1; m <= lines.count(); m++) {
            String l = lines.line(m);
            if (l.isBlank()) {
                continue;
            }
            int ind = indentOf(l);
            if (ind <= indent && !l.trim().startsWith("#") && !l.trim().startsWith(")")) {
                break;
            }
            last = m;
        }
        return last;
    }

    private static int decorated(Chunker.Lines lines, int n) {
        int start = n;
        while (start > 1 && lines.line(start - 1).trim().startsWith("@")) {
            start--;
        }
        return start;
    }

    private static String enclosing(List<int[]> classes, List<String> names, int line) {
        String found = null;
        int size = Integer.MAX_VALUE;
        for (int i = 0; i < classes.size(); i++) {
            int[] c = classes.get(i);
            if (c[1] < line && c[2] >= line && c[2] - c[1] < size) {
                size = c[2] - c[1];
                found = names.get(i);
            }
        }
        return found;
    }

    private static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static Chunker.Parsed typescript(Chunker.Lines lines) {
        List<Chunker.Definition> defs = new ArrayList<>();
        List<Chunker.Ref> refs = new ArrayList<>();
        List<int[]> classes = new ArrayList<>();
        List<String> classNames = new ArrayList<>();
        int leafEnd = 0;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.line(n);
            Matcher cls = TS_CLASS.matcher(line);
            Matcher fn = TS_FUNCTION.matcher(line);
            Matcher arrow = TS_ARROW.matcher(line);
            Matcher type = TS_TYPE.matcher(line);
            Matcher method = TS_METHOD.matcher(line);
            boolean definition = true;
            if (cls.find()) {
                int end = braceEnd(lines, n);
                String container = enclosing(classes, classNames, n);
                defs.add(new Chunker.Definition(cls.group(1), "class", container, commented(lines, n), end, false));
                refs.add(new Chunker.Ref(cls.group(1), "class", "definition", container, n));
                classes.add(new int[] {0, n, end});
                classNames.add(cls.group(1));
            } else if (fn.find() || arrow.find()) {
                String name = fn.find(0) ? fn.group(1) : arrow.group(1);
                int end = braceEnd(lines, n);
                String container = enclosing(classes, classNames, n);
                if (n > leafEnd) {
                    defs.add(new Chunker.Definition(name, "function", container, commented(lines, n), end, true));
                    leafEnd = end;
                }
                refs.add(new Chunker.Ref(name, "function", "definition", container, n));
            } else if (type.find()) {
                refs.add(new Chunker.Ref(type.group(1), "class", "definition", null, n));
            } else if (method.find() && !KEYWORDS.contains(method.group(1))) {
                String container = enclosing(classes, classNames, n);
                int end = braceEnd(lines, n);
                if (container != null && n > leafEnd) {
                    defs.add(new Chunker.Definition(
                            method.group(1), "method", container, commented(lines, n), end, true));
                    leafEnd = end;
                }
                refs.add(new Chunker.Ref(
                        method.group(1), container == null ? "function" : "method", "definition", container, n));
            } else {
                definition = false;
                Matcher constant = TS_CONST.matcher(line);
                if (constant.find()) {
                    refs.add(new Chunker.Ref(constant.group(1), "variable", "definition", null, n));
                }
                Matcher imp = TS_IMPORT.matcher(line);
                if (imp.find()) {
                    for (String part : imp.group(1).replaceAll("[{}*]", " ").split("[,\\s]+")) {
                        if (!part.isBlank() && !part.equals("as") && !part.equals("type")) {
                            refs.add(new Chunker.Ref(part, "symbol", "import", null, n));
                        }
                    }
                    continue;
                }
            }
            Matcher route = TS_ROUTE.matcher(line);
            if (route.find()) {
                refs.add(new Chunker.Ref(
                        route.group(1).toUpperCase(Locale.ROOT) + " " + route.group(2),
                        "endpoint",
                        "definition",
                        null,
                        n));
            }
            calls(line, n, refs, definition);
        }
        return new Chunker.Parsed(defs, dedupe(refs));
    }

    /** The line of the brace that closes the first block opened at or after line {@code n}. */
    private static int braceEnd(Chunker.Lines lines, int n) {
        int depth = 0;
        boolean opened = false;
        for (int m = n; m <= lines.count(); m++) {
            String l = lines.line(m);
            char quote = 0;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                    continue;
                }
                if (c == '/' && i + 1 < l.length() && l.charAt(i + 1) == '/') {
                    break;
                }
                if (c == '"' || c == '\'' || c == '`') {
                    quote = c;
                } else if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (opened && depth <= 0) {
                return m;
            }
            if (!opened && m == n && (l.trim().endsWith(";") || m - n > 3)) {
                return n;
            }
        }
        return opened ? lines.count() : n;
    }

    private static int commented(Chunker.Lines lines, int n) {
        int start = n;
        while (start > 1) {
            String prev = lines.line(start - 1).trim();
            if (prev.startsWith("*") || prev.startsWith("/**") || prev.startsWith("//") || prev.startsWith("@")) {
                start--;
            } else {
                break;
            }
        }
        return start;
    }

    static Chunker.Parsed sql(Chunker.Lines lines) {
        List<Chunker.Definition> defs = new ArrayList<>();
        List<Chunker.Ref> refs = new ArrayList<>();
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.line(n);
            Matcher create = SQL_CREATE.matcher(line);
            if (create.find()) {
                int end = n;
                while (end < lines.count() && !lines.line(end).trim().endsWith(";")) {
                    end++;
                }
                String kind = create.group(1).toUpperCase(Locale.ROOT);
                String type = kind.equals("MACRO") ? "function" : "table";
                int start = n;
                while (start > 1 && lines.line(start - 1).trim().startsWith("--")) {
                    start--;
                }
                defs.add(new Chunker.Definition(create.group(2), type, null, start, end, true));
                refs.add(new Chunker.Ref(create.group(2), type, "definition", null, n));
                continue;
            }
            Matcher from = SQL_FROM.matcher(line);
            while (from.find()) {
                refs.add(new Chunker.Ref(from.group(1), "table", "usage", null, n));
            }
        }
        return new Chunker.Parsed(defs, dedupe(refs));
    }

    static Chunker.Parsed markdown(Chunker.Lines lines) {
        List<Chunker.Definition> defs = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        boolean fence = false;
        for (int n = 1; n <= lines.count(); n++) {
            String line = lines.line(n);
            if (line.trim().startsWith("```")) {
                fence = !fence;
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (!fence && h.find()) {
                starts.add(n);
                titles.add(h.group(2));
            }
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : lines.count();
            defs.add(new Chunker.Definition(titles.get(i), "section", null, starts.get(i), end, true));
        }
        return new Chunker.Parsed(defs, List.of());
    }

    private static void calls(String line, int n, List<Chunker.Ref> refs, boolean definitionLine) {
        String code = line;
        int comment = code.indexOf("//");
        if (comment >= 0) {
            code = code.substring(0, comment);
        }
        Matcher call = CALL.matcher(code);
        boolean first = true;
        while (call.find()) {
            String name = call.group(1);
            if (first && definitionLine) {
                first = false;
                continue;
            }
            first = false;
            if (!KEYWORDS.contains(name) && name.length() > 1) {
                refs.add(new Chunker.Ref(name, "symbol", "call", null, n));
            }
        }
    }

    private static List<Chunker.Ref> dedupe(List<Chunker.Ref> refs) {
        return new ArrayList<>(new LinkedHashSet<>(refs));
    }
}
