"""Two engines, one answer: each turns the graph into Components (groups of customers connected
through non-hub identifiers, the hubs and the limit). Everything after that is shared."""
