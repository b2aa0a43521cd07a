package io.agentstore.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The redaction every free text passes before it is stored: rules (as data, in
 * {@code agent-store/redaction/secrets.tsv}) that find secrets and replace each with a typed placeholder such
 * as {@code [REDACTED:aws-access-key]}. The store applies the default rules to the {@code attributes} of every
 * fact and to the free-text columns of core ({@link FactRow#freeText}); modules pass their own text through
 * {@link StoreContext#redact(String)} or {@link FactRow#freeText}.
 *
 * <p>A rules file has one rule per line: name, placeholder type, hints, regex, separated by tabs; {@code #}
 * starts a comment line. When the regex has a group named {@code secret}, only that group is replaced, so
 * {@code DB_PASSWORD=hunter22} becomes {@code DB_PASSWORD=[REDACTED:env-secret]}. Hints are comma-separated
 * fragments one of which (ignoring case) a text must contain for the rule to run: most text contains none,
 * and then redaction costs one scan.
 *
 * <p>A store with a file uses {@link #forDatabase}: the default rules with keyed placeholders
 * {@code [REDACTED:<type>:<16 hex>]} under the key in the owner-only file {@code <database>.redaction-key}
 * ({@link #keyFile}), so that equal secrets get equal placeholders and nothing reversible is kept. Modules get
 * that redaction from {@link StoreContext#redaction()} and add their own rules with {@link #and}, which keeps
 * the key: one key, one placeholder format, for the whole store.
 */
public final class Redaction {
    /** Where the default rules are on the classpath. */
    public static final String DEFAULT_RULES = "agent-store/redaction/secrets.tsv";

    private static final Redaction DEFAULTS = parse(load(DEFAULT_RULES), DEFAULT_RULES);

    /** Where the personal-data rules (e-mails, phone numbers, user names in home-directory paths) are. */
    public static final String PERSONAL_RULES = "agent-store/redaction/personal.tsv";

    /**
     * What a placeholder looks like: {@code [REDACTED:<type>]} or, keyed, {@code [REDACTED:<type>:<16 hex>]}.
     */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\[REDACTED:[a-z0-9][a-z0-9-]*(?::[0-9a-f]{16})?\\]");

    private final List<Rule> rules;
    /** Every rule's hints, lower case, without duplicates. */
    private final String[] hints;
    /** The key of keyed placeholders, or null for plain ones. */
    private final byte[] key;

    /**
     * One rule.
     *
     * @param name    the rule's name, unique within a set
     * @param type    the placeholder type: a match becomes {@code [REDACTED:<type>]}
     * @param hints   fragments one of which (ignoring case) a text must contain for the rule to run
     * @param pattern what a secret looks like; a group named {@code secret} limits what is replaced
     */
    public record Rule(String name, String type, List<String> hints, Pattern pattern) {
        /** Validates the parts. */
        public Rule {
            Checks.required("name", name);
            if (type == null || !type.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("type of rule " + name + " must be lower-case words joined by -,"
                        + " was " + (type == null ? "null" : "'" + type + "'"));
            }
            hints = List.copyOf(hints);
            if (hints.isEmpty() || hints.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException(
                        "hints of rule " + name + " must be non-blank fragments, was " + hints);
            }
            Objects.requireNonNull(pattern, "pattern of rule " + name + " must not be null");
        }

        /** The placeholder a match becomes. */
        public String placeholder() {
            return "[REDACTED:" + type + "]";
        }

        boolean replacesGroup() {
            return pattern.pattern().contains("(?<secret>");
        }
    }

    private Redaction(List<Rule> rules) {
        this(rules, null);
    }

    private Redaction(List<Rule> rules, byte[] key) {
        this.key = key == null ? null : key.clone();
        this.rules = List.copyOf(rules);
        java.util.Set<String> all = new java.util.LinkedHashSet<>();
        for (Rule r : this.rules) {
            for (String h : r.hints()) {
                all.add(h.toLowerCase(Locale.ROOT));
            }
        }
        this.hints = all.toArray(new String[0]);
    }

    /** The default secret rules. */
    public static Redaction defaults() {
        return DEFAULTS;
    }

    /**
     * The rules of a rules file's text; {@code origin} names it in error messages.
     *
     * @throws IllegalArgumentException naming the line when one is malformed or its regex does not compile
     */
    public static Redaction parse(String tsv, String origin) {
        Objects.requireNonNull(tsv, "tsv must not be null");
        List<Rule> rules = new ArrayList<>();
        String[] lines = tsv.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", 4);
            if (parts.length != 4) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": expected name, type, hints and"
                        + " regex separated by tabs, was '" + line + "'");
            }
            try {
                rules.add(new Rule(
                        parts[0].trim(),
                        parts[1].trim(),
                        List.of(parts[2].trim().split(",")),
                        Pattern.compile(parts[3])));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        origin + " line " + (i + 1) + ": the regex of rule " + parts[0] + " does not compile: "
                                + e.getDescription(),
                        e);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(origin + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new Redaction(rules);
    }

    /**
     * The default rules keyed with the key of {@code database} ({@link #keyFile}), created (32 random bytes,
     * owner-only) when it does not exist yet.
     *
     * @throws AgentStoreException when the key file cannot be read or created, or holds fewer than 16 bytes
     */
    public static Redaction forDatabase(Path database) {
        Objects.requireNonNull(database, "database must not be null");
        return DEFAULTS.keyed(key(keyFile(database)));
    }

    /** Where the redaction key of {@code database} is kept: {@code <database>.redaction-key} beside it. */
    public static Path keyFile(Path database) {
        Objects.requireNonNull(database, "database must not be null");
        return database.resolveSibling(database.getFileName() + ".redaction-key");
    }

    /** The key in {@code file}, created (owner-only, 32 random bytes) when it does not exist. */
    private static synchronized byte[] key(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    Path dir = file.toAbsolutePath().getParent();
                    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                        Files.createFile(
                                file,
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.write(file, key);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16) {
                throw new AgentStoreException("the redaction key " + file + " has " + key.length
                        + " bytes, at least 16 are needed; remove it to create a new one (placeholders then stop"
                        + " matching older ones)");
            }
            return key;
        } catch (IOException e) {
            throw new AgentStoreException("cannot read or create the redaction key " + file + ": " + e.getMessage(), e);
        }
    }

    /** The personal-data rules ({@link #PERSONAL_RULES}); configured, not part of the defaults. */
    public static Redaction personal() {
        return parse(load(PERSONAL_RULES), PERSONAL_RULES);
    }

    /**
     * These rules with keyed placeholders: a match becomes {@code [REDACTED:<type>:<hash>]}, the hash being the
     * first 16 hex digits of the HMAC-SHA256 of the matched text under {@code key}, so that equal secrets
     * stay joinable while nothing reversible is kept.
     *
     * @throws IllegalArgumentException when the key is shorter than 16 bytes
     */
    public Redaction keyed(byte[] key) {
        Objects.requireNonNull(key, "key must not be null");
        if (key.length < 16) {
            throw new IllegalArgumentException("key must be at least 16 bytes, was " + key.length);
        }
        return new Redaction(rules, key);
    }

    /** These rules followed by {@code more}'s (for example a module's own rules). */
    public Redaction and(Redaction more) {
        Objects.requireNonNull(more, "more must not be null");
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new Redaction(all, key);
    }

    /** The rules, in the order they run. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * A text after redaction and how many values each rule replaced in it.
     *
     * @param text     the redacted text (null when the input was null)
     * @param replaced values replaced, by rule name, in rule order; empty when nothing was replaced
     */
    public record Result(String text, java.util.Map<String, Integer> replaced) {
        /** Copies the counts. */
        public Result {
            replaced = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(replaced));
        }

        /** Whether any value was replaced. */
        public boolean changed() {
            return !replaced.isEmpty();
        }
    }

    /** {@code text} with every secret the rules find replaced by its placeholder; null stays null. */
    public String redact(String text) {
        return run(text, null);
    }

    /** Like {@link #redact}, and says how many values each rule replaced (what a rescan reports). */
    public Result scan(String text) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        return new Result(run(text, counts), counts);
    }

    private String run(String text, java.util.Map<String, Integer> counts) {
        if (text == null || text.isEmpty() || hints.length == 0) {
            return text;
        }
        // String.indexOf is the fast path: most text holds no hint, and then no regex runs at all
        String lower = text.toLowerCase(Locale.ROOT);
        boolean any = false;
        for (String h : hints) {
            if (lower.indexOf(h) >= 0) {
                any = true;
                break;
            }
        }
        if (!any) {
            return text;
        }
        String result = text;
        for (Rule rule : rules) {
            if (lower == null) {
                lower = result.toLowerCase(Locale.ROOT);
            }
            boolean hinted = false;
            for (String h : rule.hints()) {
                if (lower.contains(h.toLowerCase(Locale.ROOT))) {
                    hinted = true;
                    break;
                }
            }
            if (!hinted) {
                continue;
            }
            String replaced = apply(rule, result, counts);
            if (!replaced.equals(result)) {
                result = replaced;
                lower = null;
            }
        }
        return result;
    }

    private String apply(Rule rule, String text, java.util.Map<String, Integer> counts) {
        Matcher m = rule.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        boolean group = rule.replacesGroup();
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int start = group ? m.start("secret") : m.start();
            int end = group ? m.end("secret") : m.end();
            if (start < 0) {
                continue;
            }
            out.append(text, last, start)
                    .append(
                            key == null
                                    ? rule.placeholder()
                                    : "[REDACTED:" + rule.type() + ":" + hmac(text.substring(start, end)) + "]");
            last = end;
            if (counts != null) {
                counts.merge(rule.name(), 1, Integer::sum);
            }
        } while (m.find());
        return out.append(text, last, text.length()).toString();
    }

    private String hmac(String secret) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static String load(String path) {
        try (InputStream in = Redaction.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the redaction rules " + path + " are not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the redaction rules " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Redaction" + rules.stream().map(Rule::name).toList();
    }
}
