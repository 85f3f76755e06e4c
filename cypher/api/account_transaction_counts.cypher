// Purpose: how many transactions each account has under the same filters as
//   account_transactions (no cursor): the connection's totalCount.
// Param ids (list<string>) = ["100000000010"]; since, until, min_vnd, max_vnd, counterparty as there
// Column id (string: account_no), total (int)
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
  OPTIONAL MATCH (t)-[:TO]->(to:Account)
  OPTIONAL MATCH (t)-[:PAID]->(m:Merchant)
  OPTIONAL MATCH (t)-[:TO_EXTERNAL]->(x:ExternalAccount)
  WITH t, to, m, x
  WHERE $counterparty IS NULL
     OR $counterparty IN [t.from_account_no, to.account_no, m.merchant_id, x.key, x.account]
  RETURN count(t) AS total
}
RETURN no AS id, total
