-- joins across modules: repeatables run after every module's versioned scripts
CREATE OR REPLACE VIEW v_beta_by_alpha AS
SELECT a.alpha_name, a.colour, sum(b.amount) AS amount
FROM fact_beta b JOIN dim_alpha a ON a.alpha_key = b.alpha_key
GROUP BY ALL;
