// Purpose: Daily-limit breaches: accounts whose completed transfers (to an account here or at
//   another bank) on one calendar day add up to more than $daily_limit_vnd, in a period. The graph
//   rule behind the relational `daily_limit_breach` alert.
// Param daily_limit_vnd (int) = 500000000: most an account may transfer out in one day (VND)
// Param from_date (date) = "2025-01-01": first day of the period
// Param to_date (date) = "2025-12-31": last day of the period (included)
// Param limit (int) = 100: most breaches returned
// Column account_no (string): the sending account
// Column customer_id (string?): its holder (the primary one where marked)
// Column day (date): the calendar day
// Column transfers (int): completed transfers that day
// Column total_vnd (int): their total
// Column over_limit_vnd (int): by how much the total exceeds the limit
// Anchored on the occurred_at index: only the period is read.
MATCH (t:Transaction)
WHERE t.occurred_at >= localdatetime({date: date($from_date)})
  AND t.occurred_at < localdatetime({date: date($to_date) + duration({days: 1})})
  AND t.status = 'completed'
  AND EXISTS { (t)-[:TO|TO_EXTERNAL]->() }
WITH t.from_account_no AS account_no, date(t.occurred_at) AS day,
     count(*) AS transfers, sum(t.amount_vnd) AS total_vnd
WHERE total_vnd > $daily_limit_vnd
RETURN account_no,
       COLLECT { MATCH (c:Customer)-[h:HOLDS]->(:Account {account_no: account_no})
                 RETURN c.customer_id ORDER BY h.role <> 'primary', c.customer_id LIMIT 1 }[0]
         AS customer_id,
       day, transfers, total_vnd,
       total_vnd - $daily_limit_vnd AS over_limit_vnd
ORDER BY over_limit_vnd DESC, account_no, day
LIMIT $limit
