"""The synthetic Vietnamese retail bank: `generate()` writes it, with planted ground truth.

Modules by what they hold: `profiles` (scale), `plan` (where groups sit), `people`, `accounts`,
`devices`, `transactions` (everyday activity), `households`, `rings`, `fraud` (bursts, cycles,
cash-out), `confounders` (hubs and look-alikes), `writer` (batched COPY / executemany), `checksum`.
"""

from relational.generator.run import GenerationResult, generate

__all__ = ["GenerationResult", "generate"]
