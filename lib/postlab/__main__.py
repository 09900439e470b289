import sys

from postlab.cli import main

sys.exit(main())
