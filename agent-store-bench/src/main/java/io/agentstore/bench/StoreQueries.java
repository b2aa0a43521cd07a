package io.agentstore.bench;

import io.agentstore.AgentStore;
import io.agentstore.Durability;
import io.agentstore.core.CoreFacade;
import io.agentstore.spi.Row;
import io.agentstore.tokens.TokensModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference queries on an agent-store file, through the public API ({@link AgentStore#sql}) with the text
 * of the project's own {@code sql/queries/} files; the store clock is fixed at {@link Workload#END}. Used for
 * agent-store's files and for the raw appender's (same schema), so both are checked the same way.
 */
final class StoreQueries implements Contender.Queries {
    private static final String TOOLS = CoreFacade.query("most_used_tools_30d.sql");
    private static final String FILE = CoreFacade.query("what_did_i_try_on_this_file.sql");
    private static final String FAILURES = CoreFacade.query("tool_failure_patterns_30d.sql");
    private static final String COST = tokensQuery("cost_per_agent_30d.sql");
    private static final String CACHE = tokensQuery("cache_hit_rate_30d.sql");

    private final AgentStore store;
    private final Expected expected;

    StoreQueries(Path file, Expected expected) {
        this.store = open(file, Durability.GROUP_COMMIT);
        this.expected = expected;
    }

    /** Opens an agent-store file with the tokens module and the clock at the workload's end. */
    static AgentStore open(Path file, Durability durability) {
        return AgentStore.builder()
                .path(file)
                .install(TokensModule.create())
                .durability(durability)
                .clock(Clock.fixed(Workload.END, ZoneOffset.UTC))
                .build();
    }

    /** Creates an empty store (core + tokens) once; runs start from copies of it. */
    static Path template(Path dir) {
        Path t = dir.resolve("template.duckdb");
        if (!Files.exists(t)) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            open(t, Durability.GROUP_COMMIT).close();
        }
        return t;
    }

    /** Copies the template to {@code target}. */
    static void copyTemplate(Path template, Path target) {
        try {
            Files.copy(template, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tokensQuery(String name) {
        try (InputStream in =
                StoreQueries.class.getClassLoader().getResourceAsStream("agent-store/queries/tokens/" + name)) {
            if (in == null) {
                throw new IllegalStateException("agent-store/queries/tokens/" + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<List<Object>> run(Query q) {
        List<List<Object>> out = new ArrayList<>();
        switch (q) {
            case TOOLS_30D -> {
                for (Row r : store.sql(TOOLS).rows()) {
                    out.add(List.of(
                            r.string("tool_name"),
                            num(r.get("invocations")),
                            num(r.get("failures")),
                            dbl(r.get("avg_duration_ms"))));
                }
            }
            case COST_PER_AGENT_30D -> {
                for (Row r : store.sql(COST).rows()) {
                    out.add(List.of(r.string("agent_name"), num(r.get("calls")), dbl(r.get("total_cost_usd"))));
                }
            }
            case LAST10_HOT_FILE, LAST10_RARE_FILE -> {
                String path = q == Query.LAST10_HOT_FILE ? expected.hotFile() : expected.rareFile();
                for (Row r : store.sql(FILE, path, 10).rows()) {
                    out.add(Expected.actionRow(
                            micros(r.instant("occurred_at")),
                            r.string("session_id"),
                            r.string("tool_name"),
                            r.bool("is_success")));
                }
            }
            case DAILY_TOKENS_CACHE_30D -> {
                for (Row r : store.sql(CACHE).rows()) {
                    out.add(List.of(
                            String.valueOf(r.get("day")),
                            num(r.get("calls")),
                            num(r.get("total_input_tokens")),
                            num(r.get("cache_read_tokens")),
                            dbl(r.get("cache_hit_rate"))));
                }
            }
            case FAILURES_30D -> {
                for (Row r : store.sql(FAILURES).rows()) {
                    out.add(List.of(
                            r.string("tool_name"),
                            r.string("error_type"),
                            num(r.get("failures")),
                            micros(r.instant("last_failed_at"))));
                }
            }
            default -> throw new IllegalArgumentException(q.name());
        }
        return out;
    }

    static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000;
    }

    static Long num(Object o) {
        if (o instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (o instanceof BigDecimal b) {
            return b.longValueExact();
        }
        return ((Number) o).longValue();
    }

    static Double dbl(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    @Override
    public void close() {
        store.close();
    }
}
