package io.agentstore.langchain4j.internal;

import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reads a provider's own fields (cache tokens, the raw HTTP response) by the public accessor's name, so that this
 * artifact depends on no provider module: absent accessors and failing ones read as empty.
 */
final class Reflect {
    private Reflect() {}

    static Optional<Object> call(Object target, String accessor) {
        if (target == null) {
            return Optional.empty();
        }
        try {
            Method m = target.getClass().getMethod(accessor);
            return Optional.ofNullable(m.invoke(target));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    static Optional<Long> number(Object target, String accessor) {
        return call(target, accessor).filter(Number.class::isInstance).map(n -> ((Number) n).longValue());
    }
}
