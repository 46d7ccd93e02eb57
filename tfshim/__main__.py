"""``python -m tfshim run NOTEBOOK.ipynb``: see tfshim.notebook.cli."""

import sys

from tfshim.notebook.cli import main

if __name__ == "__main__":
    sys.exit(main())
