// Purpose: devices by ID (the API's device loader), with how many customers use each.
// Param ids (list<string>) = ["9c35b6f4d3bd2a561ddc9d98d13d1e55"]
// Column device (map), users (int)
UNWIND $ids AS did
MATCH (d:Device {device_id: did})
RETURN d {.*} AS device, COUNT { (d)<-[:USES]-() } AS users
