package io.agentstore.cdc.internal;

import io.agentstore.cdc.Change;
import io.agentstore.cdc.Classification;
import io.agentstore.cdc.ComponentDependency;
import io.agentstore.cdc.DependencyCheck;
import io.agentstore.cdc.SkillSource;
import io.agentstore.cdc.SourceRegistration;
import io.agentstore.cdc.UpdateAttempt;
import io.agentstore.cdc.Validation;
import io.agentstore.cdc.WatermarkCheck;
import io.agentstore.core.CoreDimensions;
import io.agentstore.spi.Dimension;
import io.agentstore.spi.FactContext;
import io.agentstore.spi.FactRow;
import io.agentstore.spi.FactType;
import io.agentstore.spi.Row;
import java.util.Arrays;
import java.util.List;

/** The dimensions and fact types of the cdc schema: each record's columns, in table order, and the way back. */
public final class CdcFactTypes {
    /** {@code dim_source}. */
    public static final Dimension SOURCE =
            Dimension.type1("dim_source", "source_key", List.of("source_name"), List.of());

    /** {@code dim_page}. */
    public static final Dimension PAGE =
            Dimension.type1("dim_page", "page_key", List.of("source_name", "page_url"), List.of());

    /** {@code dim_dependency}. */
    public static final Dimension DEPENDENCY = Dimension.type1(
            "dim_dependency",
            "dependency_key",
            List.of("dependency_name"),
            List.of("dependency_type", "spec_url", "owner"));

    private CdcFactTypes() {}

    private static Long source(FactContext c, String name) {
        return c.key(SOURCE, List.of(name), List.of());
    }

    private static Long page(FactContext c, String source, String page) {
        return page == null ? null : c.key(PAGE, List.of(source, page), List.of());
    }

    private static Long dependency(FactContext c, String name, String type) {
        return name == null ? null : c.key(DEPENDENCY, List.of(name), Arrays.asList(type, null, null));
    }

    private static Long skill(FactContext c, String name, String path) {
        return CoreDimensions.component(c, name, "skill", path);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Row row, String column) {
        Object v = row.json(column);
        return v == null ? List.of() : (List<String>) v;
    }

    /** {@code fact_source_registration}. */
    public static final FactType<SourceRegistration> SOURCE_REGISTRATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_source_registration";
        }

        @Override
        public String view() {
            return "v_source_registrations";
        }

        @Override
        public void write(SourceRegistration r, FactContext c, FactRow row) {
            row.int64(source(c, r.sourceName()))
                    .text(r.sourceType())
                    .text(r.location())
                    .int64(r.scheduleMinutes())
                    .int64(dependency(c, r.dependencyName(), null))
                    .bool(r.active());
        }

        @Override
        public SourceRegistration read(Row row) {
            return new SourceRegistration(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("source_name"),
                    row.string("source_type"),
                    row.string("location"),
                    row.int64("schedule_minutes"),
                    row.string("dependency_name"),
                    row.bool("is_active"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_watermark_check}. */
    public static final FactType<WatermarkCheck> WATERMARK_CHECK = new FactType<>() {
        @Override
        public String table() {
            return "fact_watermark_check";
        }

        @Override
        public String view() {
            return "v_watermark_checks";
        }

        @Override
        public void write(WatermarkCheck r, FactContext c, FactRow row) {
            row.int64(source(c, r.sourceName()))
                    .int64(page(c, r.sourceName(), r.pageUrl()))
                    .text(r.checker())
                    .int64(r.httpStatus())
                    .text(r.lastModified())
                    .text(r.etag())
                    .text(r.contentHash())
                    .text(r.version())
                    .bool(r.available())
                    .bool(r.changed())
                    .int64(r.durationMs())
                    .text(r.error())
                    .freeText(r.snapshot());
        }

        @Override
        public WatermarkCheck read(Row row) {
            return new WatermarkCheck(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("source_name"),
                    row.string("page_url"),
                    row.string("checker"),
                    row.int64("http_status"),
                    row.string("last_modified"),
                    row.string("etag"),
                    row.string("content_hash"),
                    row.string("version"),
                    row.bool("is_available"),
                    row.bool("is_changed"),
                    row.int64("duration_ms"),
                    row.string("error"),
                    row.string("snapshot"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_dependency_check}. */
    public static final FactType<DependencyCheck> DEPENDENCY_CHECK = new FactType<>() {
        @Override
        public String table() {
            return "fact_dependency_check";
        }

        @Override
        public String view() {
            return "v_dependency_checks";
        }

        @Override
        public void write(DependencyCheck r, FactContext c, FactRow row) {
            row.int64(dependency(c, r.dependencyName(), r.dependencyType()))
                    .text(r.checkType())
                    .bool(r.available())
                    .text(r.versionDetected())
                    .int64(r.responseTimeMs());
        }

        @Override
        public DependencyCheck read(Row row) {
            return new DependencyCheck(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("dependency_name"),
                    row.string("dependency_type"),
                    row.string("check_type"),
                    row.bool("is_available"),
                    row.string("version_detected"),
                    row.int64("response_time_ms"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_change}. */
    public static final FactType<Change> CHANGE = new FactType<>() {
        @Override
        public String table() {
            return "fact_change";
        }

        @Override
        public String view() {
            return "v_changes";
        }

        @Override
        public void write(Change r, FactContext c, FactRow row) {
            row.int64(source(c, r.sourceName()))
                    .int64(page(c, r.sourceName(), r.pageUrl()))
                    .int64(dependency(c, r.dependencyName(), null))
                    .text(r.differ())
                    .text(r.ruleId())
                    .text(r.classification().name())
                    .text(r.changeType())
                    .text(r.subject())
                    .text(r.method())
                    .freeText(r.oldValue())
                    .freeText(r.newValue())
                    .text(r.oldHash())
                    .text(r.newHash())
                    .freeText(r.summary())
                    .json(r.affectedComponents());
        }

        @Override
        public Change read(Row row) {
            return new Change(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("source_name"),
                    row.string("page_url"),
                    row.string("dependency_name"),
                    row.string("differ"),
                    row.string("rule_id"),
                    Classification.valueOf(row.string("classification")),
                    row.string("change_type"),
                    row.string("subject"),
                    row.string("method"),
                    row.string("old_value"),
                    row.string("new_value"),
                    row.string("old_hash"),
                    row.string("new_hash"),
                    row.string("summary"),
                    strings(row, "affected_components"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_skill_validation}. */
    public static final FactType<Validation> VALIDATION = new FactType<>() {
        @Override
        public String table() {
            return "fact_skill_validation";
        }

        @Override
        public String view() {
            return "v_skill_validations";
        }

        @Override
        public void write(Validation r, FactContext c, FactRow row) {
            row.int64(skill(c, r.skillName(), r.skillPath()))
                    .bool(r.valid())
                    .int64(r.errorCount())
                    .json(r.warnings());
        }

        @Override
        public Validation read(Row row) {
            return new Validation(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("component_name"),
                    row.string("file_path"),
                    row.bool("is_valid"),
                    row.int64("error_count"),
                    strings(row, "warnings"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code fact_update_attempt}. */
    public static final FactType<UpdateAttempt> UPDATE_ATTEMPT = new FactType<>() {
        @Override
        public String table() {
            return "fact_update_attempt";
        }

        @Override
        public String view() {
            return "v_update_attempts";
        }

        @Override
        public void write(UpdateAttempt r, FactContext c, FactRow row) {
            row.int64(skill(c, r.skillName(), r.skillPath()))
                    .text(r.mode())
                    .text(r.status())
                    .int64(r.changesApplied())
                    .text(r.backupPath());
        }

        @Override
        public UpdateAttempt read(Row row) {
            return new UpdateAttempt(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("component_name"),
                    row.string("file_path"),
                    row.string("mode"),
                    row.string("status"),
                    row.int64("changes_applied"),
                    row.string("backup_path"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code component_dependency_map}. */
    public static final FactType<ComponentDependency> COMPONENT_DEPENDENCY = new FactType<>() {
        @Override
        public String table() {
            return "component_dependency_map";
        }

        @Override
        public String view() {
            return "v_component_dependency_links";
        }

        @Override
        public void write(ComponentDependency r, FactContext c, FactRow row) {
            row.int64(CoreDimensions.component(c, r.componentName(), r.componentType(), null))
                    .int64(dependency(c, r.dependencyName(), null))
                    .text(r.relationshipType())
                    .bool(r.active());
        }

        @Override
        public ComponentDependency read(Row row) {
            return new ComponentDependency(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("component_name"),
                    row.string("component_type"),
                    row.string("dependency_name"),
                    row.string("relationship_type"),
                    row.bool("is_active"),
                    row.jsonObject("attributes"));
        }
    };

    /** {@code skill_source_map}. */
    public static final FactType<SkillSource> SKILL_SOURCE = new FactType<>() {
        @Override
        public String table() {
            return "skill_source_map";
        }

        @Override
        public String view() {
            return "v_skill_source_links";
        }

        @Override
        public void write(SkillSource r, FactContext c, FactRow row) {
            row.int64(skill(c, r.skillName(), null))
                    .int64(source(c, r.sourceName()))
                    .bool(r.active());
        }

        @Override
        public SkillSource read(Row row) {
            return new SkillSource(
                    row.uuid("event_id"),
                    row.instant("occurred_at"),
                    row.uuid("supersedes_event_id"),
                    row.string("component_name"),
                    row.string("source_name"),
                    row.bool("is_active"),
                    row.jsonObject("attributes"));
        }
    };
}
