// The hub limit, computed in the database: the nearest-rank $percentile of the degrees of all
// identifiers (including those of one customer), never below $floor; the same number as
// analytics.hubs.hub_limit. Parameters: floor (int, e.g. 12), percentile (float 0-100, e.g. 99.0).
// Returns: hub_limit (int).
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
WITH degree WHERE degree >= 1
WITH degree, count(*) AS n
ORDER BY degree
WITH collect([degree, n]) AS hist, sum(n) AS total
WITH hist, total, toInteger(ceil($percentile / 100.0 * total)) AS rank
WITH hist, total, CASE WHEN rank < 1 THEN 1 ELSE rank END AS rank
WITH total, reduce(acc = {seen: 0, value: null}, h IN hist |
       CASE WHEN acc.value IS NULL AND acc.seen + h[1] >= rank
            THEN {seen: acc.seen + h[1], value: h[0]}
            ELSE {seen: acc.seen + h[1], value: acc.value} END).value AS p
RETURN CASE WHEN total = 0 OR p IS NULL OR p < $floor THEN $floor ELSE p END AS hub_limit
