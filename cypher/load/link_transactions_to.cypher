// First load into an empty graph only: TO links of transactions to their Account.
// Parameters: $rows: [{txn_id: 'TXN…', target: '<account_no>'}] (rows without a target are not sent)
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
MATCH (x:Account {account_no: row.target})
MERGE (t)-[:TO]->(x)
