package io.agentstore.cdc;

import io.agentstore.cdc.check.Baseline;
import io.agentstore.cdc.check.CheckResult;
import io.agentstore.cdc.check.Checker;
import io.agentstore.cdc.diff.DetectedChange;
import io.agentstore.cdc.diff.Differ;
import io.agentstore.cdc.diff.JsonSchemaDiffer;
import io.agentstore.cdc.diff.MarkdownDiffer;
import io.agentstore.cdc.diff.OpenApiDiffer;
import io.agentstore.cdc.diff.PackageManifestDiffer;
import io.agentstore.cdc.diff.Rules;
import io.agentstore.cdc.diff.SqlDdlDiffer;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.Row;
import io.agentstore.spi.StoreContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The cdc module's facade: register sources and the components and skills that depend on them, run the checks
 * that are due, and ask what changed, what it breaks and how fresh the skills are.
 */
public final class CdcFacade {
    private final StoreContext context;
    private final List<Checker> checkers;

    CdcFacade(StoreContext context, List<Checker> checkers) {
        this.context = context;
        this.checkers = List.copyOf(checkers);
    }

    /** Registers (or re-registers, or retires) a source. */
    public UUID register(SourceRegistration registration) {
        return context.record(Checks.present("registration", registration));
    }

    /** Links a component to a dependency it consumes, provides or depends on (or removes the link). */
    public UUID link(ComponentDependency link) {
        return context.record(Checks.present("link", link));
    }

    /** Links a skill to a source it is built from (or removes the link). */
    public UUID link(SkillSource link) {
        return context.record(Checks.present("link", link));
    }

    /** Records a validation of a skill. */
    public UUID recordValidation(Validation validation) {
        return context.record(Checks.present("validation", validation));
    }

    /** Records an update attempt of a skill. */
    public UUID recordUpdateAttempt(UpdateAttempt attempt) {
        return context.record(Checks.present("attempt", attempt));
    }

    /** Records a check of a dependency made elsewhere (a health probe, a schema parse). */
    public UUID recordDependencyCheck(DependencyCheck check) {
        return context.record(Checks.present("check", check));
    }

    /** Records a change found elsewhere (another differ, a person). */
    public UUID recordChange(Change change) {
        return context.record(Checks.present("change", change));
    }

    /** Checks every source whose check is due now (its schedule has passed since its last check). */
    public CheckReport check() {
        return checkWhere("SELECT * FROM v_due_sources ORDER BY source_name");
    }

    /** Checks every active source now, due or not. */
    public CheckReport checkAll() {
        return checkWhere("SELECT * FROM v_sources ORDER BY source_name");
    }

    private CheckReport checkWhere(String sql) {
        List<Row> due = context.sql(sql).rows();
        if (due.isEmpty()) {
            return new CheckReport(List.of());
        }
        Map<String, Baseline> baselines = baselines();
        List<CheckReport.SourceCheck> done = new ArrayList<>();
        List<FactRecord> records = new ArrayList<>();
        for (Row row : due) {
            String name = row.string("source_name");
            done.add(checkSource(
                    name,
                    row.string("source_type"),
                    row.string("location"),
                    row.string("dependency_name"),
                    baselines.getOrDefault(name, Baseline.NONE),
                    records));
        }
        context.recordAll(records);
        return new CheckReport(done);
    }

    private CheckReport.SourceCheck checkSource(
            String name, String type, String location, String dependency, Baseline baseline, List<FactRecord> all) {
        Checker checker = checkers.stream()
                .filter(c -> c.accepts(type, location))
                .findFirst()
                .orElse(null);
        Instant now = context.clock().instant();
        if (checker == null) {
            WatermarkCheck w = WatermarkCheck.builder()
                    .occurredAt(now)
                    .sourceName(name)
                    .checker(type.equals("git") ? "git" : "file")
                    .unavailable("no checker for " + location)
                    .build();
            context.record(w);
            return new CheckReport.SourceCheck(name, w.checker(), false, false, w.error(), 0, List.of());
        }
        CheckResult r = checker.check(location, baseline);
        boolean first = baseline.contentHash() == null && baseline.version() == null;
        List<FactRecord> records = new ArrayList<>();
        Optional<Differ> wholeDiffer = differ(type, location);
        String previousSnapshot = r.changed() && r.content() != null && wholeDiffer.isPresent()
                ? snapshot(name, null).orElse(null)
                : null;
        WatermarkCheck.Builder source = WatermarkCheck.builder()
                .occurredAt(now)
                .sourceName(name)
                .checker(checker.id())
                .httpStatus(r.httpStatus())
                .validators(r.etag(), r.lastModified())
                .contentHash(r.contentHash())
                .version(r.version())
                .changed(r.changed())
                .durationMs(r.durationMs())
                .snapshot(wholeDiffer.isPresent() ? r.content() : null);
        if (!r.available()) {
            source.unavailable(r.error());
        }
        records.add(source.build());
        if (dependency != null) {
            records.add(DependencyCheck.builder()
                    .occurredAt(now)
                    .dependency(dependency, null)
                    .checkType(checkType(type, checker.id()))
                    .available(r.available())
                    .versionDetected(r.version())
                    .responseTimeMs(r.durationMs())
                    .build());
        }
        List<Change> changes = new ArrayList<>();
        List<String> affected = r.changed() || !r.pages().isEmpty() ? affected(name, dependency) : List.of();
        if (!first && r.available()) {
            if (r.changed() && r.content() != null) {
                changes.addAll(contentChanges(
                        name,
                        null,
                        dependency,
                        wholeDiffer,
                        previousSnapshot,
                        r.content(),
                        baseline.contentHash(),
                        r.contentHash(),
                        affected,
                        now));
            } else if (r.changed() && r.files().isEmpty() && r.pages().isEmpty()) {
                changes.add(change(
                        name,
                        null,
                        dependency,
                        "content",
                        "content.changed",
                        location,
                        null,
                        baseline.contentHash(),
                        r.contentHash(),
                        "the content of " + name + " changed",
                        affected,
                        now));
            }
            for (CheckResult.FileChange f : r.files()) {
                String kind = switch (f.status()) {
                    case "A" -> "git.file_added";
                    case "D" -> "git.file_removed";
                    default -> "git.file_modified";
                };
                changes.add(change(
                        name,
                        null,
                        dependency,
                        "git",
                        kind,
                        f.path(),
                        null,
                        baseline.version(),
                        r.version(),
                        f.path() + " " + Rules.get(kind).changeType().replace('_', ' ') + " in " + name + " ("
                                + shortSha(baseline.version()) + ".." + shortSha(r.version()) + ")",
                        affected,
                        now));
            }
        }
        for (CheckResult.PageResult p : r.pages()) {
            Optional<Differ> pageDiffer = p.hash() == null ? Optional.empty() : differ(type, p.path());
            String old = baseline.pageHashes().get(p.path());
            boolean known = baseline.pageHashes().containsKey(p.path()) && old != null;
            String oldSnapshot =
                    known && pageDiffer.isPresent() ? snapshot(name, p.path()).orElse(null) : null;
            WatermarkCheck.Builder page = WatermarkCheck.builder()
                    .occurredAt(now)
                    .sourceName(name)
                    .pageUrl(p.path())
                    .checker(checker.id())
                    .contentHash(p.hash())
                    .changed(!first)
                    .snapshot(pageDiffer.isPresent() ? p.content() : null);
            records.add(p.hash() == null ? page.unavailable("gone").build() : page.build());
            if (first) {
                continue;
            }
            if (p.hash() == null) {
                changes.add(change(
                        name,
                        p.path(),
                        dependency,
                        "content",
                        "content.removed",
                        p.path(),
                        null,
                        old,
                        null,
                        p.path() + " was removed from " + name,
                        affected,
                        now));
            } else if (!known) {
                changes.add(change(
                        name,
                        p.path(),
                        dependency,
                        "content",
                        "content.added",
                        p.path(),
                        null,
                        null,
                        p.hash(),
                        p.path() + " was added to " + name,
                        affected,
                        now));
            } else {
                changes.addAll(contentChanges(
                        name,
                        p.path(),
                        dependency,
                        pageDiffer,
                        oldSnapshot,
                        p.content(),
                        old,
                        p.hash(),
                        affected,
                        now));
            }
        }
        records.addAll(changes);
        all.addAll(records);
        return new CheckReport.SourceCheck(
                name,
                checker.id(),
                r.available(),
                r.changed() || (!first && !r.pages().isEmpty()),
                r.error(),
                r.durationMs(),
                changes);
    }

    private List<Change> contentChanges(
            String name,
            String page,
            String dependency,
            Optional<Differ> differ,
            String oldText,
            String newText,
            String oldHash,
            String newHash,
            List<String> affected,
            Instant now) {
        String subject = page == null ? name : page;
        if (differ.isEmpty() || oldText == null || newText == null) {
            return List.of(change(
                    name,
                    page,
                    dependency,
                    "content",
                    "content.changed",
                    subject,
                    null,
                    oldHash,
                    newHash,
                    "the content of " + subject + " changed",
                    affected,
                    now));
        }
        List<DetectedChange> found;
        try {
            found = differ.get().diff(oldText, newText);
        } catch (IllegalArgumentException e) {
            return List.of(change(
                    name,
                    page,
                    dependency,
                    "content",
                    "content.changed",
                    subject,
                    null,
                    oldHash,
                    newHash,
                    "the content of " + subject + " changed and could not be diffed: " + e.getMessage(),
                    affected,
                    now));
        }
        List<Change> changes = new ArrayList<>();
        for (DetectedChange d : found) {
            changes.add(Change.builder()
                    .occurredAt(now)
                    .source(name, page, dependency)
                    .rule(
                            differ.get().id(),
                            d.rule().id(),
                            d.classification(),
                            d.rule().changeType())
                    .subject(d.subject(), d.method())
                    .values(d.oldValue(), d.newValue())
                    .hashes(oldHash, newHash)
                    .summary(d.summary())
                    .affectedComponents(affected)
                    .build());
        }
        return changes;
    }

    private static Change change(
            String name,
            String page,
            String dependency,
            String differ,
            String ruleId,
            String subject,
            String method,
            String oldHash,
            String newHash,
            String summary,
            List<String> affected,
            Instant now) {
        var rule = Rules.get(ruleId);
        return Change.builder()
                .occurredAt(now)
                .source(name, page, dependency)
                .rule(differ, rule.id(), rule.classification(), rule.changeType())
                .subject(subject, method)
                .hashes(oldHash, newHash)
                .summary(summary)
                .affectedComponents(affected)
                .build();
    }

    private static String shortSha(String sha) {
        return sha == null ? "?" : sha.substring(0, Math.min(8, sha.length()));
    }

    private static String checkType(String sourceType, String checker) {
        return switch (sourceType) {
            case "service" -> "health_check";
            case "schema" -> "schema_diff";
            case "config" -> "config_parse";
            case "api" -> "api_call";
            default -> checker + "_check";
        };
    }

    /** The structural differ for a source of {@code type} at {@code name} (a location or a page path). */
    static Optional<Differ> differ(String type, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String file = n.substring(n.lastIndexOf('/') + 1);
        return switch (type) {
            case "api" -> Optional.of(new OpenApiDiffer());
            case "schema" -> Optional.of(n.endsWith(".sql") ? new SqlDdlDiffer() : new JsonSchemaDiffer());
            case "docs" ->
                n.endsWith(".html") || n.endsWith(".htm") ? Optional.empty() : Optional.of(new MarkdownDiffer());
            case "package" ->
                file.equals("pom.xml")
                                || file.equals("package.json")
                                || file.equals("pyproject.toml")
                                || (file.startsWith("requirements") && file.endsWith(".txt"))
                                || !file.contains(".")
                        ? Optional.of(new PackageManifestDiffer())
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * What the previous checks left, per source, in two queries: the validators, hash and version of the last
     * check that saw each source (an outage keeps the previous ones), and the latest hash of each page.
     */
    private Map<String, Baseline> baselines() {
        Map<String, Map<String, String>> pages = new HashMap<>();
        for (Row p : context.sql("SELECT source_name, page_url, content_hash FROM v_latest_page_hash")
                .rows()) {
            pages.computeIfAbsent(p.string("source_name"), k -> new HashMap<>())
                    .put(p.string("page_url"), p.string("content_hash"));
        }
        Map<String, Baseline> out = new HashMap<>();
        for (Row r : context.sql(context.sqlResource("source_baselines.sql")).rows()) {
            String name = r.string("source_name");
            out.put(
                    name,
                    new Baseline(
                            r.string("etag"),
                            r.string("last_modified"),
                            r.string("content_hash"),
                            r.string("version"),
                            pages.getOrDefault(name, Map.of())));
        }
        pages.forEach((name, p) -> out.putIfAbsent(name, new Baseline(null, null, null, null, p)));
        return out;
    }

    private Optional<String> snapshot(String source, String page) {
        List<Row> rows = context.sql(
                        "SELECT snapshot FROM v_latest_snapshot WHERE source_name = ? AND page_url IS NOT DISTINCT FROM ?",
                        source,
                        page)
                .rows();
        return rows.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(rows.get(0).string("snapshot"));
    }

    private List<String> affected(String source, String dependency) {
        Set<String> names = new LinkedHashSet<>();
        if (dependency != null) {
            impact(dependency).forEach(i -> names.add(i.componentName()));
        }
        context.sql("SELECT component_name FROM v_skill_sources WHERE source_name = ? ORDER BY component_name", source)
                .rows()
                .forEach(r -> names.add(r.string("component_name")));
        return List.copyOf(names);
    }

    /** The changes detected at or after {@code since}, oldest first; BREAKING only when {@code breakingOnly}. */
    public List<Change> changes(Instant since, boolean breakingOnly) {
        Objects.requireNonNull(since, "since must not be null");
        var type = io.agentstore.cdc.internal.CdcFactTypes.CHANGE;
        return context
                .sql(
                        "SELECT * FROM v_changes WHERE NOT is_superseded AND occurred_at >= ?"
                                + (breakingOnly ? " AND classification = 'BREAKING'" : "")
                                + " ORDER BY occurred_at, source_name, rule_id, subject",
                        since)
                .rows()
                .stream()
                .map(type::read)
                .toList();
    }

    /** What a failure or breaking change of {@code dependency} reaches, nearest first (the recursive cascade). */
    public List<ImpactedComponent> impact(String dependency) {
        Checks.argument("dependency", dependency);
        return context.sql(context.sqlResource("impact_cascade.sql"), dependency).rows().stream()
                .map(r -> new ImpactedComponent(
                        r.string("component_name"),
                        r.string("component_type"),
                        r.int64("depth"),
                        r.string("via_dependency")))
                .toList();
    }

    /** Every skill linked to a source, with the freshness of its sources, stalest first. */
    public List<SkillFreshness> skillFreshness() {
        return context
                .sql("SELECT * FROM v_skill_freshness ORDER BY is_stale DESC, breaking_changes DESC, skill_name")
                .rows()
                .stream()
                .map(r -> new SkillFreshness(
                        r.string("skill_name"),
                        r.instant("last_change_at"),
                        r.instant("last_validated_at"),
                        r.int64("breaking_changes"),
                        r.int64("additive_changes"),
                        r.bool("is_stale")))
                .toList();
    }

    /** The latest check of {@code dependency}, with its BREAKING changes of the last 7 days, if it was ever checked. */
    public Optional<DependencyHealth> health(String dependency) {
        Checks.argument("dependency", dependency);
        List<Row> rows = context.sql(context.sqlResource("dependency_health.sql"), dependency)
                .rows();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row r = rows.get(0);
        return Optional.of(new DependencyHealth(
                dependency,
                r.instant("checked_at"),
                r.string("check_type"),
                r.bool("is_available"),
                r.string("version_detected"),
                r.int64("response_time_ms"),
                r.int64("breaking_changes_7d")));
    }

    /** The default check timeout of the bundled HTTP and git checkers. */
    public static Duration defaultTimeout() {
        return CdcModule.DEFAULT_TIMEOUT;
    }
}
