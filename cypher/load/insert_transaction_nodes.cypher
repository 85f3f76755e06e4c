// First load into an empty graph only: transaction nodes. Their links follow in the same
// transaction from the link_transactions_* statements: one simple plan each, no Eager.
// Parameters: $rows: [{txn_id: 'TXN…', props: {amount_vnd: 250000, ...}}]
UNWIND $rows AS row
MERGE (t:Transaction {txn_id: row.txn_id})
SET t += row.props
