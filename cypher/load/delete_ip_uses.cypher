// Remove USES_IP for pairs with no live usage row left, and IP nodes nobody uses any more.
// Parameters: $keys: [{customer_id: 'CUS…', ip: '14.161.2.7'}]
UNWIND $keys AS key
MATCH (:Customer {customer_id: key.customer_id})-[u:USES_IP]->(ip:IP {address: key.ip})
DELETE u
WITH DISTINCT ip
WHERE NOT EXISTS { (ip)--() }
DELETE ip
