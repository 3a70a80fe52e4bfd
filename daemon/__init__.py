"""baocao's daemon: everything between the office mailbox and the replies, in floors that import only downwards
(tests/test_layering.py, docs/ARCHITECTURE.md). On top the command line (cli/); under it the jobs and the pass
(runner, loop, notify, digest, workflow, process); then cycles/, decision/ and summary/; at the bottom mail/,
config/ and the run's context (context, archive, pulse, errors). parsers and state sit beside the bottom floor:
anything here may import them, they import nothing from here."""
