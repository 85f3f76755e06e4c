// Purpose: the devices each customer uses, with usage and how many customers use each device.
// Param ids (list<string>) = ["C000000001"]
// Column id (string), device (map), first_seen, last_seen, logins (int), users (int)
UNWIND $ids AS id
MATCH (:Customer {customer_id: id})-[u:USES]->(d:Device)
RETURN id, d {.*} AS device, u.first_seen AS first_seen, u.last_seen AS last_seen,
       u.logins AS logins, COUNT { (d)<-[:USES]-() } AS users
ORDER BY id, u.last_seen DESC, d.device_id
