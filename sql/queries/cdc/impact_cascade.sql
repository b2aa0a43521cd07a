-- What breaks if this dependency fails (parameter 1: the dependency name)? The components consuming it (depth
-- 1), then those consuming a dependency that one of them provides, up to depth 5; nearest first.
SELECT component_name, component_type, depth, via_dependency
FROM cdc_impact(?)
ORDER BY depth, component_name;
