package io.agentstore.audit;

import io.agentstore.spi.Checks;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Who recorded a fact ({@code dim_user}): the OS user and host of the machine, and the account a source
 * reports where it reports one. Its id is the account id when known, else {@code os_user@host}.
 *
 * @param osUser    the OS user name, or null
 * @param host      the host name, or null
 * @param accountId the account id the source reports, or null
 * @param email     the account's e-mail the source reports, or null
 */
public record UserRef(String osUser, String host, String accountId, String email) {
    /** Validates the parts: at least the account id or the OS user must be known. */
    public UserRef {
        Checks.text("osUser", osUser);
        Checks.text("host", host);
        Checks.text("accountId", accountId);
        Checks.text("email", email);
        if (accountId == null && osUser == null) {
            throw new io.agentstore.spi.InvalidRecordException("osUser", null, "is required when accountId is null");
        }
    }

    /** The natural key of {@code dim_user}. */
    public String userId() {
        return accountId != null ? accountId : osUser + "@" + (host == null ? "" : host);
    }

    /** The OS user and host of this JVM, with no account. */
    public static UserRef local() {
        return local(null, null);
    }

    /** The OS user and host of this JVM with the account a source reported (each may be null). */
    public static UserRef local(String accountId, String email) {
        String user = Optional.ofNullable(System.getProperty("user.name"))
                .filter(s -> !s.isBlank())
                .orElse("unknown");
        return new UserRef(user, hostName(), accountId, email);
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
