// Set which IP addresses each customer logged in from, aggregated over devices.
// Parameters: $rows: [{customer_id: 'CUS…', ip: '14.161.2.7', first_seen, last_seen, logins}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MERGE (ip:IP {address: row.ip})
  ON CREATE SET ip:Identifier
MERGE (c)-[u:USES_IP]->(ip)
SET u.first_seen = row.first_seen, u.last_seen = row.last_seen, u.logins = row.logins
