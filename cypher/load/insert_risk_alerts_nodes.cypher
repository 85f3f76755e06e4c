// First load into an empty graph only: risk alert nodes, CREATEd (the alert_id constraint still
// refuses a duplicate). Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{alert_id: 1, props: {rule: …}, at: {raised_at: '…', updated_at: '…'}}]
UNWIND $rows AS row
CREATE (r:RiskAlert {alert_id: row.alert_id})
SET r += row.props, r.raised_at = localdatetime(row.at.raised_at),
    r.updated_at = localdatetime(row.at.updated_at)
