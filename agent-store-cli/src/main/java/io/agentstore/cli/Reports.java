package io.agentstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Row;
import io.agentstore.spi.Json;
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
    enum Kind { DAILY, WEEKLY, MONTHLY, SESSION, BLOCKS }

    private static final String USAGE = SqlResources.load(Reports.class, "io/agentstore/cli/report_usage.sql");
    private static final String BLOCKS = SqlResources.load(Reports.class, "io/agentstore/cli/report_blocks.sql");

    private final AgentStore store;
    private final ZoneId zone;

    Reports(AgentStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
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
        Instant lastActivity;

        Period(String key) {
            this.key = key;
        }

        void add(Row r) {
            models.add(r);
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
        for (Row r : store.sql(USAGE, zone.getId(), kind.name().toLowerCase(Locale.ROOT), since, since, until, until).rows()) {
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
        ArrayNode items = root.putArray(kind == Kind.SESSION ? "session" : kind.name().toLowerCase(Locale.ROOT));
        Period totals = new Period("total");
        for (Period p : periods(kind, since, until)) {
            ObjectNode n = items.addObject();
            n.put("period", p.key);
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
                n.putObject("metadata").put("lastActivity", p.lastActivity.toString());
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
        for (Row r : store.sql(BLOCKS, since, since, until, until).rows()) {
            Instant first = r.instant("first_call_at");
            if (previousEnd != null && Duration.between(previousEnd, first).compareTo(Duration.ofHours(5)) > 0) {
                Instant gapStart = previousEnd.plus(Duration.ofHours(5));
                ObjectNode gap = blocks.addObject();
                gap.put("id", "gap-" + iso(gapStart));
                gap.put("startTime", iso(gapStart));
                gap.put("endTime", iso(first));
                gap.put("isActive", false);
                gap.put("isGap", true);
                gap.put("entries", 0);
                ObjectNode tc = gap.putObject("tokenCounts");
                tc.put("inputTokens", 0).put("outputTokens", 0).put("cacheCreationInputTokens", 0).put("cacheReadInputTokens", 0);
                gap.put("totalTokens", 0);
                gap.put("costUSD", 0);
                gap.putArray("models");
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
            if (r.int64("unpriced_calls") > 0) {
                b.put("unpricedCalls", r.int64("unpriced_calls"));
            }
            previousEnd = r.instant("last_call_at");
        }
        return Json.write(root);
    }

    private static final java.time.format.DateTimeFormatter ISO_MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private static String iso(Instant i) {
        return ISO_MILLIS.format(i);
    }

    /** The report as an aligned table for a terminal. */
    String table(Kind kind, LocalDate since, LocalDate until, boolean breakdown) {
        List<String[]> lines = new ArrayList<>();
        String first = switch (kind) {
            case DAILY -> "Date";
            case WEEKLY -> "Week";
            case MONTHLY -> "Month";
            case SESSION -> "Session";
            case BLOCKS -> "Block start (UTC)";
        };
        lines.add(new String[] {first, "Models", "Input", "Output", "Cache create", "Cache read", "Total tokens", "Cost (USD)"});
        Period totals = new Period("Total");
        if (kind == Kind.BLOCKS) {
            for (Row r : store.sql(BLOCKS, since, since, until, until).rows()) {
                lines.add(new String[] {r.instant("window_start").toString() + (Boolean.TRUE.equals(r.bool("is_active")) ? " (active)" : ""),
                        String.valueOf(r.get("models")), n(r.int64("input_tokens")), n(r.int64("output_tokens")),
                        n(r.int64("cache_creation_tokens")), n(r.int64("cache_read_tokens")), n(r.int64("total_tokens")),
                        usd(r.decimal("cost_usd"), r.int64("unpriced_calls"))});
                totals.input += r.int64("input_tokens");
                totals.output += r.int64("output_tokens");
                totals.cacheCreation += r.int64("cache_creation_tokens");
                totals.cacheRead += r.int64("cache_read_tokens");
                totals.total += r.int64("total_tokens");
                totals.unpriced += r.int64("unpriced_calls");
                totals.cost = r.decimal("cost_usd") == null ? totals.cost : totals.cost.add(r.decimal("cost_usd"));
            }
        } else {
            for (Period p : periods(kind, since, until)) {
                TreeSet<String> models = new TreeSet<>();
                p.models.forEach(m -> models.add(shortModel(m.string("model_name"))));
                lines.add(new String[] {p.key, String.join(", ", models), n(p.input), n(p.output), n(p.cacheCreation),
                        n(p.cacheRead), n(p.total), usd(p.cost, p.unpriced)});
                if (breakdown) {
                    for (Row m : p.models) {
                        lines.add(new String[] {"  " + m.string("model_name"), "", n(m.int64("input_tokens")),
                                n(m.int64("output_tokens")), n(m.int64("cache_creation_tokens")),
                                n(m.int64("cache_read_tokens")), n(m.int64("total_tokens")),
                                usd(m.decimal("cost_usd"), m.int64("unpriced_calls"))});
                    }
                }
                p.models.forEach(totals::add);
            }
        }
        lines.add(new String[] {"Total", "", n(totals.input), n(totals.output), n(totals.cacheCreation), n(totals.cacheRead),
                n(totals.total), usd(totals.cost, totals.unpriced)});
        return align(lines);
    }

    private static String shortModel(String model) {
        return model.replaceFirst("^claude-", "").replaceFirst("-\\d{8}$", "");
    }

    private static String n(Long v) {
        return v == null ? "0" : String.format(Locale.ROOT, "%,d", v);
    }

    private static String usd(BigDecimal cost, long unpriced) {
        String s = cost == null ? "-" : "$" + cost.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        return unpriced > 0 ? s + " (+" + unpriced + " unpriced)" : s;
    }

    private static String align(List<String[]> lines) {
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
                b.append(i == 0 ? "" : " | ").append(i < 2 ? l[i] + (i == l.length - 1 ? "" : pad) : pad + l[i]);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
