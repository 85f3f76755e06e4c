// Purpose: one page of fraud rings, highest score first, filtered by status and a minimum
//   score. Keyset: (score, id) of the last ring seen.
// Param statuses (list<string>|null) = ["open", "reopened"]: null for every status
// Param min_score (float) = 0.0
// Param after_score (float|null) = null, after_id (string|null) = null: the cursor
// Param limit (int) = 21
// Column id (string)
MATCH (f:FraudRing)
WHERE f.score >= $min_score
  AND ($statuses IS NULL OR f.status IN $statuses)
  AND ($after_score IS NULL OR f.score < $after_score OR (f.score = $after_score AND f.id > $after_id))
RETURN f.id AS id
ORDER BY f.score DESC, f.id
LIMIT $limit
