// Forget pending source rows that are now written (their parents came) or need nothing any more.
// Parameters: $ids: ['device_usage|[42]']
UNWIND $ids AS id
MATCH (p:SyncPending {id: id})
DELETE p
