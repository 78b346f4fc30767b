"""Ballots per second with one and with two worker processes on PostgreSQL, in one run.

    python bench/workers.py [--presses 4000] [--seats 200] [--motions 5] [--postgres URL]

Each worker is ``werkbot run --webhook`` as its own process (``tests/e2e/worker_process.py``:
the real Application, inbox and transport, with the Bot API replaced by a sink that answers at
once). For each number of workers the bench starts them, waits until they are healthy, then
stores ``--presses`` ballot presses in the inbox in one transaction (as the webhook would have,
before acknowledging them) and times until every one is processed. It prints ballots/s, the
ratio of two workers to one, the machine's cores, and each worker's CPU time per ballot (from
/proc). It works in a database of its own, created next to the given one and dropped after.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.db.engine import Database, make_engine  # noqa: E402
from bot.db.models import utcnow  # noqa: E402
from bot.db.schema import upgrade_engine  # noqa: E402
from bot.services import boards, inbox, motions, people  # noqa: E402
from standin import ballot_press  # noqa: E402
from tests.e2e.worker_process import WorkerProcess  # noqa: E402

FIRST_USER = 8_500_000
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


async def ddl(admin_url: str, statement: str) -> None:
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()


async def setup(db: Database, seats: int) -> tuple[int, int, list[int]]:
    board = await boards.create_board(db, "achterhoek-2014", counts={"werkgevers": seats - 6})
    overview = await boards.overview(db, board.id)
    users = []
    for number, seat in enumerate(s for s in overview.seats if s.votes):
        person = await people.identify(db, FIRST_USER + number, f"Lid {number}")
        await boards.assign(db, board.id, seat.key, person.id)
        users.append(FIRST_USER + number)
    secretary = await people.identify(db, FIRST_USER - 1, "Secretaris")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    return board.id, secretary.id, users


async def one_round(
    db: Database, url: str, count: int, args: argparse.Namespace, board: tuple[int, int, list[int]]
) -> tuple[float, list[float]]:
    """Ballots per second with ``count`` workers, and each worker's CPU seconds per ballot."""
    board_id, secretary_id, users = board
    motion_ids = [
        (
            await motions.propose(
                db, board_id, secretary_id, f"Bench {n}", "Tekst", utcnow() + timedelta(days=1)
            )
        ).id
        for n in range(args.motions)
    ]
    settings = {"SEND_RATE_PER_SECOND": "10000", "LOG_LEVEL": "ERROR"}
    workers = [WorkerProcess(url, settings=settings, quiet=True) for _ in range(count)]
    try:
        await asyncio.gather(*(w.ready() for w in workers))
        rng = random.Random(count)
        first = 1_000_000 * count
        items = []
        for n in range(args.presses):
            update = ballot_press(
                first + n, rng.choice(users), rng.choice(motion_ids), rng.choice("fax")
            )
            user_id = update["callback_query"]["from"]["id"]
            items.append((first + n, json.dumps(update), f"{user_id}:{user_id}"))
        before = [cpu_seconds(w.process.pid) for w in workers]
        started = time.perf_counter()
        await inbox.store(db, items)
        while await inbox.depth(db):  # noqa: ASYNC110 - the workers are other processes
            await asyncio.sleep(0.05)
        elapsed = time.perf_counter() - started
        used = [cpu_seconds(w.process.pid) - b for w, b in zip(workers, before, strict=True)]
    finally:
        for worker in workers:
            worker.stop()
    per_ballot = [seconds / args.presses for seconds in used]
    return args.presses / elapsed, per_ballot


async def run(args: argparse.Namespace) -> None:
    server = make_url(args.postgres)
    name = f"werkbot_bench_workers_{os.getpid()}"
    admin = server.set(database="postgres").render_as_string(hide_password=False)
    url = server.set(database=name).render_as_string(hide_password=False)
    await ddl(admin, f'CREATE DATABASE "{name}"')
    try:
        engine = make_engine(url)
        await upgrade_engine(engine)
        db = Database(engine)
        board = await setup(db, args.seats)
        await one_round(db, url, 1, argparse.Namespace(**{**vars(args), "presses": 300}), board)
        one, cpu_one = await one_round(db, url, 1, args, board)
        two, cpu_two = await one_round(db, url, 2, args, board)
        await engine.dispose()
    finally:
        await ddl(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    cores = os.cpu_count() or 1
    print(
        f"\nPostgreSQL, {args.presses} ballot presses from the inbox, {args.seats} seats, "
        f"{args.motions} proposals, {cores} cores (shared with PostgreSQL and this script)"
    )
    print(f"  {'workers':8} {'ballots/s':>10}  CPU ms per ballot, per worker")
    print(f"  {1:<8} {one:10.0f}  " + ", ".join(f"{c * 1000:.2f}" for c in cpu_one))
    print(f"  {2:<8} {two:10.0f}  " + ", ".join(f"{c * 1000:.2f}" for c in cpu_two))
    ratio = two / one
    per_ballot_one = sum(cpu_one)
    per_ballot_two = sum(cpu_two)
    print(
        f"  two workers: {ratio:.2f}x one; CPU per ballot (all workers) {per_ballot_two * 1000:.2f} "
        f"ms vs {per_ballot_one * 1000:.2f} ms ({(per_ballot_two / per_ballot_one - 1) * 100:+.0f}%)"
    )
    target = 1.6 if cores >= 4 else 1.0
    within = ratio >= target and (cores >= 4 or per_ballot_two <= per_ballot_one * 1.10)
    print(
        f"  target on {cores} cores: >= {target}x"
        + ("" if cores >= 4 else " and CPU per ballot within 10%")
        + f": {'met' if within else 'NOT met'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--presses", type=int, default=4000)
    parser.add_argument("--seats", type=int, default=200)
    parser.add_argument("--motions", type=int, default=5)
    parser.add_argument(
        "--postgres",
        default="postgresql+asyncpg://postgres@127.0.0.1:5432/test",
        metavar="URL",
        help="a PostgreSQL server (its database is left alone; the bench makes its own)",
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
