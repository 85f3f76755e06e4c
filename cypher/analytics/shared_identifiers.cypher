// Every identifier (device, phone, e-mail, address, national ID, IP) used by two or more distinct
// customers, with those customers. Parameters: none.
// Returns: kind (string), key (the node's business key), members (list of customer_id, distinct).
// Several links between one customer and one identifier (a phone typed twice) count once. The
// relationship count from the degree store skips, without a walk, identifiers of one customer.
CALL () {
  MATCH (i:Device) WHERE COUNT { (i)<-[:USES]-() } >= 2
  MATCH (i)<-[:USES]-(c:Customer)
  RETURN 'device' AS kind, i.device_id AS key, collect(DISTINCT c.customer_id) AS members
  UNION ALL
  MATCH (i:Phone) WHERE COUNT { (i)<-[:HAS_PHONE]-() } >= 2
  MATCH (i)<-[:HAS_PHONE]-(c:Customer)
  RETURN 'phone' AS kind, i.e164 AS key, collect(DISTINCT c.customer_id) AS members
  UNION ALL
  MATCH (i:Email) WHERE COUNT { (i)<-[:HAS_EMAIL]-() } >= 2
  MATCH (i)<-[:HAS_EMAIL]-(c:Customer)
  RETURN 'email' AS kind, i.address AS key, collect(DISTINCT c.customer_id) AS members
  UNION ALL
  MATCH (i:Address) WHERE COUNT { (i)<-[:LIVES_AT]-() } >= 2
  MATCH (i)<-[:LIVES_AT]-(c:Customer)
  RETURN 'address' AS kind, i.key AS key, collect(DISTINCT c.customer_id) AS members
  UNION ALL
  MATCH (i:NationalId) WHERE COUNT { (i)<-[:HAS_ID]-() } >= 2
  MATCH (i)<-[:HAS_ID]-(c:Customer)
  RETURN 'national_id' AS kind, i.value AS key, collect(DISTINCT c.customer_id) AS members
  UNION ALL
  MATCH (i:IP) WHERE COUNT { (i)<-[:USES_IP]-() } >= 2
  MATCH (i)<-[:USES_IP]-(c:Customer)
  RETURN 'ip' AS kind, i.address AS key, collect(DISTINCT c.customer_id) AS members
}
WITH kind, key, members WHERE size(members) >= 2
RETURN kind, key, members
