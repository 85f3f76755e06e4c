// Remove soft-deleted accounts and their relationships. Parameters: $keys: ['1000000001']
UNWIND $keys AS key
MATCH (a:Account {account_no: key})
DETACH DELETE a
