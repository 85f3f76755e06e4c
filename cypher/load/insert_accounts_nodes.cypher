// First load into an empty graph only: account nodes, CREATEd (the account_no constraint still
// refuses a duplicate). Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{account_no: '10…', props: {…}, at: {opened_at: '…', updated_at: '…'}}]
UNWIND $rows AS row
CREATE (a:Account {account_no: row.account_no})
SET a += row.props, a.opened_at = localdatetime(row.at.opened_at),
    a.updated_at = localdatetime(row.at.updated_at)
