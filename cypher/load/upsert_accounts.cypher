// Upsert accounts and the device each was opened on (digital onboarding).
// Parameters: $rows: [{account_no: '1000000001', props: {...}, opened_device_id: 'fp-…' or null}]
UNWIND $rows AS row
MERGE (a:Account {account_no: row.account_no})
SET a += row.props
WITH a, row
CALL (a, row) {
  OPTIONAL MATCH (a)-[old:OPENED_ON]->(d:Device)
  WHERE row.opened_device_id IS NULL OR d.device_id <> row.opened_device_id
  DELETE old
}
CALL (a, row) {
  MATCH (d:Device {device_id: row.opened_device_id})
  MERGE (a)-[:OPENED_ON]->(d)
}
