package io.agentstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentstore.AgentStore;
import io.agentstore.spi.Json;
import io.agentstore.spi.Row;
import io.agentstore.spi.SqlResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store report html}: one self-contained page (data as JSON, Apache ECharts and the styles inline)
 * with a chart and its table for each installed module that has data. Usage, sessions and blocks come from
 * {@link Reports}, so the page's totals are those of {@code report daily}; the other sections read the views
 * through the {@code html/*.sql} queries. The page makes no request: its content security policy allows none.
 */
final class HtmlReport {
    /** Sessions listed one by one in the sessions table; the rest are summed in one row. */
    static final int SESSION_ROWS = 500;

    /** Sessions drawn in the sessions chart; the rest are one bar. */
    static final int SESSION_BARS = 20;

    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String RESOURCES = "io/agentstore/cli/html/";

    private final AgentStore store;
    private final ZoneId zone;
    private final LocalDate since;
    private final LocalDate until;
    private final String project;
    private final Long tokenLimit;
    private final Reports reports;
    private final DateTimeFormatter minute;

    HtmlReport(AgentStore store, ZoneId zone, LocalDate since, LocalDate until, String project, Long tokenLimit) {
        this.store = store;
        this.zone = zone;
        this.since = since;
        this.until = until;
        this.project = project;
        this.tokenLimit = tokenLimit;
        this.reports = new Reports(store, zone, project);
        this.minute = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(zone);
    }

    /** {@code agent-store report html}. */
    @picocli.CommandLine.Command(
            name = "html",
            mixinStandardHelpOptions = true,
            description = {
                "Write one self-contained HTML page with a chart and its table for each installed module that has"
                        + " data: cost and tokens per day by model, cache hit rate, 5-hour blocks, cost by project,"
                        + " session and agent, tools, edited files, errors, context overflows, tests, strategies, work.",
                "Everything is inline (no network needed): open it from disk, mail it, attach it to a pull request."
                        + " Its totals are those of report daily over the same range."
            })
    static final class Command implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--since", paramLabel = "DATE", description = "First day (YYYY-MM-DD or YYYYMMDD).")
        String since;

        @Option(names = "--until", paramLabel = "DATE", description = "Last day (YYYY-MM-DD or YYYYMMDD).")
        String until;

        @Option(
                names = "--project",
                paramLabel = "PROJECT",
                description = "Only this project's sessions (the project column of report session).")
        String project;

        @Option(
                names = {"-z", "--timezone"},
                paramLabel = "ZONE",
                description = "Time zone of the days, for example UTC or Europe/Berlin (default: this machine's).")
        String timezone;

        @Option(
                names = "--token-limit",
                paramLabel = "TOKENS",
                description = "The limit line of the 5-hour blocks chart (default: the most tokens of any finished"
                        + " block, as ccusage's --token-limit max).")
        Long tokenLimit;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                defaultValue = "agent-store-report.html",
                description = "The page to write (default: ${DEFAULT-VALUE}; - for standard output).")
        String output;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ZoneId zone = ReportCommand.zone(timezone);
            LocalDate from = since == null ? null : IngestCommand.parseDay(since);
            LocalDate to = until == null ? null : IngestCommand.parseDay(until);
            ReportCommand.checkRange(from, to);
            if (tokenLimit != null && tokenLimit <= 0) {
                throw new IllegalArgumentException("--token-limit must be > 0, was " + tokenLimit);
            }
            String page;
            try (AgentStore s = store.openForReading(true)) {
                page = new HtmlReport(s, zone, from, to, project, tokenLimit).page();
            }
            if (output.equals("-")) {
                spec.commandLine().getOut().print(page);
                spec.commandLine().getOut().flush();
                return 0;
            }
            Path file = Path.of(output);
            try {
                Files.writeString(file, page, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            spec.commandLine()
                    .getOut()
                    .printf(
                            "agent-store: wrote %s (%,d bytes); open it in a browser%n",
                            file.toAbsolutePath(), page.getBytes(StandardCharsets.UTF_8).length);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The whole page. */
    String page() {
        String data = Json.write(data())
                // inside <script>: no "</" may end the element early, and no "<!--" may open a comment
                .replace("<", "\\u003c")
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
        String template = text(RESOURCES + "page.html");
        return template.replace("/*@CSS@*/", text(RESOURCES + "page.css"))
                .replace("/*@ECHARTS@*/", echarts())
                .replace("/*@APP@*/", text(RESOURCES + "page.js"))
                .replace("/*@DATA@*/", data);
    }

    /** The page's data: range, totals and the sections that have rows. */
    ObjectNode data() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("title", "agent-store report");
        root.put("generatedAt", minute.format(store.clock().instant()));
        ObjectNode range = root.putObject("range");
        range.put("since", since == null ? null : since.toString());
        range.put("until", until == null ? null : until.toString());
        range.put("project", project);
        range.put("timezone", zone.getId());
        ArrayNode modules = root.putArray("modules");
        store.modules().forEach(modules::add);
        root.put("chartLibrary", "Apache ECharts " + echartsVersion() + " (Apache-2.0)");
        ArrayNode sections = root.putArray("sections");
        boolean tokens = store.modules().contains("tokens");
        List<Reports.Period> days = tokens ? reports.periods(Reports.Kind.DAILY, since, until) : List.of();
        Reports.Period totals = new Reports.Period("total");
        days.forEach(d -> d.models.forEach(totals::add));
        // no tokens module, no usage: no totals either
        ObjectNode t = tokens ? root.putObject("totals") : Json.MAPPER.createObjectNode();
        t.put("inputTokens", totals.input);
        t.put("outputTokens", totals.output);
        t.put("cacheCreationTokens", totals.cacheCreation);
        t.put("cacheReadTokens", totals.cacheRead);
        t.put("totalTokens", totals.total);
        t.put("totalCost", totals.cost.toPlainString());
        t.put("unpricedCalls", totals.unpriced);
        if (!days.isEmpty()) {
            sections.add(usage(days, totals, true));
            sections.add(usage(days, totals, false));
            sections.add(cache(days, totals));
            List<Reports.Block> blocks = reports.blocks(since, until);
            if (!blocks.isEmpty()) {
                sections.add(blocks(blocks));
            }
            List<Reports.Period> sessions = reports.sessions(since, until, false);
            t.put("sessions", sessions.size());
            sections.add(projects(sessions, totals));
            sections.add(sessions(sessions, totals));
            addIfRows(
                    sections, "agents", "Cost by agent", "Cost of the API calls of each agent.", "html_cost_by_agent");
        }
        addIfRows(
                sections,
                "tools",
                "Top tools",
                "Calls per tool and the share that failed (top 25 by calls).",
                "html_tools");
        addIfRows(sections, "files", "Most edited files", "Modifications per file (top 25).", "html_files");
        addIfRows(sections, "errors", "Errors by type", "Errors recorded, by type (top 25).", "html_errors");
        if (tokens) {
            addIfRows(
                    sections,
                    "overflows",
                    "Context overflows",
                    "Context overflows and compactions per day.",
                    "html_overflows");
        }
        if (store.modules().contains("quality")) {
            addIfRows(sections, "tests", "Quality trend", "Test runs per day and their pass rate.", "html_test_runs");
            addIfRows(
                    sections,
                    "regressions",
                    "Regressions",
                    "Tests that passed on their previous execution and failed on this one, newest first.",
                    "html_test_regressions");
        }
        if (store.modules().contains("strategy")) {
            addIfRows(
                    sections,
                    "strategies",
                    "Strategy success rates",
                    "Attempts per strategy and the share that succeeded (top 25 by attempts).",
                    "html_strategies");
        }
        if (store.modules().contains("agents")) {
            addIfRows(
                    sections,
                    "work",
                    "Work items",
                    "Work items by their current status (not filtered by project).",
                    "html_work");
            addIfRows(
                    sections,
                    "handoffs",
                    "Handoffs",
                    "Work handed from one agent to another (top 25 pairs).",
                    "html_handoffs");
        }
        if (store.modules().contains("cdc")) {
            addIfRows(
                    sections,
                    "dependencies",
                    "Dependency changes",
                    "Changes of watched dependencies per source, BREAKING first, with the components they affect"
                            + " (not filtered by project).",
                    "html_breaking_changes");
        }
        return root;
    }

    // ------------------------------------------------------------------------------------------------------
    // Sections from Reports (usage, cache, blocks, projects, sessions)
    // ------------------------------------------------------------------------------------------------------

    private ObjectNode usage(List<Reports.Period> days, Reports.Period totals, boolean cost) {
        TreeSet<String> models = new TreeSet<>();
        days.forEach(d -> d.models.forEach(m -> models.add(m.string("model_name"))));
        ObjectNode s = section(
                cost ? "cost" : "tokens",
                cost ? "Cost per day by model" : "Tokens per day by model",
                (cost
                                ? "Cost in USD from the price table, stacked by model"
                                : "Input, output and cache tokens, stacked by model")
                        + "; days in " + zone.getId() + ", as report daily.");
        ObjectNode chart = chart(s, "bar", cost ? "usd" : "int");
        ArrayNode x = chart.putArray("x");
        days.forEach(d -> x.add(d.key));
        ArrayNode series = chart.putArray("series");
        for (String model : models) {
            ObjectNode one = series.addObject();
            one.put("name", Reports.shortModel(model));
            one.put("stack", "models");
            ArrayNode values = one.putArray("data");
            for (Reports.Period d : days) {
                Row m = d.models.stream()
                        .filter(r -> model.equals(r.string("model_name")))
                        .findFirst()
                        .orElse(null);
                if (m == null) {
                    values.add(0);
                } else if (cost) {
                    values.add(m.decimal("cost_usd") == null ? BigDecimal.ZERO : m.decimal("cost_usd"));
                } else {
                    values.add(m.int64("total_tokens"));
                }
            }
        }
        ObjectNode table = s.putObject("table");
        columns(
                table,
                "Date:text",
                "Model:text",
                "Input:int",
                "Output:int",
                "Cache create:int",
                "Cache read:int",
                "Total tokens:int",
                "Cost (USD):usd");
        ArrayNode rows = table.putArray("rows");
        for (Reports.Period d : days) {
            for (Row m : d.models) {
                ArrayNode r = rows.addArray();
                r.add(d.key).add(Reports.shortModel(m.string("model_name")));
                r.add(m.int64("input_tokens")).add(m.int64("output_tokens"));
                r.add(m.int64("cache_creation_tokens")).add(m.int64("cache_read_tokens"));
                r.add(m.int64("total_tokens"));
                r.add(m.decimal("cost_usd"));
            }
        }
        ArrayNode footer = table.putArray("footer");
        footer.add("Total").add("");
        footer.add(totals.input).add(totals.output).add(totals.cacheCreation).add(totals.cacheRead);
        footer.add(totals.total).add(totals.cost);
        return s;
    }

    private ObjectNode cache(List<Reports.Period> days, Reports.Period totals) {
        ObjectNode s = section(
                "cache",
                "Cache hit rate",
                "Share of all input tokens read from the prompt cache (cache read / (input + cache create + cache read)),"
                        + " per day, as v_cache_hit_rate_daily defines it.");
        ObjectNode chart = chart(s, "line", "pct");
        ArrayNode x = chart.putArray("x");
        ArrayNode values = chart.putArray("series")
                .addObject()
                .put("name", "Cache hit rate")
                .putArray("data");
        ObjectNode table = s.putObject("table");
        columns(table, "Date:text", "Input:int", "Cache create:int", "Cache read:int", "Hit rate:pct");
        ArrayNode rows = table.putArray("rows");
        for (Reports.Period d : days) {
            Double rate = hitRate(d);
            x.add(d.key);
            values.add(rate);
            rows.addArray()
                    .add(d.key)
                    .add(d.input)
                    .add(d.cacheCreation)
                    .add(d.cacheRead)
                    .add(rate);
        }
        table.putArray("footer")
                .add("Total")
                .add(totals.input)
                .add(totals.cacheCreation)
                .add(totals.cacheRead)
                .add(hitRate(totals));
        return s;
    }

    private static Double hitRate(Reports.Period p) {
        long all = p.input + p.cacheCreation + p.cacheRead;
        return all == 0 ? null : (double) p.cacheRead / all;
    }

    private ObjectNode blocks(List<Reports.Block> blocks) {
        long limit = tokenLimit != null
                ? tokenLimit
                : blocks.stream()
                        .filter(b -> !b.active() || blocks.size() == 1)
                        .mapToLong(b -> b.row().int64("total_tokens"))
                        .max()
                        .orElse(0);
        ObjectNode s = section(
                "blocks",
                "5-hour blocks",
                "Tokens per 5-hour billing block (start in " + zone.getId() + "), as report blocks; the line is the "
                        + (tokenLimit != null ? "--token-limit" : "most tokens of any finished block") + ".");
        ObjectNode chart = chart(s, "bar", "int");
        chart.putObject("limit").put("name", "limit").put("value", limit);
        ArrayNode x = chart.putArray("x");
        ArrayNode values =
                chart.putArray("series").addObject().put("name", "Total tokens").putArray("data");
        ObjectNode table = s.putObject("table");
        columns(
                table,
                "Block start:text",
                "Last call:text",
                "Calls:int",
                "Models:text",
                "Total tokens:int",
                "% of limit:pct",
                "Cost (USD):usd",
                "Status:text");
        ArrayNode rows = table.putArray("rows");
        long calls = 0;
        long tokensSum = 0;
        BigDecimal cost = BigDecimal.ZERO;
        for (Reports.Block b : blocks) {
            Row r = b.row();
            String start = minute.format(r.instant("window_start"));
            x.add(start);
            values.add(r.int64("total_tokens"));
            TreeSet<String> models = new TreeSet<>();
            if (r.get("models") instanceof List<?> l) {
                l.forEach(m -> models.add(Reports.shortModel(String.valueOf(m))));
            }
            rows.addArray()
                    .add(start)
                    .add(minute.format(r.instant("last_call_at")))
                    .add(r.int64("calls"))
                    .add(String.join(", ", models))
                    .add(r.int64("total_tokens"))
                    .add(limit == 0 ? null : (double) r.int64("total_tokens") / limit)
                    .add(r.decimal("cost_usd"))
                    .add(b.active() ? "active" : "");
            calls += r.int64("calls");
            tokensSum += r.int64("total_tokens");
            cost = r.decimal("cost_usd") == null ? cost : cost.add(r.decimal("cost_usd"));
        }
        table.putArray("footer")
                .add(blocks.size() + " blocks")
                .add("")
                .add(calls)
                .add("")
                .add(tokensSum)
                .add("")
                .add(cost)
                .add("");
        return s;
    }

    /** One session with its sub-agents folded in. */
    private record Folded(Reports.Period session, Reports.Period rolled) {}

    private static List<Folded> fold(List<Reports.Period> sessions) {
        List<Folded> folded = new ArrayList<>();
        for (Reports.Period p : sessions) {
            Reports.Period rolled = new Reports.Period(p.key);
            p.models.forEach(rolled::add);
            p.subAgents.forEach(a -> a.models.forEach(rolled::add));
            folded.add(new Folded(p, rolled));
        }
        folded.sort(
                Comparator.comparing((Folded f) -> f.rolled().cost).reversed().thenComparing(f -> f.session().key));
        return folded;
    }

    private ObjectNode projects(List<Reports.Period> sessions, Reports.Period totals) {
        Map<String, Reports.Period> byProject = new TreeMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (Folded f : fold(sessions)) {
            String name = f.session().project == null ? "(no project)" : f.session().project;
            f.rolled().models.forEach(byProject.computeIfAbsent(name, Reports.Period::new)::add);
            count.merge(name, 1, Integer::sum);
        }
        List<Reports.Period> list = new ArrayList<>(byProject.values());
        list.sort(Comparator.comparing((Reports.Period p) -> p.cost).reversed().thenComparing(p -> p.key));
        ObjectNode s = section("projects", "Cost by project", "Cost of each project's sessions, sub-agents included.");
        ObjectNode chart = chart(s, "hbar", "usd");
        ArrayNode x = chart.putArray("x");
        ArrayNode values =
                chart.putArray("series").addObject().put("name", "Cost (USD)").putArray("data");
        ObjectNode table = s.putObject("table");
        columns(table, "Project:text", "Sessions:int", "Total tokens:int", "Cost (USD):usd");
        ArrayNode rows = table.putArray("rows");
        int shown = 0;
        for (Reports.Period p : list) {
            if (shown++ < SESSION_BARS) {
                x.add(p.key);
                values.add(p.cost);
            }
            rows.addArray().add(p.key).add(count.get(p.key)).add(p.total).add(p.cost);
        }
        table.putArray("footer")
                .add("Total")
                .add(sessions.size())
                .add(totals.total)
                .add(totals.cost);
        return s;
    }

    private ObjectNode sessions(List<Reports.Period> sessions, Reports.Period totals) {
        List<Folded> folded = fold(sessions);
        ObjectNode s = section(
                "sessions",
                "Cost by session",
                "The " + Math.min(SESSION_BARS, folded.size()) + " most expensive of " + folded.size()
                        + " sessions, each with its sub-agents folded in (the table lists them under it"
                        + (folded.size() > SESSION_ROWS
                                ? "; sessions after the first " + SESSION_ROWS + " are summed"
                                : "")
                        + ").");
        ObjectNode chart = chart(s, "hbar", "usd");
        ArrayNode x = chart.putArray("x");
        ArrayNode values =
                chart.putArray("series").addObject().put("name", "Cost (USD)").putArray("data");
        ObjectNode table = s.putObject("table");
        columns(
                table,
                "Session:text",
                "Project:text",
                "Last activity:text",
                "Models:text",
                "Total tokens:int",
                "Cost (USD):usd");
        ArrayNode rows = table.putArray("rows");
        Reports.Period rest = new Reports.Period("rest");
        int i = 0;
        for (Folded f : folded) {
            Reports.Period p = f.session();
            Reports.Period r = f.rolled();
            String label = p.key
                    + (p.subAgents.isEmpty()
                            ? ""
                            : " (+" + p.subAgents.size() + " sub-agent" + (p.subAgents.size() == 1 ? "" : "s") + ")");
            if (i < SESSION_BARS) {
                // the chart's label: the project and the session id's first 8 characters (the table has the rest)
                x.add((p.project == null ? "" : p.project + " \u00b7 ")
                        + (p.key.length() > 8 ? p.key.substring(0, 8) + "\u2026" : p.key)
                        + label.substring(p.key.length()));
                values.add(r.cost);
            }
            if (i < SESSION_ROWS) {
                rows.addArray()
                        .add(label)
                        .add(p.project == null ? "" : p.project)
                        .add(minute.format(r.lastActivity))
                        .add(models(r))
                        .add(r.total)
                        .add(r.cost);
                for (Reports.Period a : p.subAgents) {
                    rows.addArray()
                            .add("\u21b3 " + a.key)
                            .add("")
                            .add(minute.format(a.lastActivity))
                            .add(models(a))
                            .add(a.total)
                            .add(a.cost);
                }
            } else {
                r.models.forEach(rest::add);
            }
            i++;
        }
        if (folded.size() > SESSION_ROWS) {
            rows.addArray()
                    .add("(" + (folded.size() - SESSION_ROWS) + " more sessions)")
                    .add("")
                    .add("")
                    .add("")
                    .add(rest.total)
                    .add(rest.cost);
        }
        table.putArray("footer")
                .add("Total")
                .add("")
                .add("")
                .add("")
                .add(totals.total)
                .add(totals.cost);
        return s;
    }

    private static String models(Reports.Period p) {
        TreeSet<String> models = new TreeSet<>();
        p.models.forEach(m -> models.add(Reports.shortModel(m.string("model_name"))));
        return String.join(", ", models);
    }

    // ------------------------------------------------------------------------------------------------------
    // Sections from the html/*.sql queries
    // ------------------------------------------------------------------------------------------------------

    /** How each query's rows become a chart: the label column, the plotted columns, the chart type. */
    private record Plot(String type, String format, String label, List<String> values, Map<String, String> formats) {}

    private static final Map<String, Plot> PLOTS = Map.ofEntries(
            Map.entry(
                    "html_cost_by_agent",
                    new Plot(
                            "hbar",
                            "usd",
                            "agent_name",
                            List.of("cost_usd"),
                            Map.of("calls", "int", "total_tokens", "int", "cost_usd", "usd", "unpriced_calls", "int"))),
            Map.entry(
                    "html_tools",
                    new Plot(
                            "hbar",
                            "int",
                            "tool_name",
                            List.of("calls", "failures"),
                            Map.of(
                                    "calls",
                                    "int",
                                    "failures",
                                    "int",
                                    "failure_rate",
                                    "pct",
                                    "avg_duration_ms",
                                    "int",
                                    "sessions",
                                    "int"))),
            Map.entry(
                    "html_files",
                    new Plot(
                            "hbar",
                            "int",
                            "file_path",
                            List.of("edits"),
                            Map.of("edits", "int", "lines_added", "int", "lines_deleted", "int", "sessions", "int"))),
            Map.entry(
                    "html_errors",
                    new Plot(
                            "hbar",
                            "int",
                            "error_type",
                            List.of("errors"),
                            Map.of("errors", "int", "sessions", "int"))),
            Map.entry(
                    "html_overflows",
                    new Plot(
                            "bar",
                            "int",
                            "day",
                            List.of("overflows", "compactions"),
                            Map.of(
                                    "overflows",
                                    "int",
                                    "sessions",
                                    "int",
                                    "compactions",
                                    "int",
                                    "max_tokens_at_overflow",
                                    "int",
                                    "components_dropped",
                                    "int"))),
            Map.entry(
                    "html_test_runs",
                    new Plot(
                            "line",
                            "pct",
                            "day",
                            List.of("pass_rate"),
                            Map.of(
                                    "runs",
                                    "int",
                                    "red_runs",
                                    "int",
                                    "tests",
                                    "int",
                                    "passed",
                                    "int",
                                    "failed",
                                    "int",
                                    "pass_rate",
                                    "pct"))),
            Map.entry("html_test_regressions", new Plot("count", "int", "class_name", List.of(), Map.of())),
            Map.entry(
                    "html_strategies",
                    new Plot(
                            "hbar",
                            "pct",
                            "strategy_name",
                            List.of("success_rate"),
                            Map.of(
                                    "attempts",
                                    "int",
                                    "successes",
                                    "int",
                                    "success_rate",
                                    "pct",
                                    "task_types",
                                    "int",
                                    "avg_duration_ms",
                                    "int"))),
            Map.entry(
                    "html_work",
                    new Plot("hbar", "int", "status", List.of("items"), Map.of("items", "int", "work_types", "int"))),
            Map.entry(
                    "html_handoffs",
                    new Plot(
                            "hbar",
                            "int",
                            "pair",
                            List.of("handoffs"),
                            Map.of("handoffs", "int", "work_items", "int"))),
            Map.entry(
                    "html_breaking_changes",
                    new Plot(
                            "hbar",
                            "int",
                            "source_name",
                            List.of("breaking", "additive", "cosmetic"),
                            Map.of("breaking", "int", "additive", "int", "cosmetic", "int"))));

    private void addIfRows(ArrayNode sections, String id, String title, String note, String query) {
        List<Row> rows = store.sql(resource(query + ".sql"), zone.getId(), since, until, project)
                .rows();
        if (rows.isEmpty()) {
            return;
        }
        Plot plot = PLOTS.get(query);
        ObjectNode s = section(id, title, note);
        ObjectNode table = s.putObject("table");
        List<String> columns = new ArrayList<>(rows.get(0).columns());
        ArrayNode cols = table.putArray("columns");
        for (String c : columns) {
            cols.addObject()
                    .put("name", c.replace('_', ' '))
                    .put("format", plot.formats().getOrDefault(c, "text"));
        }
        ArrayNode out = table.putArray("rows");
        Function<Row, String> label = plot.label().equals("pair")
                ? r -> r.string("from_agent") + " \u2192 " + r.string("to_agent")
                : r -> String.valueOf(r.get(plot.label()));
        for (Row r : rows) {
            ArrayNode line = out.addArray();
            for (String c : columns) {
                Object v = r.get(c);
                if (v instanceof Instant i) {
                    line.add(minute.format(i));
                } else if (v instanceof java.time.OffsetDateTime o) {
                    line.add(minute.format(o.toInstant()));
                } else {
                    line.addPOJO(v);
                }
            }
        }
        if (plot.type().equals("count")) {
            // a list, not a measure: the chart counts the rows per day
            Map<String, Integer> perDay = new TreeMap<>();
            rows.forEach(r -> perDay.merge(minute.format(r.instant("broke_at")).substring(0, 10), 1, Integer::sum));
            ObjectNode chart = chart(s, "bar", "int");
            ArrayNode x = chart.putArray("x");
            ArrayNode values = chart.putArray("series")
                    .addObject()
                    .put("name", "Tests that broke")
                    .putArray("data");
            perDay.forEach((day, n) -> {
                x.add(day);
                values.add(n);
            });
        } else {
            ObjectNode chart = chart(s, plot.type(), plot.format());
            ArrayNode x = chart.putArray("x");
            rows.forEach(r -> x.add(label.apply(r)));
            ArrayNode series = chart.putArray("series");
            for (String v : plot.values()) {
                ArrayNode values =
                        series.addObject().put("name", v.replace('_', ' ')).putArray("data");
                rows.forEach(r -> values.addPOJO(r.get(v)));
            }
        }
        sections.add(s);
    }

    // ------------------------------------------------------------------------------------------------------

    private static ObjectNode section(String id, String title, String note) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("id", id);
        s.put("title", title);
        s.put("note", note);
        return s;
    }

    private static ObjectNode chart(ObjectNode section, String type, String format) {
        ObjectNode chart = section.putObject("chart");
        chart.put("type", type);
        chart.put("format", format);
        return chart;
    }

    private static void columns(ObjectNode table, String... columns) {
        ArrayNode cols = table.putArray("columns");
        for (String c : columns) {
            int colon = c.lastIndexOf(':');
            cols.addObject().put("name", c.substring(0, colon)).put("format", c.substring(colon + 1));
        }
    }

    private static String resource(String name) {
        return SqlResources.load(HtmlReport.class, RESOURCES + name);
    }

    /** The ECharts version of the WebJar on the class path. */
    static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException(
                        ECHARTS_POM + " is not on the class path (the ECharts WebJar is missing)");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** echarts.min.js from the WebJar, read at run time. */
    static String echarts() {
        return text(WEBJAR + echartsVersion() + "/dist/echarts.min.js");
    }

    private static String text(String path) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
