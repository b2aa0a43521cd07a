package io.agentstore.spi;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned script of a schema module, named {@code V<version>__<description>.sql}.
 *
 * @param version     the version, from 1, contiguous within a module
 * @param description the words after {@code __}, underscores turned into spaces
 * @param fileName    the file name under the module's resource root
 */
public record Migration(int version, String description, String fileName) {

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    /** Validates the parts. */
    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(fileName, "fileName");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version + " for " + fileName);
        }
    }

    /**
     * The migration of a file named like {@code V1__core_schema.sql}.
     *
     * @throws IllegalArgumentException when the name does not follow the pattern
     */
    public static Migration of(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "migration file name must look like V1__description.sql, was '" + fileName + "'");
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), fileName);
    }
}
