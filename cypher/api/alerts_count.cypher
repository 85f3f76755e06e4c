// Purpose: how many risk alerts match alerts_page's filters (its totalCount).
// Param status (string|null) = "open", severity (string|null) = null, rule (string|null) = null
// Column total (int)
MATCH (r:RiskAlert)
WHERE ($status IS NULL OR r.status = $status)
  AND ($severity IS NULL OR r.severity = $severity)
  AND ($rule IS NULL OR r.rule = $rule)
RETURN count(r) AS total
