// First load into an empty graph only: devices, CREATEd (the device_id constraint still refuses a
// duplicate). Times arrive as ISO text (see insert_customers_nodes).
// Parameters: $rows: [{device_id: 'fp-…', props: {device_type: 'mobile', …},
//   at: {first_seen_at: '…', updated_at: '…'}}]
UNWIND $rows AS row
CREATE (d:Device {device_id: row.device_id})
SET d += row.props, d.first_seen_at = localdatetime(row.at.first_seen_at),
    d.updated_at = localdatetime(row.at.updated_at)
