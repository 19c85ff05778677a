"""Companion's performance suite, run by hand (never in CI timing assertions).

    python3 -m uv run --with jrnl python -m benchmarks          # 1k and 10k, plus jrnl side by side
    python3 -m uv run --with jrnl python -m benchmarks --full   # adds a 50k journal
    python -m benchmarks --smoke                                 # 200 records, seconds; used by tests
    python3 -m uv run --extra test python -m benchmarks --browser  # the web UI in headless Chromium

See benchmarks/README.md for what each number includes.
"""
