package io.agentstore.cdc;

import io.agentstore.spi.ToolResult;
import io.agentstore.spi.ToolSpec;
import io.agentstore.spi.ToolValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of the cdc module (use case 6's MCP server): {@code check_dependency_health},
 * {@code get_breaking_changes}, {@code analyze_impact} and {@code get_skill_freshness}, each answered by a
 * {@link CdcFacade} method. They read the store; none runs a check.
 */
public final class CdcTools {
    private CdcTools() {}

    /** Every cdc tool. */
    public static List<ToolSpec> all() {
        return List.of(checkDependencyHealth(), getBreakingChanges(), analyzeImpact(), getSkillFreshness());
    }

    static ToolSpec checkDependencyHealth() {
        return ToolSpec.reading(
                "check_dependency_health",
                "The latest check of a dependency (an API, a schema, a package, a service): whether it answered, the "
                        + "version it reported, its latency, and its BREAKING changes of the last 7 days.",
                """
                {"type":"object","properties":{
                  "name":{"type":"string","description":"The dependency's name, as registered with cdc add --dependency."}},
                 "required":["name"],"additionalProperties":false}""",
                (args, ctx) -> {
                    String name = args.string("name");
                    Optional<DependencyHealth> h = ctx.facade(CdcFacade.class).health(name);
                    if (h.isEmpty()) {
                        return new ToolResult(
                                ToolValues.map("dependency_name", name, "is_known", false),
                                "Dependency " + name + " has never been checked.");
                    }
                    DependencyHealth d = h.get();
                    Map<String, Object> out = ToolValues.map(
                            "dependency_name", name,
                            "is_known", true,
                            "checked_at", d.checkedAt(),
                            "check_type", d.checkType(),
                            "is_available", d.available(),
                            "version_detected", d.versionDetected(),
                            "response_time_ms", d.responseTimeMs(),
                            "breaking_changes_7d", d.breakingChanges7d());
                    return new ToolResult(
                            out,
                            ToolValues.text(
                                    "Dependency " + name + (d.available() ? " is available" : " is DOWN"), out));
                });
    }

    static ToolSpec getBreakingChanges() {
        return ToolSpec.reading(
                "get_breaking_changes",
                "BREAKING changes detected in watched sources since an instant (default: 7 days ago), oldest first, "
                        + "each with the rule that classified it and the components it affects.",
                """
                {"type":"object","properties":{
                  "since":{"type":"string","description":"ISO-8601 instant or date (YYYY-MM-DD); 7 days ago when absent."}},
                 "additionalProperties":false}""",
                (args, ctx) -> {
                    Instant since =
                            args.instant("since").orElse(ctx.clock().instant().minus(Duration.ofDays(7)));
                    List<Change> changes = ctx.facade(CdcFacade.class).changes(since, true);
                    List<Object> rows = new ArrayList<>();
                    changes.forEach(c -> rows.add(change(c)));
                    Map<String, Object> out = ToolValues.map("since", since, "count", changes.size(), "changes", rows);
                    return new ToolResult(
                            out, ToolValues.text(changes.size() + " BREAKING change(s) since " + since, out));
                });
    }

    static ToolSpec analyzeImpact() {
        return ToolSpec.reading(
                "analyze_impact",
                "What a failure or breaking change of a dependency reaches: the components consuming it (depth 1), "
                        + "then those consuming what they provide, up to depth 5.",
                """
                {"type":"object","properties":{
                  "dependency":{"type":"string","description":"The dependency's name."}},
                 "required":["dependency"],"additionalProperties":false}""",
                (args, ctx) -> {
                    String dependency = args.string("dependency");
                    List<ImpactedComponent> impact = ctx.facade(CdcFacade.class).impact(dependency);
                    List<Object> rows = new ArrayList<>();
                    impact.forEach(i -> rows.add(ToolValues.json(i)));
                    Map<String, Object> out = ToolValues.map("dependency", dependency, "components", rows);
                    return new ToolResult(
                            out, ToolValues.text(impact.size() + " component(s) depend on " + dependency, out));
                });
    }

    static ToolSpec getSkillFreshness() {
        return ToolSpec.reading(
                "get_skill_freshness",
                "Every skill linked to a watched source: the last change of its sources, its last validation, the "
                        + "BREAKING and ADDITIVE changes since, and whether it is stale. Stalest first.",
                """
                {"type":"object","properties":{},"additionalProperties":false}""",
                (args, ctx) -> {
                    List<SkillFreshness> skills = ctx.facade(CdcFacade.class).skillFreshness();
                    List<Object> rows = new ArrayList<>();
                    skills.forEach(s -> rows.add(ToolValues.json(s)));
                    long stale = skills.stream().filter(SkillFreshness::stale).count();
                    Map<String, Object> out = ToolValues.map("skills", rows, "stale", stale);
                    return new ToolResult(
                            out, ToolValues.text(stale + " of " + skills.size() + " skill(s) stale", out));
                });
    }

    private static Map<String, Object> change(Change c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("detected_at", c.occurredAt().toString());
        m.put("source_name", c.sourceName());
        m.put("dependency_name", c.dependencyName());
        m.put("classification", c.classification().name());
        m.put("rule_id", c.ruleId());
        m.put("subject", c.subject());
        m.put("method", c.method());
        m.put("summary", c.summary());
        m.put("affected_components", c.affectedComponents());
        return m;
    }
}
