// Purpose: High-value transfers without strong authentication: completed or pending transfers
//   (to an account here or at another bank; merchant payments are not transfers) of at least
//   $min_amount_vnd whose auth method is not one of $strong_auth_methods, in a period. The graph
//   rule behind the relational `high_value_weak_auth` alert (SBV Decision 2345/QĐ-NHNN).
// Param min_amount_vnd (int) = 10000000: a transfer of at least this many VND is high-value
// Param strong_auth_methods (list<string>) = ["biometric", "digital_signature"]: auth methods that count as strong
// Param from_date (date) = "2025-01-01": first day of the period
// Param to_date (date) = "2025-12-31": last day of the period (included)
// Param limit (int) = 100: most transfers returned
// Column txn_id (string): the transaction
// Column occurred_at (datetime): when it happened
// Column from_account_no (string): the sending account
// Column customer_id (string?): the sending account's holder (the primary one where marked)
// Column to_account (string): receiving account number, or bank:account at another bank
// Column amount_vnd (int): the amount
// Column auth_method (string?): how it was authenticated (null: not at all)
// Anchored on the occurred_at index: only the period is read, then filtered.
MATCH (t:Transaction)
WHERE t.occurred_at >= localdatetime({date: date($from_date)})
  AND t.occurred_at < localdatetime({date: date($to_date) + duration({days: 1})})
  AND t.amount_vnd >= $min_amount_vnd
  AND t.status IN ['completed', 'pending']
  AND (t.auth_method IS NULL OR NOT t.auth_method IN $strong_auth_methods)
MATCH (t)-[:TO|TO_EXTERNAL]->(dst)
RETURN t.txn_id AS txn_id,
       t.occurred_at AS occurred_at,
       t.from_account_no AS from_account_no,
       COLLECT { MATCH (c:Customer)-[h:HOLDS]->(:Account {account_no: t.from_account_no})
                 RETURN c.customer_id ORDER BY h.role <> 'primary', c.customer_id LIMIT 1 }[0]
         AS customer_id,
       coalesce(dst.account_no, dst.key) AS to_account,
       t.amount_vnd AS amount_vnd,
       t.auth_method AS auth_method
ORDER BY amount_vnd DESC, txn_id
LIMIT $limit
