// The hub limit, computed in the database: the nearest-rank $percentile of the degrees of all
// identifiers shared by two or more customers, never below $floor (as analytics.hubs.hub_limit).
// Parameters: floor (int, e.g. 20), percentile (float 0-100, e.g. 99.9). Returns: hub_limit (int).
CALL {
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
WITH degree WHERE degree >= 2
ORDER BY degree
WITH collect(degree) AS ds
WITH ds, toInteger(ceil($percentile / 100.0 * size(ds))) AS rank
WITH CASE WHEN size(ds) = 0 THEN $floor
          WHEN rank < 1 THEN ds[0]
          ELSE ds[rank - 1] END AS p
RETURN CASE WHEN p > $floor THEN p ELSE $floor END AS hub_limit
