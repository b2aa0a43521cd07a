package io.agentstore.spi;

import java.util.List;
import java.util.Objects;

/**
 * A dimension table as the writer sees it: the surrogate key column, the natural key columns and the
 * descriptive attributes. A type 1 dimension has a {@code first_seen_at} column and fills attributes that
 * were unknown when the member was first seen. A type 2 dimension ({@link #versionedBy()} not null) has
 * {@code valid_from}, {@code valid_to} and {@code is_current}: a new value of the versioned attribute
 * closes the current version and opens a new one, and facts point at the version in effect.
 *
 * @param table       the table name, {@code dim_<entity>}
 * @param keyColumn   the surrogate key column, {@code <entity>_key}
 * @param naturalKey  the natural key columns
 * @param attributes  the descriptive attribute columns, in the order the writer passes their values
 * @param versionedBy the type 2 attribute (one of {@code attributes}), or {@code null} for type 1
 */
public record Dimension(
        String table, String keyColumn, List<String> naturalKey, List<String> attributes, String versionedBy) {

    /** Validates and copies. */
    public Dimension {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(keyColumn, "keyColumn");
        naturalKey = List.copyOf(naturalKey);
        attributes = List.copyOf(attributes);
        if (naturalKey.isEmpty()) {
            throw new IllegalArgumentException("naturalKey of " + table + " must name at least one column");
        }
        if (versionedBy != null && !attributes.contains(versionedBy)) {
            throw new IllegalArgumentException(
                    "versionedBy '" + versionedBy + "' of " + table + " must be one of its attributes " + attributes);
        }
    }

    /** A type 1 dimension. */
    public static Dimension type1(String table, String keyColumn, List<String> naturalKey, List<String> attributes) {
        return new Dimension(table, keyColumn, naturalKey, attributes, null);
    }

    /** A type 2 dimension versioned by {@code versionedBy}. */
    public static Dimension type2(
            String table, String keyColumn, List<String> naturalKey, List<String> attributes, String versionedBy) {
        return new Dimension(table, keyColumn, naturalKey, attributes, versionedBy);
    }

    /** Whether this dimension keeps versions. */
    public boolean isType2() {
        return versionedBy != null;
    }
}
