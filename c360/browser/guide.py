"""The Neo4j Browser guide (`docs/browser/guide.html`), rendered from the query library's catalog.

Browser plays a guide from a URL (`:play http://…/guide.html`): an `<article class="guide">` holding
a `<carousel>` of `<slide>`s, where `<pre class="runnable">` blocks run on click. Rendering the
library slides from the catalog keeps the guide's parameters and queries the ones the CLI runs; a
test fails when the committed file is out of date.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from cypher.catalog import LibraryQuery, library

GUIDE_FILE = Path(__file__).resolve().parents[2] / "docs" / "browser" / "guide.html"

_MODEL = """\
<h3>The graph model</h3>
<p>Entities from the bank's tables, keyed by their business keys (each has a uniqueness constraint):</p>
<ul>
<li><b>Customer</b> {customer_id, full_name, date_of_birth, segment, kyc_level}
  <code>-[:HOLDS {role}]-&gt;</code>
  <b>Account</b> {account_no, account_type, balance, status, opened_at}</li>
<li><code>(Customer)-[:USES {logins, first_seen, last_seen}]-&gt;(Device {device_id, is_trusted})</code>,
  <code>(Account)-[:OPENED_ON]-&gt;(Device)</code></li>
<li>Identifiers, one node per normalized value, shared by everyone who has it (second label
  <b>:Identifier</b>): <code>HAS_PHONE</code> Phone {e164}, <code>HAS_EMAIL</code> Email {address},
  <code>LIVES_AT</code> Address {key, raw}, <code>HAS_ID</code> NationalId {value, kind},
  <code>USES_IP</code> IP {address}</li>
<li><code>(Account)-[:SENT]-&gt;(Transaction {txn_id, amount_vnd, auth_method, occurred_at, status})</code>
  <code>-[:TO]-&gt;(Account)</code> | <code>-[:PAID]-&gt;(Merchant)</code> |
  <code>-[:TO_EXTERNAL]-&gt;(ExternalAccount)</code>; <code>-[:FROM_DEVICE]-&gt;(Device)</code></li>
<li><code>(Account)-[:TRANSFERRED_TO {count, total_vnd, first_at, last_at}]-&gt;(Account)</code>:
  completed transfers between two accounts, summed. Walk these, not the transactions.</li>
<li><code>(Customer)-[:HAS_ALERT]-&gt;(RiskAlert)-[:ON_TRANSACTION|ON_ACCOUNT]-&gt;()</code></li>
</ul>
<p>Draw the model Neo4j infers from the data:</p>
<pre class="pre-scrollable code runnable">CALL db.schema.visualization()</pre>
"""

_INTRO = """\
<h3>Customer Graph 360: exploring the bank graph</h3>
<p class="lead">This guide walks you through the graph model and the analyst query library.</p>
<p>Every library query takes its values as <b>parameters</b>: set them with
<code>:param name =&gt; value</code>, then run the query. Click a block to put it in the
editor, then run it (Ctrl+Enter).</p>
<p>For captions, sizes and colours per label, load the project's style (served beside this guide by
<code>c360 browser guide</code>; use your port if you chose another):</p>
<pre class="pre-scrollable code runnable">:style http://localhost:8765/style.grass</pre>
<p>or drag <code>docs/browser/style.grass</code> onto this window. The same queries run from a
terminal with <code>c360 cypher run NAME --param name=value</code>.</p>
<p>See the parameters you have set:</p>
<pre class="pre-scrollable code runnable">:params</pre>
"""

_IDENTIFIERS = """\
<h3>Shared identifiers</h3>
<p>Two customers who share a phone, an e-mail, an address, a national ID, an IP or a device are
linked through that one node. Rings are people tied together this way, with money moving among
them; households share an address and a family name legitimately.</p>
<p>Some values are shared by very many people (a placeholder phone <code>+840000000000</code>, a
branch kiosk): <em>hubs</em>. They must not glue strangers together; the library's
<code>list_top_hubs</code> shows them and <code>get_customer_neighbourhood</code> does not follow them.</p>
<p><code>c360 rings detect</code> writes the rings and households it finds back as
<code>FraudRing</code> and <code>Household</code> nodes that members are <code>MEMBER_OF</code>;
<code>get_ring_members</code> and <code>get_customer_household</code> read them.</p>
<pre class="pre-scrollable code runnable">MATCH (i:Identifier)&lt;-[r]-(c:Customer)
WITH i, count(c) AS customers WHERE customers &gt; 1
RETURN labels(i) AS kind, customers, count(*) AS identifiers
ORDER BY customers DESC LIMIT 10</pre>
"""

_NEXT = """\
<h3>Where next</h3>
<ul>
<li><code>c360 cypher list</code>: the library with every parameter and column</li>
<li><code>docs/exploring.md</code>: connecting, parameters, the style, screenshots</li>
<li><code>cypher/library/*.cypher</code>: one query per file; the header is the documentation</li>
</ul>
"""


def _slide(title: str, body: str) -> str:
    head = f'<slide class="row-fluid">\n<div class="col-sm-12">\n<!-- {escape(title)} -->\n'
    return f"{head}{body}</div>\n</slide>"


def params_command(query: LibraryQuery) -> str:
    """`:param name => value;` for every parameter of a query, set to its example.

    Not one `:params {...}` map: Browser evaluates that in JavaScript, where 100 becomes the float
    100.0 and `LIMIT $limit` refuses it; `=>` has the server evaluate the value, so ints stay ints.
    """
    return ";\n".join(p.browser_command for p in query.params)


def _query_slide(query: LibraryQuery) -> str:
    params = "".join(
        f"<li><code>{escape(p.name)}</code> ({escape(p.type)}): {escape(p.description)}</li>"
        for p in query.params
    )
    columns = "".join(
        f"<li><code>{escape(c.name)}</code> ({escape(c.type)}): {escape(c.description)}</li>"
        for c in query.columns
    )
    body = (
        f"<h3>{escape(query.name)}</h3>\n<p>{escape(query.purpose)}</p>\n"
        f"<p>1. Set the parameters (these are the documented examples; change them to yours):</p>\n"
        f'<pre class="pre-scrollable code runnable">{escape(params_command(query))}</pre>\n'
        f"<ul>{params}</ul>\n"
        f"<p>2. Run the query:</p>\n"
        f'<pre class="pre-scrollable code runnable">{escape(query.cypher.strip())}</pre>\n'
        f"<p>Columns:</p>\n<ul>{columns}</ul>\n"
    )
    return _slide(query.name, body)


def render() -> str:
    slides = [
        _slide("intro", _INTRO),
        _slide("model", _MODEL),
        _slide("identifiers", _IDENTIFIERS),
        *(_query_slide(q) for q in library().values()),
        _slide("next", _NEXT),
    ]
    return (
        "<!-- Generated by `c360 browser guide --write` from cypher/library/: edit those, not this. -->\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n"
    )
