// Purpose: Every customer on one device: those who log in from it, and the holders of accounts
//   opened on it (digital onboarding). One device with many unrelated customers is a ring signal.
// Param device_id (string) = "fp-00001": the device fingerprint
// Param limit (int) = 100: most rows returned
// Column customer_id (string): the customer
// Column full_name (string): their name
// Column relation (string): "uses" (logs in from it) or "opened account" (an account of theirs was opened on it)
// Column logins (int?): logins from the device ("uses" only)
// Column last_seen (datetime?): last login from the device ("uses" only)
MATCH (d:Device {device_id: $device_id})
CALL (d) {
  MATCH (d)<-[u:USES]-(c:Customer)
  RETURN c, 'uses' AS relation, u.logins AS logins, u.last_seen AS last_seen
  UNION
  MATCH (d)<-[:OPENED_ON]-(:Account)<-[:HOLDS]-(c:Customer)
  RETURN c, 'opened account' AS relation, null AS logins, null AS last_seen
}
RETURN c.customer_id AS customer_id, c.full_name AS full_name, relation, logins, last_seen
ORDER BY customer_id, relation
LIMIT $limit
