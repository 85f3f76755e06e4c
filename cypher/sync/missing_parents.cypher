// Which of the parents a page of child rows refers to are not in the graph. Runs in the page's
// own write transaction, before its writes, so the answer holds for those writes.
// Parameters: $customers: ['CUS…'], $devices: ['fp-…'], $accounts: ['10…'], $merchants: ['MER…'],
//   $transactions: ['TXN…'] (each may be empty).
// Returns: one row, the missing keys per label: customers, devices, accounts, merchants, transactions.
CALL (){
  UNWIND $customers AS k
  OPTIONAL MATCH (n:Customer {customer_id: k})
  WITH k WHERE n IS NULL
  RETURN collect(k) AS customers
}
CALL (){
  UNWIND $devices AS k
  OPTIONAL MATCH (n:Device {device_id: k})
  WITH k WHERE n IS NULL
  RETURN collect(k) AS devices
}
CALL (){
  UNWIND $accounts AS k
  OPTIONAL MATCH (n:Account {account_no: k})
  WITH k WHERE n IS NULL
  RETURN collect(k) AS accounts
}
CALL (){
  UNWIND $merchants AS k
  OPTIONAL MATCH (n:Merchant {merchant_id: k})
  WITH k WHERE n IS NULL
  RETURN collect(k) AS merchants
}
CALL (){
  UNWIND $transactions AS k
  OPTIONAL MATCH (n:Transaction {txn_id: k})
  WITH k WHERE n IS NULL
  RETURN collect(k) AS transactions
}
RETURN customers, devices, accounts, merchants, transactions
