// Set who uses which device, aggregated over IPs from the source's device_usage rows.
// Parameters: $rows: [{customer_id: 'CUS…', device_id: 'fp-…', first_seen: datetime,
//   last_seen: datetime, logins: 12}]
// Guarantees: the figures are recomputed from the source, so replaying a batch changes nothing.
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MATCH (d:Device {device_id: row.device_id})
MERGE (c)-[u:USES]->(d)
SET u.first_seen = row.first_seen, u.last_seen = row.last_seen, u.logins = row.logins
