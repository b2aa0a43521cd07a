CREATE OR REPLACE VIEW v_alpha AS SELECT alpha_name, colour FROM dim_alpha;
