// Purpose: how many fraud rings match rings_page's filters (its totalCount).
// Param statuses (list<string>|null) = null, min_score (float) = 0.0
// Column total (int)
MATCH (f:FraudRing)
WHERE f.score >= $min_score AND ($statuses IS NULL OR f.status IN $statuses)
RETURN count(f) AS total
