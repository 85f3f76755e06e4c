// Start of the in-database components: flag each identifier that links (2 <= degree <= $limit)
// with c360_links = true, and give each of its customers its own id as c360_component.
// Parameters: limit (int). Scratch properties; analytics/engine/cleanup removes them.
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
WITH i, degree WHERE degree >= 2 AND degree <= $limit
SET i.c360_links = true
WITH i
MATCH (i)<-[:USES|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]-(c:Customer)
SET c.c360_component = c.customer_id
RETURN count(*) AS links
