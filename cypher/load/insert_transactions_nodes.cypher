// First load into an empty graph only: transaction nodes, CREATEd (the txn_id constraint still
// refuses a duplicate). Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{txn_id: 'TXN…', props: {amount_vnd: 250000, …},
//   at: {occurred_at: '…', updated_at: '…'}}]
UNWIND $rows AS row
CREATE (t:Transaction {txn_id: row.txn_id})
SET t += row.props, t.occurred_at = localdatetime(row.at.occurred_at),
    t.updated_at = localdatetime(row.at.updated_at)
