package io.agentstore.tokens;

import io.agentstore.core.AgentFactBuilder;
import io.agentstore.core.AgentRef;
import io.agentstore.core.TaskRef;
import io.agentstore.spi.Checks;
import io.agentstore.spi.FactRecord;
import io.agentstore.spi.InvalidRecordException;
import io.agentstore.spi.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A share of cost allocated to a component. Its {@code basis} says what it is a share of, so that the cost
 * stays derived (a corrected price corrects the allocation too):
 * <ul>
 *   <li>{@code "api_call"}: {@code share} of the API call {@code sourceEventId};</li>
 *   <li>{@code "session"}: {@code share} of all API calls of {@code sessionId};</li>
 *   <li>{@code "amount"}: {@code allocatedUsd} as given (an estimate, or a cost from elsewhere).</li>
 * </ul>
 * Stored in {@code fact_cost_allocation}; {@code v_cost_allocations} shows the cost.
 *
 * @param eventId           see {@link FactRecord#eventId()}
 * @param occurredAt        when the cost was allocated
 * @param supersedesEventId see {@link FactRecord#supersedesEventId()}
 * @param sessionId         the session (required for basis {@code "session"}), or null
 * @param agent             the agent, or null
 * @param task              the task, or null
 * @param component         the component the cost goes to (required)
 * @param method            one of {@link #METHODS}
 * @param basis             one of {@link #BASES}
 * @param sourceEventId     the API call (basis {@code "api_call"}), else null
 * @param share             the fraction in [0, 1] with at most 6 decimals (bases {@code "api_call"}, {@code "session"})
 * @param allocatedUsd      the amount (basis {@code "amount"}), else null
 * @param attributes        anything else, as JSON
 */
public record CostAllocation(
        UUID eventId,
        Instant occurredAt,
        UUID supersedesEventId,
        String sessionId,
        AgentRef agent,
        TaskRef task,
        ComponentRef component,
        String method,
        String basis,
        UUID sourceEventId,
        BigDecimal share,
        BigDecimal allocatedUsd,
        Map<String, Object> attributes)
        implements FactRecord {
    /** How the allocation was made. */
    public static final Set<String> METHODS = Set.of("direct", "proportional", "estimated");
    /** What the share is of. */
    public static final Set<String> BASES = Set.of("api_call", "session", "amount");

    /** Validates every field and that the basis has what it needs. */
    public CostAllocation {
        occurredAt = Checks.instant("occurredAt", occurredAt);
        Checks.optional("sessionId", sessionId);
        if (component == null) {
            throw new InvalidRecordException("component", null, "is required");
        }
        Checks.oneOf("method", method, METHODS);
        Checks.oneOf("basis", basis, BASES);
        allocatedUsd = Checks.usd("allocatedUsd", allocatedUsd);
        if (share != null) {
            if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidRecordException("share", share, "must be between 0 and 1");
            }
            if (share.stripTrailingZeros().scale() > 6) {
                throw new InvalidRecordException("share", share, "must have at most 6 decimal places");
            }
            share = share.setScale(6);
        }
        switch (basis) {
            case "api_call" -> {
                if (sourceEventId == null) {
                    throw new InvalidRecordException("sourceEventId", null, "is required for basis 'api_call'");
                }
                requireShare(share, basis);
            }
            case "session" -> {
                if (sessionId == null) {
                    throw new InvalidRecordException("sessionId", null, "is required for basis 'session'");
                }
                requireShare(share, basis);
            }
            default -> {
                if (allocatedUsd == null) {
                    throw new InvalidRecordException("allocatedUsd", null, "is required for basis 'amount'");
                }
            }
        }
        attributes = Json.normalizeObject("attributes", attributes);
    }

    private static void requireShare(BigDecimal share, String basis) {
        if (share == null) {
            throw new InvalidRecordException("share", null, "is required for basis '" + basis + "'");
        }
    }

    /** A share of one API call's cost. */
    public static CostAllocation ofApiCall(
            ComponentRef component, UUID apiCallEventId, BigDecimal share, String method) {
        return new CostAllocation(
                null,
                null,
                null,
                null,
                null,
                null,
                component,
                method,
                "api_call",
                apiCallEventId,
                share,
                null,
                Map.of());
    }

    /** A share of a session's cost. */
    public static CostAllocation ofSession(ComponentRef component, String sessionId, BigDecimal share, String method) {
        return new CostAllocation(
                null, null, null, sessionId, null, null, component, method, "session", null, share, null, Map.of());
    }

    /** A fixed amount. */
    public static CostAllocation ofAmount(ComponentRef component, BigDecimal usd, String method) {
        return new CostAllocation(
                null, null, null, null, null, null, component, method, "amount", null, null, usd, Map.of());
    }

    /** This allocation with another envelope (event id, time, superseded event). */
    public CostAllocation withEnvelope(UUID eventId, Instant occurredAt, UUID supersedesEventId) {
        return new CostAllocation(
                eventId,
                occurredAt,
                supersedesEventId,
                sessionId,
                agent,
                task,
                component,
                method,
                basis,
                sourceEventId,
                share,
                allocatedUsd,
                attributes);
    }

    /** A builder for the less common fields (agent, task, attributes). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CostAllocation}. */
    public static final class Builder extends AgentFactBuilder<Builder> {
        private ComponentRef component;
        private String method = "direct";
        private String basis;
        private UUID sourceEventId;
        private BigDecimal share;
        private BigDecimal allocatedUsd;

        private Builder() {}

        /** The component. */
        public Builder component(ComponentRef component) {
            this.component = component;
            return this;
        }

        /** How it was allocated; default {@code "direct"}. */
        public Builder method(String method) {
            this.method = method;
            return this;
        }

        /** A share of an API call's cost. */
        public Builder shareOfApiCall(UUID apiCallEventId, BigDecimal share) {
            this.basis = "api_call";
            this.sourceEventId = apiCallEventId;
            this.share = share;
            return this;
        }

        /** A share of the session's cost (set the session too). */
        public Builder shareOfSession(BigDecimal share) {
            this.basis = "session";
            this.share = share;
            return this;
        }

        /** A fixed amount. */
        public Builder amount(BigDecimal usd) {
            this.basis = "amount";
            this.allocatedUsd = usd;
            return this;
        }

        /** The validated record. */
        public CostAllocation build() {
            return new CostAllocation(
                    eventId,
                    occurredAt,
                    supersedesEventId,
                    sessionId,
                    agent,
                    task,
                    component,
                    method,
                    basis,
                    sourceEventId,
                    share,
                    allocatedUsd,
                    attributes);
        }
    }
}
