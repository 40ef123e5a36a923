"""``python -m alignsim``: the same command as ``alignsim``."""

from alignsim.cli import main

if __name__ == "__main__":
    main(prog_name="alignsim")
