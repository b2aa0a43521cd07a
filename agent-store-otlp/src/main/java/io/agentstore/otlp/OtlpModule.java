package io.agentstore.otlp;

import io.agentstore.otlp.internal.OtlpFactTypes;
import io.agentstore.spi.Migration;
import io.agentstore.spi.ModuleBinder;
import io.agentstore.spi.SchemaModule;
import java.util.List;

/**
 * The otlp schema module: the OpenTelemetry metric data points the {@link OtlpReceiver} keeps ({@code
 * fact_otlp_metric_point}, {@code v_otlp_metric_points}, {@code v_otlp_metric_daily}). Everything else the receiver
 * gets becomes core facts or other modules' facts; without this module installed the receiver counts metric points
 * and does not keep them. Install it with {@code AgentStore.builder().install(OtlpModule.create())}; the command-line
 * tools find it on their class path. Its DDL is {@code sql/otlp/} (packaged as {@code agent-store/otlp/}).
 */
public final class OtlpModule implements SchemaModule {
    private static final OtlpModule INSTANCE = new OtlpModule();

    private OtlpModule() {}

    /** The module. */
    public static OtlpModule create() {
        return INSTANCE;
    }

    @Override
    public String id() {
        return "otlp";
    }

    @Override
    public List<Migration> migrations() {
        return List.of(Migration.of("V1__otlp_schema.sql"));
    }

    @Override
    public List<String> repeatables() {
        return List.of("R__otlp_views.sql");
    }

    @Override
    public void bind(ModuleBinder binder) {
        binder.fact(MetricPoint.class, OtlpFactTypes.METRIC_POINT);
    }

    @Override
    public String toString() {
        return "OtlpModule";
    }
}
