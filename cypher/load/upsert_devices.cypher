// Upsert devices. Parameters: $rows: [{device_id: 'fp-3a9c…', props: {device_type: 'mobile', ...}}]
UNWIND $rows AS row
MERGE (d:Device {device_id: row.device_id})
SET d += row.props
