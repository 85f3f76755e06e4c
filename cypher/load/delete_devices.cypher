// Remove soft-deleted devices and their relationships. Parameters: $keys: ['fp-3a9c…']
UNWIND $keys AS key
MATCH (d:Device {device_id: key})
DETACH DELETE d
