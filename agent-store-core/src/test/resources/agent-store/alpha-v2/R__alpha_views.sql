CREATE OR REPLACE VIEW v_alpha AS SELECT alpha_name, colour, upper(colour) AS shout FROM dim_alpha;
