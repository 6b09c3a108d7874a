"""`python -m revpack`."""

from .cli import main

main()
