"""What a search box string can be: a name, a phone, an e-mail, a national ID, an account number.

Each form is normalized the way the loader normalized the data (`relational.normalize`), so
'0912 345 678' finds '+84912345678'. The name goes to a Lucene full-text query made of its
words, all of which must match, the last one as a prefix so a search-as-you-type box works.
Only word characters reach the query, lower-cased, so no Lucene syntax (quotes, wildcards,
fields, upper-case AND/OR/NOT) can come from the caller and there is nothing to escape.
"""

from __future__ import annotations

import re
from typing import Any

from api.errors import BadRequestError
from relational import normalize

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_SEARCH = 200


def _maybe(fn: Any, value: str) -> str | None:
    try:
        result: str = fn(value)
    except normalize.InvalidValueError:
        return None
    return result


def params(search: str) -> dict[str, Any]:
    text = search.strip()
    if not text:
        raise BadRequestError("`search` is empty: give a name, phone, e-mail, national ID or account number")
    if len(text) > MAX_SEARCH:
        raise BadRequestError(f"`search` is longer than {MAX_SEARCH} characters")
    # Folded and lower-cased here as the index's analyzer does, because Lucene does not analyze the
    # prefix term ("ánh*" would never match the indexed "anh").
    folded = normalize.strip_accents(text).lower()
    words = _WORD.findall(folded)
    if words:
        words[-1] += "*"
    compact = re.sub(r"[\s.-]", "", text)
    return {
        # A query that matches nothing when there are no words (an all-punctuation search).
        "name_query": " AND ".join(words) if words else "c360_no_such_name_zz",
        "phone": _maybe(normalize.phone_e164, text) if any(ch.isdigit() for ch in text) else None,
        "email": _maybe(normalize.email_normalized, text) if "@" in text else None,
        "national_id": _maybe(normalize.national_id, text),
        "account_no": compact if compact.isdigit() else None,
    }
