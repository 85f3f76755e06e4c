// Purpose: one page of fraud rings, highest score first, filtered by status and a minimum
//   score. Keyset: (score, id) of the last ring seen.
// Param statuses (list<string>|null) = ["open", "reopened"]: null for every status
// Param min_score (float) = 0.0
// Param after_score (float|null) = null, after_id (string|null) = null: the cursor
// Param limit (int) = 21
// Column ring, members, households: shaped like the rows of rings_by_id, so a page of rings
//   is one round trip
MATCH (f:FraudRing)
WHERE f.score >= $min_score
  AND ($statuses IS NULL OR f.status IN $statuses)
  AND ($after_score IS NULL OR f.score < $after_score OR (f.score = $after_score AND f.id > $after_id))
WITH f ORDER BY f.score DESC, f.id LIMIT $limit
RETURN f {.*} AS ring,
       COLLECT { MATCH (f)<-[:MEMBER_OF]-(c:Customer) RETURN c.customer_id ORDER BY c.customer_id } AS members,
       COLLECT { MATCH (f)<-[:PART_OF]-(h:Household) RETURN h.id ORDER BY h.id } AS households
ORDER BY f.score DESC, f.id
