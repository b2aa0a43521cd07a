package io.agentstore.agents;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a prompt becomes an intent: its SHA-256 and a category by keyword matching. */
public final class Intents {
    private static final Pattern DEBUG =
            Pattern.compile("\\b(fix|bug|error|fail\\w*|crash\\w*|debug\\w*|broken|exception)\\b");
    private static final Pattern TEST = Pattern.compile("\\b(tests?|spec|coverage|junit)\\b");
    private static final Pattern REFACTOR =
            Pattern.compile("\\b(refactor\\w*|rename\\w*|clean\\s?up|simplif\\w*|extract)\\b");
    private static final Pattern DOCS = Pattern.compile("\\b(docs?|documentation|readme|javadoc|comment\\w*)\\b");
    private static final Pattern REVIEW = Pattern.compile("\\b(review\\w*|audit\\w*|check)\\b");
    private static final Pattern IMPLEMENT =
            Pattern.compile("\\b(implement\\w*|add|build|create|write|make|support)\\b");
    private static final Pattern QUESTION =
            Pattern.compile("^(what|why|how|where|when|which|who|is|are|can|does|do)\\b|\\?\\s*$");

    private Intents() {}

    /** The SHA-256 of {@code prompt} (UTF-8, trimmed), 64 lower-case hex digits. */
    public static String hash(String prompt) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(prompt.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The category of {@code prompt} among {@link SessionIntent#CATEGORIES}, by the first rule that matches:
     * debug, test, refactor, docs, review, implement, question, else other.
     */
    public static String categorize(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT).strip();
        if (DEBUG.matcher(p).find()) {
            return "debug";
        }
        if (TEST.matcher(p).find()) {
            return "test";
        }
        if (REFACTOR.matcher(p).find()) {
            return "refactor";
        }
        if (DOCS.matcher(p).find()) {
            return "docs";
        }
        if (REVIEW.matcher(p).find()) {
            return "review";
        }
        if (IMPLEMENT.matcher(p).find()) {
            return "implement";
        }
        if (QUESTION.matcher(p).find()) {
            return "question";
        }
        return "other";
    }
}
