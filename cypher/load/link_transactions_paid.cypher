// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): PAID links of transactions to their Merchant.
// Parameters: $rows: [{txn_id: 'TXN…', target: '<merchant_id>'}] (rows without a target are not sent)
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
MATCH (x:Merchant {merchant_id: row.target})
CREATE (t)-[:PAID]->(x)
