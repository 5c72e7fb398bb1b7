"""Anchor for bench/reflection/reflect.mjs: SQLAlchemy 1.4 reflecting the same
database table by table, as Alembic's autogenerate does (Inspector.reflect_table
per table, foreign keys not followed). Prints the median milliseconds.

    python3 _sqlalchemy_reflect.py URL RUNS
"""
import sys
import time

import sqlalchemy as sa


def sqlalchemy_url(url: str) -> str:
    if url.startswith("sqlite:"):
        return "sqlite:///" + url[len("sqlite:"):]
    if url.startswith("postgres://"):
        return "postgresql+psycopg2://" + url[len("postgres://"):]
    if url.startswith("mysql://"):
        return "mysql+pymysql://" + url[len("mysql://"):]
    raise SystemExit(f"unsupported url {url}")


def reflect_all(engine) -> int:
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        metadata = sa.MetaData()
        names = inspector.get_table_names()
        for name in names:
            table = sa.Table(name, metadata)
            inspector.reflect_table(table, None, resolve_fks=False)
        return len(names)


def main() -> None:
    url, runs = sys.argv[1], int(sys.argv[2])
    engine = sa.create_engine(sqlalchemy_url(url))
    reflect_all(engine)  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        reflect_all(engine)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    mid = len(samples) // 2
    print(samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2)


main()
