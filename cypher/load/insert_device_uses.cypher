// First load into an empty graph only: who uses which device, aggregated over the whole
// device_usage table in one grouped pass, so each (customer, device) comes once and is CREATEd.
// Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{customer_id: 'CUS…', device_id: 'fp-…', first_seen: '…', last_seen: '…',
//   logins: 12}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MATCH (d:Device {device_id: row.device_id})
CREATE (c)-[u:USES]->(d)
SET u.first_seen = localdatetime(row.first_seen), u.last_seen = localdatetime(row.last_seen),
    u.logins = row.logins
