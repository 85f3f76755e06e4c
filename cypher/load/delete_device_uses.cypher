// Remove USES for pairs with no live usage row left. Parameters: $keys: [{customer_id, device_id}]
UNWIND $keys AS key
MATCH (:Customer {customer_id: key.customer_id})-[u:USES]->(:Device {device_id: key.device_id})
DELETE u
