// One round of min-label propagation: every flagged customer takes the smallest c360_component
// among the customers it shares a linking identifier with. Repeated until no customer changes,
// each component ends up labelled by its smallest customer_id. Parameters: none.
// Returns: changed (customers relabelled this round; 0 means done).
MATCH (c:Customer) WHERE c.c360_component IS NOT NULL
MATCH (c)-[:USES|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]->(i)<-[:USES|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]-(o:Customer)
WHERE i.c360_links = true
WITH c, min(o.c360_component) AS m
WHERE m < c.c360_component
SET c.c360_component = m
RETURN count(c) AS changed
