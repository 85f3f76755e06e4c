// First load into an empty graph only (relationships are CREATEd: nothing exists yet to match,
// and a retried batch is rolled back whole): accounts and the device each was opened on.
// Parameters: $rows: as upsert_accounts.
UNWIND $rows AS row
MERGE (a:Account {account_no: row.account_no})
SET a += row.props
WITH a, row
CALL (a, row) {
  MATCH (d:Device {device_id: row.opened_device_id})
  CREATE (a)-[:OPENED_ON]->(d)
}
