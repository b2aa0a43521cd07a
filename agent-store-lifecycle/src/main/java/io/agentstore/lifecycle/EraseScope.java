package io.agentstore.lifecycle;

import java.util.Locale;
import java.util.Objects;

/**
 * What an erase removes: every fact and dimension row that carries one user (as the audit module's {@code dim_user}
 * defines users: user id, account id or e-mail), one session (its {@code session_id}) or one project (the
 * {@code project} of {@code dim_session}, and of any other dimension with a {@code project} column).
 *
 * @param kind  user, session or project
 * @param value the user id, session id or project
 */
public record EraseScope(Kind kind, String value) {
    /** The kinds of scope. */
    public enum Kind {
        /** Everything of one user: their facts and every session in which they recorded one. */
        USER,
        /** One session. */
        SESSION,
        /** Every session of one project, and other rows that name the project. */
        PROJECT;

        /** The lower-case name used in logs and on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks both parts. */
    public EraseScope {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(value, "value must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(
                    "the " + kind.label() + " to erase must not be blank, was '" + value + "'");
        }
    }

    /** One user. */
    public static EraseScope user(String userId) {
        return new EraseScope(Kind.USER, userId);
    }

    /** One session. */
    public static EraseScope session(String sessionId) {
        return new EraseScope(Kind.SESSION, sessionId);
    }

    /** One project. */
    public static EraseScope project(String project) {
        return new EraseScope(Kind.PROJECT, project);
    }

    /** Never shows the value (it may be personal data): only the kind. */
    @Override
    public String toString() {
        return "EraseScope[" + kind.label() + "]";
    }
}
