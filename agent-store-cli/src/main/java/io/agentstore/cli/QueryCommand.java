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
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL against the database and print the result.",
        footer = {"%nExamples:", "  agent-store query \"SELECT * FROM v_tool_usage_30d\"",
                "  agent-store query --format csv \"SELECT * FROM v_cost_by_day\" > cost.csv",
                "  agent-store query \"SELECT * FROM v_tool_calls WHERE target_path = ?\" src/Main.java"})
final class QueryCommand implements Callable<Integer> {
    enum Format { table, csv, json }

    @Mixin
    StoreOptions store;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query; '?' placeholders take the values after it.")
    String sql;

    @Parameters(index = "1..*", paramLabel = "VALUE", description = "Values for the '?' placeholders, in order.")
    List<String> values = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (AgentStore s = store.open()) {
            QueryResult result = s.sql(sql, values.toArray());
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
