// How many identifiers (devices, phones, e-mails, addresses, national IDs, IPs) have each degree
// (distinct customers using them), including those used by one customer: the hub limit is a
// percentile of this. Parameters: none. Returns: degree (int), identifiers (int).
// Identifiers with one relationship are counted from the degree store, without a walk.
CALL () {
  MATCH (i:Device) RETURN CASE WHEN COUNT { (i)<-[:USES]-() } < 2 THEN COUNT { (i)<-[:USES]-() }
         ELSE COUNT { MATCH (i)<-[:USES]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Phone) RETURN CASE WHEN COUNT { (i)<-[:HAS_PHONE]-() } < 2 THEN COUNT { (i)<-[:HAS_PHONE]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_PHONE]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Email) RETURN CASE WHEN COUNT { (i)<-[:HAS_EMAIL]-() } < 2 THEN COUNT { (i)<-[:HAS_EMAIL]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_EMAIL]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Address) RETURN CASE WHEN COUNT { (i)<-[:LIVES_AT]-() } < 2 THEN COUNT { (i)<-[:LIVES_AT]-() }
         ELSE COUNT { MATCH (i)<-[:LIVES_AT]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:NationalId) RETURN CASE WHEN COUNT { (i)<-[:HAS_ID]-() } < 2 THEN COUNT { (i)<-[:HAS_ID]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_ID]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:IP) RETURN CASE WHEN COUNT { (i)<-[:USES_IP]-() } < 2 THEN COUNT { (i)<-[:USES_IP]-() }
         ELSE COUNT { MATCH (i)<-[:USES_IP]-(c:Customer) RETURN DISTINCT c } END AS degree
}
WITH degree WHERE degree >= 1
RETURN degree, count(*) AS identifiers
ORDER BY degree
