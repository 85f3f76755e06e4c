// Per member of each candidate ring: untrusted devices used and risk alerts raised.
// Parameters: rings (list of {id, members: [customer_id]}).
// Returns: ring, customer_id, untrusted (list of device_id), alerts (list of rule names).
UNWIND $rings AS ring
UNWIND ring.members AS cid
MATCH (c:Customer {customer_id: cid})
RETURN ring.id AS ring, cid AS customer_id,
       COLLECT { MATCH (c)-[:USES]->(d:Device) WHERE d.is_trusted = false RETURN d.device_id } AS untrusted,
       COLLECT { MATCH (c)-[:HAS_ALERT]->(r:RiskAlert) RETURN r.rule } AS alerts
