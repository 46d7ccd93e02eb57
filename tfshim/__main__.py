"""``python -m tfshim``: the ``tfshim`` command (see tfshim.notebook.cli), e.g.
``python -m tfshim run NOTEBOOK.ipynb``, ``python -m tfshim SCRIPT.py ARGS``."""

import sys

from tfshim.notebook.cli import main

if __name__ == "__main__":
    sys.exit(main())
