package io.agentstore.cli;

import io.agentstore.AgentStore;
import io.agentstore.agents.AgentsModule;
import io.agentstore.mcp.StoreAccess;
import io.agentstore.spi.ToolResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A client process of {@link ClaimsThroughServeIT}: reaches the database through {@link StoreAccess} (so through
 * its owner, {@code agent-store serve}), prints {@code READY} once the owner answers, waits for {@code GO} on
 * stdin, then claims work items {@code w0 .. w<n-1>} in that order (or the reverse, with a fourth argument
 * {@code descending}) as {@code agent} and prints one line per answer:
 * {@code <work id> <claimed> <holder> <assignment id>}, then {@code DONE}.
 */
public final class ClaimClientMain {
    private ClaimClientMain() {}

    /** Arguments: database, agent, number of items, and optionally {@code descending}. */
    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        String agent = args[1];
        int items = Integer.parseInt(args[2]);
        boolean descending = args.length > 3 && args[3].equals("descending");
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        StoreAccess access =
                StoreAccess.forDatabase(db, () -> AgentStore.builder().install(AgentsModule.create()), Duration.ZERO);
        if (access.owner().isEmpty()) {
            out.println("NO-OWNER");
            out.flush();
            System.exit(3);
        }
        out.println("READY");
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"GO".equals(in.readLine())) {
            System.exit(4);
        }
        for (int n = 0; n < items; n++) {
            int i = descending ? items - 1 - n : n;
            ToolResult r = access.callTool("claim_work", Map.of("work_id", "w" + i, "agent", agent));
            Map<?, ?> m = (Map<?, ?>) r.structured();
            out.println(
                    m.get("work_id") + " " + m.get("claimed") + " " + m.get("holder") + " " + m.get("assignment_id"));
        }
        out.println("DONE");
        out.flush();
        System.exit(0);
    }
}
