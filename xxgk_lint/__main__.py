import sys

from xxgk_lint.core.cli import main

sys.exit(main())
