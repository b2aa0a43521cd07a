package io.agentstore.cdc;

/** How a change affects the one who depends on the changed thing. */
public enum Classification {
    /** A consumer written against the old version can fail against the new one. */
    BREAKING,
    /** Something new that consumers may use; nothing they used is gone or narrowed. */
    ADDITIVE,
    /** Only descriptions, examples, prose or formatting changed. */
    COSMETIC;

    /** The classification of the same rule with the two versions swapped (BREAKING and ADDITIVE swap). */
    public Classification inverse() {
        return switch (this) {
            case BREAKING -> ADDITIVE;
            case ADDITIVE -> BREAKING;
            case COSMETIC -> COSMETIC;
        };
    }
}
