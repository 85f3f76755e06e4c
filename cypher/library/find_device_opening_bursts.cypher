// Purpose: Bursts of account openings on one device: at least $min_accounts accounts opened on the
//   same device within $window_hours, among accounts opened on or after $opened_since. A mule
//   farm onboards many accounts from one phone in an afternoon. One row per device: its biggest burst.
// Param opened_since (date) = "2025-01-01": only accounts opened on or after this day are looked at
// Param min_accounts (int) = 3: fewest accounts that make a burst
// Param window_hours (int) = 24: length of the window, in hours
// Param limit (int) = 50: most devices returned
// Column device_id (string): the device the accounts were opened on
// Column accounts_opened (int): accounts opened within the window
// Column first_opened_at (datetime): when the first of them was opened
// Column last_opened_at (datetime): when the last of them was opened
// Column account_nos (list<string>): the accounts, in opening order
// Column customer_ids (list<string>): their holders, distinct, sorted
// Anchored on the opened_at index: only the period asked about is read.
MATCH (a:Account)
WHERE a.opened_at >= localdatetime({date: date($opened_since)})
MATCH (a)-[:OPENED_ON]->(d:Device)
WITH d, a
ORDER BY a.opened_at, a.account_no
WITH d, collect(a) AS opened
WHERE size(opened) >= $min_accounts
// A window starting at each opening; the biggest one per device is kept.
UNWIND range(0, size(opened) - $min_accounts) AS i
WITH d, [x IN opened[i..]
         WHERE x.opened_at < opened[i].opened_at + duration({hours: $window_hours})] AS burst
WHERE size(burst) >= $min_accounts
WITH d, burst
ORDER BY size(burst) DESC
WITH d, head(collect(burst)) AS burst
RETURN d.device_id AS device_id,
       size(burst) AS accounts_opened,
       burst[0].opened_at AS first_opened_at,
       burst[-1].opened_at AS last_opened_at,
       [x IN burst | x.account_no] AS account_nos,
       COLLECT { UNWIND burst AS x MATCH (c:Customer)-[:HOLDS]->(x)
                 RETURN DISTINCT c.customer_id ORDER BY c.customer_id } AS customer_ids
ORDER BY accounts_opened DESC, device_id
LIMIT $limit
