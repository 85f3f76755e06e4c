// First load into an empty graph only: which IP addresses each customer logged in from, one
// grouped pass over device_usage, so each (customer, ip) comes once and its link is CREATEd; IP
// nodes are shared, so they are MERGEd. Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{customer_id: 'CUS…', ip: '14.161.2.7', first_seen: '…', last_seen: '…',
//   logins: 3}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MERGE (ip:IP {address: row.ip})
  ON CREATE SET ip:Identifier
CREATE (c)-[u:USES_IP]->(ip)
SET u.first_seen = localdatetime(row.first_seen), u.last_seen = localdatetime(row.last_seen),
    u.logins = row.logins
