// Start of the in-database components: flag each identifier that links (2 <= degree <= $limit)
// with c360_links = true, and give each of its customers its own id as c360_component.
// Parameters: limit (int). Scratch properties; analytics/engine/cleanup removes them.
// Identifiers with one relationship are counted from the degree store, without a walk.
CALL () {
  MATCH (i:Device) RETURN i, "device" AS kind, i.device_id AS key,
    CASE WHEN COUNT { (i)<-[:USES]-() } < 2 THEN COUNT { (i)<-[:USES]-() }
         ELSE COUNT { MATCH (i)<-[:USES]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Phone) RETURN i, "phone" AS kind, i.e164 AS key,
    CASE WHEN COUNT { (i)<-[:HAS_PHONE]-() } < 2 THEN COUNT { (i)<-[:HAS_PHONE]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_PHONE]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Email) RETURN i, "email" AS kind, i.address AS key,
    CASE WHEN COUNT { (i)<-[:HAS_EMAIL]-() } < 2 THEN COUNT { (i)<-[:HAS_EMAIL]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_EMAIL]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:Address) RETURN i, "address" AS kind, i.key AS key,
    CASE WHEN COUNT { (i)<-[:LIVES_AT]-() } < 2 THEN COUNT { (i)<-[:LIVES_AT]-() }
         ELSE COUNT { MATCH (i)<-[:LIVES_AT]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:NationalId) RETURN i, "national_id" AS kind, i.value AS key,
    CASE WHEN COUNT { (i)<-[:HAS_ID]-() } < 2 THEN COUNT { (i)<-[:HAS_ID]-() }
         ELSE COUNT { MATCH (i)<-[:HAS_ID]-(c:Customer) RETURN DISTINCT c } END AS degree
  UNION ALL
  MATCH (i:IP) RETURN i, "ip" AS kind, i.address AS key,
    CASE WHEN COUNT { (i)<-[:USES_IP]-() } < 2 THEN COUNT { (i)<-[:USES_IP]-() }
         ELSE COUNT { MATCH (i)<-[:USES_IP]-(c:Customer) RETURN DISTINCT c } END AS degree
}
WITH i, degree WHERE degree >= 2 AND degree <= $limit
SET i.c360_links = true
WITH i
MATCH (i)<-[:USES|HAS_PHONE|HAS_EMAIL|LIVES_AT|HAS_ID|USES_IP]-(c:Customer)
SET c.c360_component = c.customer_id
RETURN count(*) AS links
