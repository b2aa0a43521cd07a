package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.audit.AuditFacade;
import io.agentstore.audit.ChainVerification;
import io.agentstore.lifecycle.MergeReport;
import io.agentstore.lifecycle.StoreMerger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code agent-store merge OTHER.duckdb | EXPORT_DIR}: brings another machine's store or export in (agent-store-
 * lifecycle's {@link StoreMerger}). With the audit module, the source's audit hash chain is verified first (a broken
 * one refuses the merge, naming the first broken fact), and the audit facts brought in and the merge's provenance
 * record are sealed into this store's hash chain after.
 */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = {
            "Merge another machine's store (a .duckdb file) or export folder into this one: facts dedup on event_id,"
                    + " dimensions match on their natural keys (keys re-mapped), type-2 history kept. Idempotent.",
            "With the audit module: the source's audit hash chain is verified first (exit 1, nothing merged, when it"
                    + " is broken); a provenance record of the merge is sealed into this store's chain.",
            "Each merged fact keeps the machine it came from: SELECT * FROM v_usage_by_host.",
            "Run it while no other process uses the database."
        })
final class MergeCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Another store's .duckdb file, or an export folder.")
    Path source;

    @Option(
            names = "--host-name",
            paramLabel = "NAME",
            description = "The name its facts are grouped under (default: the file or folder name).")
    String hostName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AgentStore s = store.openExistingForWriting()) {
            if (hasAuditChain(s)) {
                // the source's own chain first: a source whose audit facts were edited is not merged
                java.util.Optional<ChainVerification> v =
                        s.module(AuditFacade.class).verifySource(source);
                if (v.isPresent() && !v.get().sealedIntact()) {
                    spec.commandLine()
                            .getErr()
                            .println("agent-store: not merged: the audit hash chain of '" + source + "' is broken: "
                                    + v.get().describe()
                                    + " (run 'agent-store verify' on it; nothing was changed here)");
                    return 1;
                }
                v.ifPresent(ok -> out.println("agent-store: the audit chain of the source is " + ok.describe()));
            }
        }
        StoreMerger.Builder b = StoreMerger.builder(store.database());
        if (hostName != null) {
            b.hostName(hostName);
        }
        MergeReport report = b.build().merge(source);
        out.println("agent-store: " + report.describe());
        try (AgentStore s = store.openExistingForWriting()) {
            if (hasAuditChain(s)) {
                int sealed = s.module(AuditFacade.class).seal();
                if (sealed > 0) {
                    out.println("agent-store: sealed " + sealed + " merged audit fact(s) and the merge's provenance"
                            + " record into this store's hash chain");
                }
            }
        }
        return 0;
    }

    private static boolean hasAuditChain(AgentStore s) {
        return !s.sql("SELECT 1 FROM duckdb_tables() WHERE table_name = 'fact_audit_chain'")
                .rows()
                .isEmpty();
    }
}
