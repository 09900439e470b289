"""One module per ``postlab`` subcommand; see ``postlab.cli``."""
