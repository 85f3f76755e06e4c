// Link holders to accounts. A holder whose customer or account is not in the graph (soft-deleted)
// is skipped: a relationship exists only between live ends.
// Parameters: $rows: [{customer_id: 'CUS…', account_no: '10…', role: 'primary', since: datetime}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MATCH (a:Account {account_no: row.account_no})
MERGE (c)-[h:HOLDS]->(a)
SET h.role = row.role, h.since = row.since
