"""``python -m govdoc …``: the same commands as the ``govdoc`` script."""

import sys

from govdoc.cli import main

if __name__ == "__main__":
    sys.exit(main())
