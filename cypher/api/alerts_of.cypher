// Purpose: each customer's risk alerts, newest first, at most `limit` each.
// Param ids (list<string>) = ["C000000001"], limit (int) = 20
// Column id (string), alert (map), txn_id (string|null), account_no (string|null)
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})
CALL (c) {
  MATCH (c)-[:HAS_ALERT]->(r:RiskAlert)
  RETURN r ORDER BY r.raised_at DESC, r.alert_id LIMIT $limit
}
RETURN id, r {.*} AS alert,
       COLLECT { MATCH (r)-[:ON_TRANSACTION]->(t) RETURN t.txn_id }[0] AS txn_id,
       COLLECT { MATCH (r)-[:ON_ACCOUNT]->(a) RETURN a.account_no }[0] AS account_no
