// Purpose: customers by ID (the API's customer loader). Unknown IDs give no row.
// Param ids (list<string>) = ["C000000001"]
// Column customer (map): the Customer's properties
UNWIND $ids AS id
MATCH (c:Customer {customer_id: id})
RETURN c {.*} AS customer
