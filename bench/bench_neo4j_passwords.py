"""Generated passwords in a row, each set with the real `neo4j-admin dbms set-initial-password`
and checked against the auth file it writes (the exact password, not just exit code 0).

    .venv/bin/python -m bench.bench_neo4j_passwords                    # 200 of today's generator
    .venv/bin/python -m bench.bench_neo4j_passwords --old-alphabet     # 200 token_urlsafe-style ones
    .venv/bin/python -m bench.bench_neo4j_passwords --count 50 --seed 7

`--old-alphabet` draws from the alphabet of the generator before the fix (letters, digits, "-"
and "_"; about one in 64 begins with "-"), so it exercises the "--" that now ends the options.
Needs an installed Neo4j home (`c360 neo4j install`, or the test home in .c360/test); it uses a
temporary home that shares that home's jars, and removes it at the end. The seed is printed.
"""

from __future__ import annotations

import argparse
import random
import string
import tempfile
import time
from pathlib import Path

from bench.machine import print_machine
from c360.local_neo4j import install
from c360.local_neo4j.conf import render_conf
from c360.local_neo4j.home import Neo4jHome, generate_password
from c360.settings import Settings

OLD_ALPHABET = string.ascii_letters + string.digits + "-_"


def _installed_home(settings: Settings) -> Neo4jHome:
    for home in (Neo4jHome(settings.neo4j_home), Neo4jHome(Path(".c360/test") / settings.neo4j_home.name)):
        if home.has_jars():
            return home
    raise SystemExit("No installed Neo4j home: run `c360 neo4j install` first.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None, help="default: a new one, printed")
    parser.add_argument("--old-alphabet", action="store_true", help="token_urlsafe-style passwords")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)  # noqa: S311 - a replayable sequence; each run prints its seed
    settings = Settings()
    source = _installed_home(settings)

    def draw() -> str:
        if args.old_alphabet:
            return "".join(rng.choice(OLD_ALPHABET) for _ in range(24))
        return generate_password(rng)

    accepted = leading_dash = 0
    failures: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="c360-pw-") as tmp:
        home = Neo4jHome(Path(tmp) / "home")
        home.make_dirs()
        home.lib.rmdir()
        home.lib.symlink_to(source.lib.resolve(), target_is_directory=True)
        home.conf_file.write_text(render_conf(settings), encoding="utf-8")
        for i in range(args.count):
            password = draw()
            leading_dash += password.startswith("-")
            home.auth_file.unlink(missing_ok=True)
            try:
                install.set_initial_password(home, password, "the benchmark")
            except Exception as exc:  # counted and reported below
                failures.append(f"#{i} (begins with {password[0]!r}): {exc}")
                continue
            accepted += home.auth_file_holds(password)
            print(f"\r{i + 1}/{args.count} set", end="", flush=True)
    print()
    print_machine()
    print(f"seed:      {seed}")
    kind = "old token_urlsafe-style (with - and _)" if args.old_alphabet else "generate_password()"
    print(f"alphabet:  {kind}")
    print(f"passwords: {args.count}, of which {leading_dash} begin with '-'")
    print(f"accepted:  {accepted} / {args.count} (the auth file holds exactly that password)")
    print(f"seconds:   {time.monotonic() - started:.1f}")
    for line in failures:
        print("FAILED", line)
    if accepted != args.count:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
