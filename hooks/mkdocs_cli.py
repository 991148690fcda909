"""`mkdocs`, with no giant lines: what `make build` and `make serve` run.

MkDocs reports a problem in mkdocs.yml before it loads this project's hooks, quoting the
value it read; a value built from YAML aliases (a "billion laughs") made that one line of
50 MB. Here every MkDocs message longer than security.MESSAGE_LIMIT is cut to one short
line (each quoted part at most 80 characters) before anything prints it, and a mkdocs.yml
too deep for MkDocs' YAML reader is one line instead of a traceback.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.__main__ import cli

from security import MESSAGE_LIMIT, short_message
from yamlsource import CONFIG_TOO_DEEP


def _short_records() -> None:
    make = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = make(*args, **kwargs)
        if record.name.startswith("mkdocs") and len(str(record.msg)) > MESSAGE_LIMIT // 2:
            message = record.getMessage()
            if len(message) > MESSAGE_LIMIT:
                record.msg, record.args = short_message(message), ()
        return record

    logging.setLogRecordFactory(factory)


def main() -> int:
    """MkDocs' command line; a mkdocs.yml nested thousands deep (MkDocs' YAML reader runs out
    of stack before any hook loads) is one line too."""
    _short_records()
    try:
        return cli()
    except RecursionError:
        print(f"ERROR   -  mkdocs.yml: {CONFIG_TOO_DEEP}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
