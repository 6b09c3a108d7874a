"""`python -m revpack`."""

from revpack.cli.main import main

main()
