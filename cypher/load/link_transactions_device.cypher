// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): FROM_DEVICE links of transactions to their Device.
// Parameters: $rows: [{txn_id: 'TXN…', target: '<device_id>'}] (rows without a target are not sent)
UNWIND $rows AS row
MATCH (t:Transaction {txn_id: row.txn_id})
MATCH (x:Device {device_id: row.target})
CREATE (t)-[:FROM_DEVICE]->(x)
