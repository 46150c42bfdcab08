#!/usr/bin/env python
import sys

from grogrund.cli import main

if __name__ == "__main__":
    sys.exit(main(["manage", *sys.argv[1:]]))
