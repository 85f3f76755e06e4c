// The components after propagation: customers grouped by their c360_component label.
// Parameters: none. Returns: members (list of customer_id), one row per group of two or more.
MATCH (c:Customer) WHERE c.c360_component IS NOT NULL
WITH c.c360_component AS label, collect(c.customer_id) AS members
WHERE size(members) >= 2
RETURN members
