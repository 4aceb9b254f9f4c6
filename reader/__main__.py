from reader.main import main

# Guarded: the language detector's child process (multiprocessing "spawn") imports this module again.
if __name__ == "__main__":
    raise SystemExit(main())
