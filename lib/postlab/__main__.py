from postlab.cli import run

run()
