package io.agentstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Usage reports in the shape ccusage users know: per day, week, month, session (one transcript and its
 * sub-agent folder) or 5-hour block, with tokens by kind, the models used and the cost from the price table.
 */
final class Reports {
    enum Kind {
        DAILY,
        WEEKLY,
        MONTHLY,
        SESSION,
        BLOCKS
    }

    private static final String USAGE = SqlResources.load(Reports.class, "io/agentstore/cli/report_usage.sql");
    private static final String BLOCKS = SqlResources.load(Reports.class, "io/agentstore/cli/report_blocks.sql");

    private final AgentStore store;
    private final ZoneId zone;
    private final String project;

    Reports(AgentStore store, ZoneId zone) {
        this(store, zone, null);
    }

    /** Reports over the calls of one project's sessions only, or of all when {@code project} is null. */
    Reports(AgentStore store, ZoneId zone, String project) {
        this.store = store;
        this.zone = zone;
        this.project = project;
    }

    /** One period's usage, with its per-model breakdown. */
    static final class Period {
        final String key;
        final List<Row> models = new ArrayList<>();
        long input;
        long output;
        long cacheCreation;
        long cacheRead;
        long total;
        long unpriced;
        BigDecimal cost = BigDecimal.ZERO;
        Instant firstActivity;
        Instant lastActivity;
        String sessionId;
        String project;
        final List<Period> subAgents = new ArrayList<>();

        Period(String key) {
            this.key = key;
        }

        void add(Row r) {
            models.add(r);
            if (r.columns().contains("session_id") && r.string("session_id") != null) {
                sessionId = r.string("session_id");
            }
            if (r.columns().contains("project") && r.string("project") != null) {
                project = r.string("project");
            }
            if (r.columns().contains("first_activity")) {
                Instant first = r.instant("first_activity");
                firstActivity = firstActivity == null || first.isBefore(firstActivity) ? first : firstActivity;
            }
            input += r.int64("input_tokens");
            output += r.int64("output_tokens");
            cacheCreation += r.int64("cache_creation_tokens");
            cacheRead += r.int64("cache_read_tokens");
            total += r.int64("total_tokens");
            unpriced += r.int64("unpriced_calls");
            if (r.decimal("cost_usd") != null) {
                cost = cost.add(r.decimal("cost_usd"));
            }
            Instant last = r.instant("last_activity");
            lastActivity = lastActivity == null || last.isAfter(lastActivity) ? last : lastActivity;
        }
    }

    List<Period> periods(Kind kind, LocalDate since, LocalDate until) {
        Map<String, Period> byKey = new LinkedHashMap<>();
        for (Row r : store.sql(
                        USAGE,
                        zone.getId(),
                        kind.name().toLowerCase(Locale.ROOT),
                        since,
                        since,
                        until,
                        until,
                        project,
                        project)
                .rows()) {
            byKey.computeIfAbsent(r.string("period"), Period::new).add(r);
        }
        List<Period> list = new ArrayList<>(byKey.values());
        if (kind == Kind.SESSION) {
            list.sort(Comparator.comparing((Period p) -> p.lastActivity));
        }
        return list;
    }

    /** The report as JSON, in ccusage's field names. */
    String json(Kind kind, LocalDate since, LocalDate until) {
        if (kind == Kind.BLOCKS) {
            return blocksJson(since, until);
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode items =
                root.putArray(kind == Kind.SESSION ? "session" : kind.name().toLowerCase(Locale.ROOT));
        Period totals = new Period("total");
        for (Period p : periods(kind, since, until)) {
            ObjectNode n = items.addObject();
            n.put("period", p.key);
            // ccusage 20: "all" with the agents in metadata for periods, the agent itself for sessions
            n.put("agent", kind == Kind.SESSION ? "claude" : "all");
            counts(n, p);
            n.put("totalCost", p.cost);
            ArrayNode used = n.putArray("modelsUsed");
            ArrayNode breakdowns = n.putArray("modelBreakdowns");
            for (Row m : p.models) {
                used.add(m.string("model_name"));
                ObjectNode b = breakdowns.addObject();
                b.put("modelName", m.string("model_name"));
                b.put("inputTokens", m.int64("input_tokens"));
                b.put("outputTokens", m.int64("output_tokens"));
                b.put("cacheCreationTokens", m.int64("cache_creation_tokens"));
                b.put("cacheReadTokens", m.int64("cache_read_tokens"));
                b.put("cost", m.decimal("cost_usd"));
            }
            if (kind == Kind.SESSION) {
                n.putObject("metadata").put("lastActivity", iso(p.lastActivity));
            } else {
                n.putObject("metadata").putArray("agents").add("claude");
            }
            if (p.unpriced > 0) {
                n.put("unpricedCalls", p.unpriced);
            }
            p.models.forEach(totals::add);
        }
        ObjectNode t = root.putObject("totals");
        counts(t, totals);
        t.put("totalCost", totals.cost);
        return Json.write(root);
    }

    private static void counts(ObjectNode n, Period p) {
        n.put("inputTokens", p.input);
        n.put("outputTokens", p.output);
        n.put("cacheCreationTokens", p.cacheCreation);
        n.put("cacheReadTokens", p.cacheRead);
        n.put("totalTokens", p.total);
    }

    private String blocksJson(LocalDate since, LocalDate until) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode blocks = root.putArray("blocks");
        Instant previousEnd = null;
        for (Block block : blocks(since, until)) {
            Row r = block.row();
            Instant first = r.instant("first_call_at");
            if (previousEnd != null && Duration.between(previousEnd, first).compareTo(Duration.ofHours(5)) > 0) {
                Instant gapStart = previousEnd.plus(Duration.ofHours(5));
                ObjectNode gap = blocks.addObject();
                gap.put("id", "gap-" + iso(gapStart));
                gap.put("startTime", iso(gapStart));
                gap.put("endTime", iso(first));
                gap.putNull("actualEndTime");
                gap.put("isActive", false);
                gap.put("isGap", true);
                gap.put("entries", 0);
                ObjectNode tc = gap.putObject("tokenCounts");
                tc.put("inputTokens", 0)
                        .put("outputTokens", 0)
                        .put("cacheCreationInputTokens", 0)
                        .put("cacheReadInputTokens", 0);
                gap.put("totalTokens", 0);
                gap.put("costUSD", 0);
                gap.putArray("models");
                gap.putNull("burnRate");
                gap.putNull("projection");
            }
            ObjectNode b = blocks.addObject();
            b.put("id", iso(r.instant("window_start")));
            b.put("startTime", iso(r.instant("window_start")));
            b.put("endTime", iso(r.instant("window_end")));
            b.put("actualEndTime", iso(r.instant("last_call_at")));
            b.put("isActive", Boolean.TRUE.equals(r.bool("is_active")));
            b.put("isGap", false);
            b.put("entries", r.int64("calls"));
            ObjectNode tc = b.putObject("tokenCounts");
            tc.put("inputTokens", r.int64("input_tokens"));
            tc.put("outputTokens", r.int64("output_tokens"));
            tc.put("cacheCreationInputTokens", r.int64("cache_creation_tokens"));
            tc.put("cacheReadInputTokens", r.int64("cache_read_tokens"));
            b.put("totalTokens", r.int64("total_tokens"));
            b.put("costUSD", r.decimal("cost_usd"));
            ArrayNode models = b.putArray("models");
            Object list = r.get("models");
            if (list instanceof List<?> l) {
                l.forEach(m -> models.add(String.valueOf(m)));
            }
            if (block.burnRate() == null) {
                b.putNull("burnRate");
            } else {
                ObjectNode rate = b.putObject("burnRate");
                rate.put("tokensPerMinute", block.burnRate().tokensPerMinute());
                rate.put("tokensPerMinuteForIndicator", block.burnRate().tokensPerMinuteForIndicator());
                rate.put("costPerHour", block.burnRate().costPerHour());
            }
            if (block.projection() == null) {
                b.putNull("projection");
            } else {
                ObjectNode pr = b.putObject("projection");
                pr.put("totalTokens", block.projection().totalTokens());
                pr.put("totalCost", block.projection().totalCost());
                pr.put("remainingMinutes", block.projection().remainingMinutes());
            }
            if (r.int64("unpriced_calls") > 0) {
                b.put("unpricedCalls", r.int64("unpriced_calls"));
            }
            previousEnd = r.instant("last_call_at");
        }
        return Json.write(root);
    }

    private static final java.time.format.DateTimeFormatter ISO_MILLIS = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private static String iso(Instant i) {
        return ISO_MILLIS.format(i);
    }

    /** The report as an aligned table for a terminal; sub-agent sessions fold into their parent unless {@code flat}. */
    String table(Kind kind, LocalDate since, LocalDate until, boolean breakdown) {
        return table(kind, since, until, breakdown, false);
    }

    /** The report as an aligned table for a terminal; sub-agent sessions fold into their parent unless {@code flat}. */
    String table(Kind kind, LocalDate since, LocalDate until, boolean breakdown, boolean flat) {
        if (kind == Kind.BLOCKS) {
            return blocksTable(since, until);
        }
        if (kind == Kind.SESSION) {
            return sessionTable(since, until, breakdown, flat);
        }
        List<String[]> lines = new ArrayList<>();
        String first = switch (kind) {
            case DAILY -> "Date";
            case WEEKLY -> "Week";
            default -> "Month";
        };
        lines.add(new String[] {
            first, "Models", "Input", "Output", "Cache create", "Cache read", "Total tokens", "Cost (USD)"
        });
        Period totals = new Period("Total");
        for (Period p : periods(kind, since, until)) {
            lines.add(new String[] {
                p.key,
                models(p),
                n(p.input),
                n(p.output),
                n(p.cacheCreation),
                n(p.cacheRead),
                n(p.total),
                usd(p.cost, p.unpriced)
            });
            if (breakdown) {
                breakdownLines(lines, p, 6);
            }
            p.models.forEach(totals::add);
        }
        lines.add(new String[] {
            "Total",
            "",
            n(totals.input),
            n(totals.output),
            n(totals.cacheCreation),
            n(totals.cacheRead),
            n(totals.total),
            usd(totals.cost, totals.unpriced)
        });
        return align(lines, 2);
    }

    private static String models(Period p) {
        TreeSet<String> models = new TreeSet<>();
        p.models.forEach(m -> models.add(shortModel(m.string("model_name"))));
        p.subAgents.forEach(a -> a.models.forEach(m -> models.add(shortModel(m.string("model_name")))));
        return String.join(", ", models);
    }

    private static void breakdownLines(List<String[]> lines, Period p, int before) {
        for (Row m : p.models) {
            String[] l = new String[before + 6];
            java.util.Arrays.fill(l, "");
            l[0] = "  " + shortModel(m.string("model_name"));
            l[before] = n(m.int64("input_tokens"));
            l[before + 1] = n(m.int64("output_tokens"));
            l[before + 2] = n(m.int64("cache_creation_tokens"));
            l[before + 3] = n(m.int64("cache_read_tokens"));
            l[before + 4] = n(m.int64("total_tokens"));
            l[before + 5] = usd(m.decimal("cost_usd"), m.int64("unpriced_calls"));
            lines.add(l);
        }
    }

    /**
     * Sessions, latest activity last: date of the first call, last activity, project. A sub-agent transcript
     * (its calls carry the parent's session id) is folded into its parent's row unless {@code flat}.
     */
    private String sessionTable(LocalDate since, LocalDate until, boolean breakdown, boolean flat) {
        List<Period> shown = sessions(since, until, flat);
        java.time.format.DateTimeFormatter day =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(zone);
        java.time.format.DateTimeFormatter minute =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(zone);
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {
            "Session",
            "Project",
            "Date",
            "Last activity",
            "Models",
            "Input",
            "Output",
            "Cache create",
            "Cache read",
            "Total tokens",
            "Cost (USD)"
        });
        Period totals = new Period("Total");
        for (Period p : shown) {
            Period rolled = new Period(p.key);
            p.models.forEach(rolled::add);
            p.subAgents.forEach(a -> a.models.forEach(rolled::add));
            String label = p.key
                    + (p.subAgents.isEmpty()
                            ? ""
                            : " (+" + p.subAgents.size() + " sub-agent" + (p.subAgents.size() == 1 ? "" : "s") + ")");
            lines.add(new String[] {
                label,
                p.project == null ? "-" : p.project,
                day.format(rolled.firstActivity),
                minute.format(rolled.lastActivity),
                models(p),
                n(rolled.input),
                n(rolled.output),
                n(rolled.cacheCreation),
                n(rolled.cacheRead),
                n(rolled.total),
                usd(rolled.cost, rolled.unpriced)
            });
            if (breakdown) {
                breakdownLines(lines, rolled, 5);
            }
            rolled.models.forEach(totals::add);
        }
        lines.add(new String[] {
            "Total",
            "",
            "",
            "",
            "",
            n(totals.input),
            n(totals.output),
            n(totals.cacheCreation),
            n(totals.cacheRead),
            n(totals.total),
            usd(totals.cost, totals.unpriced)
        });
        return align(lines, 5);
    }

    /**
     * The sessions of {@code report session}, latest activity last; a sub-agent transcript is in its parent's
     * {@link Period#subAgents} instead of the list unless {@code flat}.
     */
    List<Period> sessions(LocalDate since, LocalDate until, boolean flat) {
        List<Period> all = periods(Kind.SESSION, since, until);
        List<Period> shown = new ArrayList<>();
        Map<String, Period> byKey = new LinkedHashMap<>();
        all.forEach(p -> byKey.put(p.key, p));
        for (Period p : all) {
            Period parent = p.sessionId == null || p.sessionId.equals(p.key) ? null : byKey.get(p.sessionId);
            if (!flat && parent != null) {
                parent.subAgents.add(p);
            } else {
                shown.add(p);
            }
        }
        return shown;
    }

    /** One block of {@code report blocks}, with what ccusage derives for the active one. */
    record Block(Row row, boolean active, BurnRate burnRate, Projection projection) {}

    /** ccusage's burn rate: tokens per minute between the first and last call, and cost per hour. */
    record BurnRate(double tokensPerMinute, double tokensPerMinuteForIndicator, double costPerHour) {}

    /** ccusage's projection to the end of the block at the current burn rate. */
    record Projection(long totalTokens, double totalCost, long remainingMinutes) {}

    List<Block> blocks(LocalDate since, LocalDate until) {
        Instant now = store.clock().instant();
        List<Block> blocks = new ArrayList<>();
        for (Row r : store.sql(BLOCKS, zone.getId(), since, until, project).rows()) {
            boolean active = Boolean.TRUE.equals(r.bool("is_active"));
            BurnRate rate = null;
            Projection projection = null;
            if (active) {
                double minutes = Duration.between(r.instant("first_call_at"), r.instant("last_call_at"))
                                .toMillis()
                        / 60_000.0;
                BigDecimal cost = r.decimal("cost_usd") == null ? BigDecimal.ZERO : r.decimal("cost_usd");
                long remaining = Math.max(
                        0, Duration.between(now, r.instant("window_end")).toMinutes());
                if (minutes > 0) {
                    double tpm = r.int64("total_tokens") / minutes;
                    rate = new BurnRate(
                            tpm,
                            (r.int64("input_tokens") + r.int64("output_tokens")) / minutes,
                            cost.doubleValue() / minutes * 60);
                    projection = new Projection(
                            Math.round(r.int64("total_tokens") + tpm * remaining),
                            Math.round((cost.doubleValue() + rate.costPerHour() / 60 * remaining) * 100) / 100.0,
                            remaining);
                }
            }
            blocks.add(new Block(r, active, rate, projection));
        }
        return blocks;
    }

    private String blocksTable(LocalDate since, LocalDate until) {
        java.time.format.DateTimeFormatter time =
                java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {
            "Block start (UTC)",
            "End (UTC)",
            "Status",
            "Models",
            "Input",
            "Output",
            "Cache create",
            "Cache read",
            "Total tokens",
            "Cost (USD)"
        });
        Period totals = new Period("Total");
        Instant previousEnd = null;
        Instant now = store.clock().instant();
        for (Block b : blocks(since, until)) {
            Row r = b.row();
            Instant first = r.instant("first_call_at");
            if (previousEnd != null && Duration.between(previousEnd, first).compareTo(Duration.ofHours(5)) > 0) {
                Instant gapStart = previousEnd.plus(Duration.ofHours(5));
                lines.add(new String[] {
                    time.format(gapStart),
                    time.format(first),
                    "(" + duration(Duration.between(gapStart, first)) + " gap)",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    ""
                });
            }
            String status =
                    b.active() ? "ACTIVE, " + duration(Duration.between(now, r.instant("window_end"))) + " left" : "";
            lines.add(new String[] {
                time.format(r.instant("window_start")),
                time.format(r.instant("window_end")),
                status,
                blockModels(r),
                n(r.int64("input_tokens")),
                n(r.int64("output_tokens")),
                n(r.int64("cache_creation_tokens")),
                n(r.int64("cache_read_tokens")),
                n(r.int64("total_tokens")),
                usd(r.decimal("cost_usd"), r.int64("unpriced_calls"))
            });
            if (b.projection() != null) {
                lines.add(new String[] {
                    "",
                    "",
                    String.format(
                            Locale.ROOT, "burn %,.0f tokens/min", b.burnRate().tokensPerMinute()),
                    "projected to the end",
                    "",
                    "",
                    "",
                    "",
                    n(b.projection().totalTokens()),
                    "$" + BigDecimal.valueOf(b.projection().totalCost()).setScale(2, java.math.RoundingMode.HALF_UP)
                });
            }
            totals.input += r.int64("input_tokens");
            totals.output += r.int64("output_tokens");
            totals.cacheCreation += r.int64("cache_creation_tokens");
            totals.cacheRead += r.int64("cache_read_tokens");
            totals.total += r.int64("total_tokens");
            totals.unpriced += r.int64("unpriced_calls");
            totals.cost = r.decimal("cost_usd") == null ? totals.cost : totals.cost.add(r.decimal("cost_usd"));
            previousEnd = r.instant("last_call_at");
        }
        lines.add(new String[] {
            "Total",
            "",
            "",
            "",
            n(totals.input),
            n(totals.output),
            n(totals.cacheCreation),
            n(totals.cacheRead),
            n(totals.total),
            usd(totals.cost, totals.unpriced)
        });
        return align(lines, 4);
    }

    private static String blockModels(Row r) {
        TreeSet<String> models = new TreeSet<>();
        if (r.get("models") instanceof List<?> l) {
            l.forEach(m -> models.add(shortModel(String.valueOf(m))));
        }
        return String.join(", ", models);
    }

    /** {@code 2h 05m}, {@code 3d 4h}, {@code 12m}. */
    static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes >= 24 * 60) {
            return minutes / (24 * 60) + "d " + (minutes % (24 * 60)) / 60 + "h";
        }
        if (minutes >= 60) {
            return String.format(Locale.ROOT, "%dh %02dm", minutes / 60, minutes % 60);
        }
        return minutes + "m";
    }

    static String shortModel(String model) {
        return model.replaceFirst("^claude-", "").replaceFirst("-\\d{8}$", "");
    }

    private static String n(Long v) {
        return v == null ? "0" : String.format(Locale.ROOT, "%,d", v);
    }

    private static String usd(BigDecimal cost, long unpriced) {
        String s = cost == null
                ? "-"
                : "$" + cost.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        return unpriced > 0 ? s + " (+" + unpriced + " unpriced)" : s;
    }

    private static String align(List<String[]> lines, int leftColumns) {
        int[] w = new int[lines.get(0).length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                w[i] = Math.max(w[i], l[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < lines.size(); r++) {
            String[] l = lines.get(r);
            if (r == lines.size() - 1 || r == 1) {
                for (int i = 0; i < w.length; i++) {
                    b.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
                }
                b.append('\n');
                if (r == 1 && lines.size() == 2) {
                    b.append("(no usage recorded in this range)\n");
                }
            }
            for (int i = 0; i < l.length; i++) {
                String pad = " ".repeat(w[i] - l[i].length());
                b.append(i == 0 ? "" : " | ")
                        .append(i < leftColumns ? l[i] + (i == l.length - 1 ? "" : pad) : pad + l[i]);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
