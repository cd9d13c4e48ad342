"""``python -m analyzer`` runs the CLI."""

from analyzer.cli import main

if __name__ == "__main__":
    main()
