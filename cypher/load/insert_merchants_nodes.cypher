// First load into an empty graph only: merchants, CREATEd (the merchant_id constraint still
// refuses a duplicate). Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{merchant_id: 'MER000001', props: {name: 'Circle K', …}, at: {updated_at: '…'}}]
UNWIND $rows AS row
CREATE (m:Merchant {merchant_id: row.merchant_id})
SET m += row.props, m.updated_at = localdatetime(row.at.updated_at)
