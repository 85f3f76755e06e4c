// Identifiers shared by more customers than the hub limit. Parameters: limit (int).
// Returns: kind, key, degree (distinct customers).
CALL () {
  MATCH (i:Device) RETURN i, "device" AS kind, i.device_id AS key,
    COUNT { MATCH (i)<-[:USES]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Phone) RETURN i, "phone" AS kind, i.e164 AS key,
    COUNT { MATCH (i)<-[:HAS_PHONE]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Email) RETURN i, "email" AS kind, i.address AS key,
    COUNT { MATCH (i)<-[:HAS_EMAIL]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:Address) RETURN i, "address" AS kind, i.key AS key,
    COUNT { MATCH (i)<-[:LIVES_AT]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:NationalId) RETURN i, "national_id" AS kind, i.value AS key,
    COUNT { MATCH (i)<-[:HAS_ID]-(c:Customer) RETURN DISTINCT c } AS degree
  UNION ALL
  MATCH (i:IP) RETURN i, "ip" AS kind, i.address AS key,
    COUNT { MATCH (i)<-[:USES_IP]-(c:Customer) RETURN DISTINCT c } AS degree
}
WITH kind, key, degree WHERE degree > $limit
RETURN kind, key, degree
