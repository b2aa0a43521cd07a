package io.agentstore.rag.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The index terms of a text, for BM25: words and identifiers in lower case, identifiers also split at camel
 * case, '_' and digits ({@code RagFacade} gives {@code ragfacade}, {@code rag}, {@code facade}). A term holds
 * only {@code [a-z0-9_]}, so a term list is safe to write into SQL as literals.
 */
public final class Terms {
    private static final int MAX_TERM = 40;
    private static final Set<String> STOP = Set.of(
            "a",
            "an",
            "and",
            "are",
            "as",
            "at",
            "be",
            "by",
            "do",
            "does",
            "for",
            "from",
            "how",
            "i",
            "if",
            "in",
            "is",
            "it",
            "of",
            "on",
            "or",
            "the",
            "this",
            "that",
            "to",
            "what",
            "when",
            "where",
            "which",
            "who",
            "why",
            "with",
            "we",
            "you",
            "can",
            "get",
            "set",
            "new",
            "return",
            "public",
            "private",
            "final",
            "static",
            "void",
            "import",
            "package",
            "class",
            "null",
            "true",
            "false",
            "var",
            "let",
            "const",
            "def",
            "self",
            "string",
            "int",
            "long",
            "java",
            "io",
            "agentstore",
            "there",
            "its",
            "into",
            "not",
            "all",
            "has",
            "have",
            "will",
            "was",
            "were",
            "they",
            "them",
            "their",
            "then",
            "than",
            "so",
            "my",
            "me",
            "find",
            "show",
            "list",
            "give",
            "gives",
            "done",
            "used",
            "use",
            "uses");

    private Terms() {}

    /** The terms of {@code text}, in order, with repeats. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i))) {
                i++;
            }
            addWord(text.substring(start, i), out);
        }
        return out;
    }

    /** The distinct terms of {@code text} with their counts, in first-seen order. */
    public static Map<String, Integer> counts(List<String> terms) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : terms) {
            counts.merge(t, 1, Integer::sum);
        }
        return counts;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static void addWord(String word, List<String> out) {
        String lower = word.toLowerCase(Locale.ROOT);
        List<String> parts = split(word);
        if (parts.size() > 1) {
            add(lower.replace("_", ""), out);
        }
        for (String p : parts) {
            add(p.toLowerCase(Locale.ROOT), out);
        }
    }

    private static void add(String term, List<String> out) {
        if (term.length() < 2 || term.length() > MAX_TERM || STOP.contains(term) || isNumber(term)) {
            return;
        }
        out.add(stem(term));
    }

    /** A light stem: plural 's' and 'es', so that 'chunks' meets 'chunk'. */
    static String stem(String t) {
        if (t.length() > 4 && t.endsWith("ies")) {
            return t.substring(0, t.length() - 3) + "y";
        }
        if (t.length() > 3 && t.endsWith("s") && !t.endsWith("ss") && !t.endsWith("us") && !t.endsWith("is")) {
            return t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static boolean isNumber(String t) {
        for (int i = 0; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Splits an identifier at '_', digits and camel case: {@code parseHTTPRequest2} gives parse, HTTP, Request. */
    static List<String> split(String word) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c == '_' || Character.isDigit(c)) {
                flush(cur, parts);
                continue;
            }
            if (Character.isUpperCase(c) && cur.length() > 0) {
                char prev = cur.charAt(cur.length() - 1);
                boolean nextLower = i + 1 < word.length() && Character.isLowerCase(word.charAt(i + 1));
                if (Character.isLowerCase(prev) || nextLower) {
                    flush(cur, parts);
                }
            }
            cur.append(c);
        }
        flush(cur, parts);
        return parts;
    }

    private static void flush(StringBuilder cur, List<String> parts) {
        if (cur.length() > 0) {
            parts.add(cur.toString());
            cur.setLength(0);
        }
    }
}
