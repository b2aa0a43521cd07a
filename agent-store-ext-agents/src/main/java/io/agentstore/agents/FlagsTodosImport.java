package io.agentstore.agents;

import java.util.List;
import java.util.Map;

/**
 * What {@link AgentsFacade#importSqliteMemory} did, per table ({@code flags}, {@code todos}).
 *
 * @param file     the SQLite file
 * @param read     rows read
 * @param imported facts stored by this import (a row gives several: the flag or todo, its statuses, ...)
 * @param present  facts an earlier import had stored already
 * @param refused  the rows not stored, each with its table, id and the refused value
 */
public record FlagsTodosImport(
        String file,
        Map<String, Long> read,
        Map<String, Long> imported,
        Map<String, Long> present,
        List<String> refused) {
    /** Copies the parts. */
    public FlagsTodosImport {
        read = Map.copyOf(read);
        imported = Map.copyOf(imported);
        present = Map.copyOf(present);
        refused = List.copyOf(refused);
    }
}
