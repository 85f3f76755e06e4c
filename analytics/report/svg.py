"""A ring's network as an inline SVG: members (circles), the identifiers they share (squares,
coloured by kind) and money between them (red arrows). Laid out with networkx's seeded spring
layout and written by hand, so the report needs no plotting library and no network."""

from __future__ import annotations

from html import escape

import networkx as nx

from analytics.report.model import RingPicture

KIND_COLOURS = {
    "device": "#d9822b", "phone": "#2b8a3e", "email": "#1971c2", "address": "#9c36b5",
    "national_id": "#c92a2a", "ip": "#5c7cfa",
}  # fmt: skip
_W, _H, _PAD = 560, 380, 30
#: Room on the right for the last column's labels.
_LABEL = 70
#: Layouts are seeded so that the same ring draws the same way in every report.
LAYOUT_SEED = 7


def draw(picture: RingPicture, household_members: frozenset[str] = frozenset()) -> str:
    """The SVG text. O(V^2) per layout iteration for V nodes (rings are small)."""
    graph: nx.Graph = nx.Graph()
    for m in sorted(picture.members):
        graph.add_node(("c", m))
    for (kind, key), users in sorted(picture.identifiers.items()):
        for u in sorted(users):
            graph.add_edge(("i", f"{kind}:{key}"), ("c", u))
    for a, b in sorted(picture.money):
        graph.add_edge(("c", a), ("c", b))
    pos = nx.spring_layout(graph, seed=LAYOUT_SEED) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def xy(node: tuple[str, str]) -> tuple[float, float]:
        x, y = pos[node]
        return (
            _PAD + (x - min(xs)) / span_x * (_W - 2 * _PAD - _LABEL),
            _PAD + (y - min(ys)) / span_y * (_H - 2 * _PAD),
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H}" viewBox="0 0 {_W} {_H}" '
        'role="img"><defs><marker id="arrow" viewBox="0 0 10 10" refX="14" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#e03131"/></marker></defs>'
    ]
    for (kind, key), users in sorted(picture.identifiers.items()):
        x1, y1 = xy(("i", f"{kind}:{key}"))
        for u in sorted(users):
            x2, y2 = xy(("c", u))
            parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#adb5bd"/>')
    for (a, b), total in sorted(picture.money.items()):
        (x1, y1), (x2, y2) = xy(("c", a)), xy(("c", b))
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#e03131" '
                     f'stroke-width="1.5" marker-end="url(#arrow)"><title>{escape(a)} to {escape(b)}: '
                     f'{total:,} VND</title></line>')  # fmt: skip
    for (kind, key), users in sorted(picture.identifiers.items()):
        x, y = xy(("i", f"{kind}:{key}"))
        parts.append(f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                     f'fill="{KIND_COLOURS.get(kind, "#868e96")}"><title>{escape(kind)} {escape(key)}: '
                     f'{len(users)} members</title></rect>')  # fmt: skip
    for m in sorted(picture.members):
        x, y = xy(("c", m))
        fill = "#ffd43b" if m in household_members else "#343a40"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{fill}" stroke="#fff">'
                     f"<title>{escape(m)}</title></circle>"
                     f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" font-size="10" fill="#212529">'
                     f"{escape(m)}</text>")  # fmt: skip
    parts.append("</svg>")
    return "".join(parts)


def legend() -> str:
    items = "".join(
        f'<span class="key"><i style="background:{c}"></i>{escape(k)}</span>' for k, c in KIND_COLOURS.items()
    )
    return (f'{items}<span class="key"><i style="background:#343a40;border-radius:50%"></i>member</span>'
            '<span class="key"><i style="background:#ffd43b;border-radius:50%"></i>'
            "member of a household</span>"
            '<span class="key"><i style="background:#e03131;height:3px"></i>money</span>')  # fmt: skip
