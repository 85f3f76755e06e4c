// Upsert merchants. Parameters: $rows: [{merchant_id: 'MER000001', props: {name: 'Circle K', mcc: '5411'}}]
UNWIND $rows AS row
MERGE (m:Merchant {merchant_id: row.merchant_id})
SET m += row.props
