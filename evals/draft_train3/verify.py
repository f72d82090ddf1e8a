"""Check this drafting-task set: python3 verify.py [--bench PATH] (the checks are in evals/draft_verify.py)."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from evals.draft_verify import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main(HERE))
