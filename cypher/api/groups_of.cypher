// Purpose: the fraud rings and households each customer is a member of (latest detection run).
// Param ids (list<string>) = ["C000000001"]
// Column id (string), kind (ring|household), group_id (string)
UNWIND $ids AS id
MATCH (:Customer {customer_id: id})-[:MEMBER_OF]->(g)
RETURN id, CASE WHEN g:FraudRing THEN 'ring' ELSE 'household' END AS kind, g.id AS group_id
ORDER BY id, kind, group_id
