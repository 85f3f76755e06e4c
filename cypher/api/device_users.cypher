// Purpose: one page of each device's users, by customer ID; a kiosk has thousands, so it pages.
// Param ids (list<string>) = ["9c35b6f4d3bd2a561ddc9d98d13d1e55"]
// Param after (string|null) = null: the last customer_id of the previous page
// Param limit (int) = 21: page size + 1
// Column id (string: device_id), customer (map), first_seen, last_seen, logins (int)
UNWIND $ids AS did
MATCH (d:Device {device_id: did})
CALL (d) {
  MATCH (d)<-[u:USES]-(c:Customer)
  WHERE $after IS NULL OR c.customer_id > $after
  RETURN c, u ORDER BY c.customer_id LIMIT $limit
}
RETURN did AS id, c {.*} AS customer, u.first_seen AS first_seen, u.last_seen AS last_seen,
       u.logins AS logins
