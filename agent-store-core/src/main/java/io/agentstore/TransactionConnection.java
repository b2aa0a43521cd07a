package io.agentstore;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The writer's connection as a decision's queries see it: closing it does nothing (the writer owns it), and
 * once the decision returned it refuses to be used.
 */
final class TransactionConnection {
    private TransactionConnection() {}

    /** A view of {@code connection} that ignores {@code close()} and works only while {@code open} is true. */
    static Connection of(Connection connection, AtomicBoolean open) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            return null;
                        case "isClosed":
                            return !open.get() || connection.isClosed();
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "TransactionConnection[" + connection + "]";
                        default:
                            break;
                    }
                    if (!open.get()) {
                        throw new IllegalStateException(
                                "a Transaction's connection was used after its decision returned");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
