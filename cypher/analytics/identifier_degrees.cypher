// How many identifiers (devices, phones, e-mails, addresses, national IDs, IPs) have each degree
// (distinct customers using them), including those used by one customer: the hub limit is a
// percentile of this. Parameters: none. Returns: degree (int), identifiers (int).
CALL () {
  MATCH (i:Device) RETURN COUNT { MATCH (i)<-[:USES]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Phone) RETURN COUNT { MATCH (i)<-[:HAS_PHONE]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Email) RETURN COUNT { MATCH (i)<-[:HAS_EMAIL]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Address) RETURN COUNT { MATCH (i)<-[:LIVES_AT]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:NationalId) RETURN COUNT { MATCH (i)<-[:HAS_ID]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:IP) RETURN COUNT { MATCH (i)<-[:USES_IP]-(c:Customer) RETURN DISTINCT c } AS degree
}
WITH degree WHERE degree >= 1
RETURN degree, count(*) AS identifiers
ORDER BY degree
