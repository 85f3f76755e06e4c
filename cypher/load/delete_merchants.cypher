// Remove soft-deleted merchants. Parameters: $keys: ['MER000001']
UNWIND $keys AS key
MATCH (m:Merchant {merchant_id: key})
DETACH DELETE m
