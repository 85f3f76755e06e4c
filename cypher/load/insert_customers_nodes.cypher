// First load into an empty graph only: customer nodes, CREATEd (the customer_id constraint still
// refuses a duplicate, and a retried batch is rolled back whole). Their links follow from
// insert_customers_links, in another transaction that may run beside the next page's nodes.
// Times arrive as ISO text and are converted here: the Python driver's own temporal encoding
// costs more than the rest of the row put together.
// Parameters: $rows: [{customer_id: 'CUS…', props: {full_name: …} (no temporal values),
//   at: {date_of_birth: '1990-04-01', opened_at: '…', updated_at: '…'}}]
UNWIND $rows AS row
CREATE (c:Customer {customer_id: row.customer_id})
SET c += row.props, c.date_of_birth = date(row.at.date_of_birth),
    c.opened_at = localdatetime(row.at.opened_at), c.updated_at = localdatetime(row.at.updated_at)
