// First load into an empty graph only: link holders to accounts. CREATE, not MERGE: each holder
// row is one pair, and nothing exists yet to match (a retried batch is rolled back whole).
// Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{customer_id: 'CUS…', account_no: '10…', role: 'primary', since: '…'}]
UNWIND $rows AS row
MATCH (c:Customer {customer_id: row.customer_id})
MATCH (a:Account {account_no: row.account_no})
CREATE (c)-[h:HOLDS]->(a)
SET h.role = row.role, h.since = localdatetime(row.since)
