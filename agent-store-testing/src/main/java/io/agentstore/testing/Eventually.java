package io.agentstore.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition to hold (polling it), failing with a description when it does not in time. */
public final class Eventually {
    private Eventually() {}

    /** Returns as soon as {@code condition} holds; throws {@link AssertionError} naming {@code what} after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Whether {@code thread} is currently inside a method named {@code method} of a class whose name contains {@code owner}. */
    public static boolean isIn(Thread thread, String owner, String method) {
        for (StackTraceElement e : thread.getStackTrace()) {
            if (e.getClassName().contains(owner) && e.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
