// Purpose: one page of risk alerts across the bank, newest first, filtered. Keyset:
//   (raised_at, alert_id) of the last alert seen.
// Param status (string|null) = "open", severity (string|null) = null, rule (string|null) = null
// Param after_at (datetime|null) = null, after_id (string|null) = null, limit (int) = 21
// Column alert (map), customer_id (string|null), txn_id (string|null), account_no (string|null)
MATCH (r:RiskAlert)
WHERE ($status IS NULL OR r.status = $status)
  AND ($severity IS NULL OR r.severity = $severity)
  AND ($rule IS NULL OR r.rule = $rule)
  AND ($after_at IS NULL OR r.raised_at < $after_at OR (r.raised_at = $after_at AND r.alert_id > $after_id))
WITH r ORDER BY r.raised_at DESC, r.alert_id LIMIT $limit
RETURN r {.*} AS alert,
       COLLECT { MATCH (c:Customer)-[:HAS_ALERT]->(r) RETURN c.customer_id }[0] AS customer_id,
       COLLECT { MATCH (r)-[:ON_TRANSACTION]->(t) RETURN t.txn_id }[0] AS txn_id,
       COLLECT { MATCH (r)-[:ON_ACCOUNT]->(a) RETURN a.account_no }[0] AS account_no
