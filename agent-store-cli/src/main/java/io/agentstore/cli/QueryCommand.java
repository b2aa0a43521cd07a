package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.spi.QueryResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agent-store query "SQL"}: runs SQL and prints the result. */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run SQL against the database and print the result.",
            "Read-only: only SELECT (WITH, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, reading PRAGMAs) runs, decided by"
                    + " DuckDB's parser; DuckDB reaches no file outside the database. Anything else exits 65 unless --write."
        },
        footer = {
            "%nExamples:",
            "  agent-store query \"SELECT * FROM v_tool_usage_30d\"",
            "  agent-store query --format csv \"SELECT * FROM v_cost_by_day\" > cost.csv",
            "  agent-store query \"SELECT * FROM v_tool_calls WHERE target_path = ?\" src/Main.java"
        })
final class QueryCommand implements Callable<Integer> {
    enum Format {
        table,
        csv,
        json
    }

    @Mixin
    StoreOptions store;

    @Option(
            names = {"-f", "--format"},
            defaultValue = "table",
            description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query; '?' placeholders take the values after it.")
    String sql;

    @Parameters(index = "1..*", paramLabel = "VALUE", description = "Values for the '?' placeholders, in order.")
    List<String> values = List.of();

    @Option(
            names = "--write",
            description = {
                "DANGEROUS: allow statements that change the database (INSERT, UPDATE,"
                        + " DELETE, DROP, CREATE, ALTER, COPY, ATTACH, SET, ...) and reach files outside it.",
                "Facts are append-only and views are the contract: a hand-made change can break imports, reports and"
                        + " the schema checks. Back up the file first."
            })
    boolean write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AgentStore s = write ? store.openExistingForWriting() : store.openForReading(true)) {
            QueryResult result = write ? s.sql(sql, values.toArray()) : s.readQuery(sql, values.toArray());
            PrintWriter out = spec.commandLine().getOut();
            switch (format) {
                case csv -> out.print(result.toCsv());
                case json -> out.println(result.toJson());
                default -> out.println(result);
            }
            out.flush();
        }
        return 0;
    }
}
