-- Which components are affected by a change of this dependency (parameter 1)? Its direct consumers (use case 6).
SELECT component_name, component_type, relationship_type
FROM v_component_dependencies
WHERE dependency_name = ? AND relationship_type IN ('consumes', 'depends_on')
ORDER BY component_name;
