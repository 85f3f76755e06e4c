// Unlink soft-deleted holders. Parameters: $keys: [{customer_id: 'CUS…', account_no: '10…'}]
UNWIND $keys AS key
MATCH (:Customer {customer_id: key.customer_id})-[h:HOLDS]->(:Account {account_no: key.account_no})
DELETE h
