// Purpose: one page of transactions per account, newest first, both directions (sent and
//   received), filtered; the keyset cursor is (occurred_at, txn_id) of the last row seen.
// Param ids (list<string>) = ["100000000010"]
// Param since (datetime|null) = null, until (datetime|null) = null: occurred_at >= since, < until
// Param min_vnd (int|null) = null, max_vnd (int|null) = null: amount bounds, inclusive
// Param counterparty (string|null) = null: an account number, merchant ID or external account
// Param after_at (datetime|null) = null, after_id (string|null) = null: the cursor
// Param limit (int) = 21: rows per account (page size + 1, to know whether there is more)
// Column id (string: account_no), txn (map), direction (OUT|IN|SELF), to_account (string|null),
//   merchant_id, merchant_name, external (string|null: bank:account)
UNWIND $ids AS no
MATCH (a:Account {account_no: no})
CALL (a) {
  CALL (a) {
    MATCH (a)-[:SENT]->(t:Transaction) RETURN t
    UNION
    MATCH (t:Transaction)-[:TO]->(a) RETURN t
  }
  WITH t
  WHERE ($since IS NULL OR t.occurred_at >= $since)
    AND ($until IS NULL OR t.occurred_at < $until)
    AND ($min_vnd IS NULL OR t.amount_vnd >= $min_vnd)
    AND ($max_vnd IS NULL OR t.amount_vnd <= $max_vnd)
    AND ($after_at IS NULL OR t.occurred_at < $after_at
         OR (t.occurred_at = $after_at AND t.txn_id < $after_id))
  // The counterparty test reads relationships only when a counterparty is asked for (OR stops
  // at the first true operand); the counterparties of the rows of the page are read after the
  // LIMIT. (`$c IN [other.a, ...]` here fails to plan on 5.26: hence the equalities.)
  WITH t
  WHERE $counterparty IS NULL
     OR $counterparty IN [t.from_account_no, t.counterparty_account]
     OR EXISTS { MATCH (t)-[:TO|PAID|TO_EXTERNAL]->(other)
                 WHERE other.account_no = $counterparty OR other.merchant_id = $counterparty
                    OR other.key = $counterparty OR other.account = $counterparty }
  RETURN t
  ORDER BY t.occurred_at DESC, t.txn_id DESC
  LIMIT $limit
}
OPTIONAL MATCH (t)-[:TO]->(to:Account)
OPTIONAL MATCH (t)-[:PAID]->(m:Merchant)
OPTIONAL MATCH (t)-[:TO_EXTERNAL]->(x:ExternalAccount)
RETURN no AS id, t {.*} AS txn,
       CASE WHEN t.from_account_no = no AND to.account_no = no THEN 'SELF'
            WHEN t.from_account_no = no THEN 'OUT' ELSE 'IN' END AS direction,
       to.account_no AS to_account, m.merchant_id AS merchant_id, m.name AS merchant_name,
       x.key AS external
ORDER BY id, t.occurred_at DESC, t.txn_id DESC
