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
  // The counterparty test reads relationships only when a counterparty is asked for (OR stops
  // at the first true operand). (`$c IN [other.a, ...]` here fails to plan on 5.26: equalities.)
  WITH t
  WHERE $counterparty IS NULL
     OR $counterparty IN [t.from_account_no, t.counterparty_account]
     OR EXISTS { MATCH (t)-[:TO|PAID|TO_EXTERNAL]->(other)
                 WHERE other.account_no = $counterparty OR other.merchant_id = $counterparty
                    OR other.key = $counterparty OR other.account = $counterparty }
  RETURN count(t) AS total
}
RETURN no AS id, total
