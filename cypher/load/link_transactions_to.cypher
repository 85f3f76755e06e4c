// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): TO links of transactions to their Account.
// Parameters: $rows: [{txn_id: 'TXN…', target: '<account_no>'}] (rows without a target are not sent)
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
MATCH (x:Account {account_no: row.target})
CREATE (t)-[:TO]->(x)
