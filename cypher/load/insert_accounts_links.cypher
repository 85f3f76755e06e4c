// First load into an empty graph only: the device each account was opened on, CREATEd (nothing
// exists yet to match, and a retried batch is rolled back whole).
// Parameters: $rows: [{account_no: '10…', opened_device_id: 'fp-…' or null}]
UNWIND $rows AS row
MATCH (a:Account {account_no: row.account_no})
MATCH (d:Device {device_id: row.opened_device_id})
CREATE (a)-[:OPENED_ON]->(d)
