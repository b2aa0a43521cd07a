package io.agentstore.it;

import io.agentstore.testing.Eventually;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** A task on its own named platform thread, so that a test can both wait for it and look at its stack. */
final class Async<T> {
    private final Thread thread;
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Async(String name, Callable<T> work) {
        this.thread = new Thread(
                () -> {
                    try {
                        result.complete(work.call());
                    } catch (Throwable t) {
                        result.completeExceptionally(t);
                    }
                },
                name);
        thread.setDaemon(true);
    }

    static <T> Async<T> start(String name, Callable<T> work) {
        Async<T> a = new Async<>(name, work);
        a.thread.start();
        return a;
    }

    Thread thread() {
        return thread;
    }

    CompletableFuture<T> result() {
        return result;
    }

    /** Whether the thread is blocked inside {@code io.agentstore.internal.Writer.<method>}. */
    boolean isInWriter(String method) {
        return Eventually.isIn(thread, "io.agentstore.internal.Writer", method);
    }
}
